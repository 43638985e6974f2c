import { Command } from 'commander';
import { CancelledError, GuardError } from '../core/errors.js';
import { inspectLock, isThisHost, type LockVerdict } from '../adapters/fs/lock-holder.js';
import { holderParams, lockReportOf, removeLockIfUnchanged, type LockReport } from '../adapters/fs/lock-stale.js';
import { action } from './action.js';
import type { CommandContext } from './context.js';
import { helpTranslator } from './help-language.js';
import { journalCommand } from './state-change.js';
import { resolveStateDir } from './state-dir.js';

export interface UnlockOptions {
  stateDir?: string;
}

/** What `unlock --json` prints. */
export interface UnlockReport {
  removed: boolean;
  holder: LockReport | null;
}

/** `unlock [--yes]`: removes a lock whose holder is gone (RELIABILITY.md lesson 1). */
export function buildUnlockCommand(): Command {
  const t = helpTranslator();
  // exitOverride: a parse error reaches main() and exits 2 (commander alone would exit 1).
  return new Command('unlock')
    .exitOverride()
    .description(t('unlock.cmd.summary'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<UnlockOptions>(runUnlock));
}

/**
 * Shows the holder. Refuses (exit 5) while it runs on this computer; a holder on another computer (or not
 * recorded) needs a confirmation or --yes; a gone holder's lock is removed at once. Removal (and refusal)
 * is journaled; finding no lock changes nothing and writes nothing.
 */
export async function runUnlock(ctx: CommandContext, options: UnlockOptions): Promise<void> {
  const startedAt = new Date();
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: true });
  const verdict = await inspectLock(stateDir);
  if (verdict.kind === 'free') {
    ctx.out.result({ removed: false, holder: null } satisfies UnlockReport, () => ctx.t('unlock.none'));
    return;
  }
  const holder = lockReportOf(verdict);
  if (!ctx.out.json) ctx.out.note(describe(ctx, verdict, holder));
  const journal = (after: unknown, error?: unknown) =>
    journalCommand(ctx, {
      stateDir,
      command: 'unlock',
      startedAt,
      before: { lock: holderSummary(holder) },
      after,
      error,
    });

  if (verdict.kind === 'held') {
    const h = verdict.holder;
    if (h !== null && isThisHost(h.host)) {
      const error = new GuardError({
        key: 'unlock.alive',
        params: { command: h.command, pid: h.pid },
        hintKey: 'unlock.alive.hint',
      });
      await journal({ lock: holderSummary(holder) }, error);
      throw error;
    }
    const host = h?.host ?? ctx.t('unlock.otherHost');
    if (!(await confirmRemoval(ctx, host))) {
      ctx.out.result({ removed: false, holder } satisfies UnlockReport, () => ctx.t('unlock.kept'));
      return;
    }
  }
  const expected = verdict.holder?.nonce ?? null;
  const removed = await removeLockIfUnchanged(stateDir, expected, (now) => now.kind === verdict.kind);
  if (removed) await journal({ lock: null });
  ctx.out.result({ removed, holder } satisfies UnlockReport, () => ctx.t(removed ? 'unlock.removed' : 'unlock.kept'));
}

function describe(ctx: CommandContext, verdict: Exclude<LockVerdict, { kind: 'free' }>, holder: LockReport): string {
  const params = { ...holderParams(verdict), phase: holder.phase ?? '-' };
  const line = ctx.t(verdict.holder ? 'unlock.holder' : 'unlock.holderUnknown', params);
  return verdict.kind === 'stale'
    ? `${line}\n${ctx.t('unlock.stale', { reason: ctx.t(`lock.reason.${verdict.reason}`) })}`
    : line;
}

function holderSummary(holder: LockReport): Record<string, unknown> {
  return {
    pid: holder.pid,
    host: holder.host,
    user: holder.user,
    command: holder.command,
    startedAt: holder.startedAt,
  };
}

async function confirmRemoval(ctx: CommandContext, host: string): Promise<boolean> {
  if (ctx.global.yes) return true;
  if (!ctx.interactive) {
    throw new GuardError({ key: 'unlock.needsYes', params: { host }, hintKey: 'unlock.needsYes.hint' });
  }
  const { confirm } = await import('@inquirer/prompts');
  try {
    return await confirm({ message: ctx.t('unlock.confirm', { host }), default: false });
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError')
      throw new CancelledError({ key: 'error.cancelled' });
    throw error;
  }
}
