import { Command } from 'commander';
import { GuardError } from '../core/errors.js';
import { inspectLock, isThisHost, type LockVerdict } from '../adapters/fs/lock-holder.js';
import { holderParams, lockReportOf, removeLockIfUnchanged, type LockReport } from '../adapters/fs/lock-stale.js';
import { askYesNo } from '../ui/prompts.js';
import { renderLockHolder, unlockOutcome } from '../ui/unlock-render.js';
import type { CommandKit, CommandOutcome } from './command.js';
import type { CommandContext } from './context.js';
import { resolveStateDir } from './state-dir.js';

export interface UnlockOptions {
  stateDir?: string;
}

/** `unlock [--yes]`: removes a lock whose holder is gone (RELIABILITY.md lesson 1). */
export function buildUnlockCommand({ t, action }: CommandKit): Command {
  return new Command('unlock')
    .description(t('unlock.cmd.summary'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<UnlockOptions>(runUnlock));
}

/**
 * Shows the holder. Refuses (exit 5) while it runs on this computer; a holder on another computer (or not
 * recorded) needs a confirmation or --yes; a gone holder's lock is removed at once. Removal (and refusal)
 * is journaled; finding no lock, or keeping it, changes nothing and writes nothing.
 */
export async function runUnlock(ctx: CommandContext, options: UnlockOptions): Promise<CommandOutcome> {
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: true });
  const verdict = await inspectLock(stateDir);
  if (verdict.kind === 'free') return unlockOutcome({ removed: false, holder: null }, ctx.t);
  const holder = lockReportOf(verdict);
  if (!ctx.out.json) ctx.out.note(renderLockHolder(describe(verdict, holder), ctx.t));
  if (verdict.kind === 'held' && !(await mayRemove(ctx, verdict, stateDir, holder)))
    return unlockOutcome({ removed: false, holder }, ctx.t);
  const expected = verdict.holder?.nonce ?? null;
  const removed = await removeLockIfUnchanged(stateDir, expected, (now) => now.kind === verdict.kind);
  if (removed) {
    ctx.journal.open(stateDir, 'unlock');
    ctx.journal.changes({ lock: holderSummary(holder) }, { lock: null });
  }
  return unlockOutcome({ removed, holder }, ctx.t);
}

/** A live holder here is refused (journaled, exit 5); elsewhere it takes --yes or a yes at the prompt. */
async function mayRemove(
  ctx: CommandContext,
  verdict: Extract<LockVerdict, { kind: 'held' }>,
  stateDir: string,
  holder: LockReport,
): Promise<boolean> {
  const h = verdict.holder;
  if (h !== null && isThisHost(h.host)) {
    ctx.journal.open(stateDir, 'unlock');
    ctx.journal.changes({ lock: holderSummary(holder) }, { lock: holderSummary(holder) });
    throw new GuardError({
      key: 'unlock.alive',
      params: { command: h.command, pid: h.pid },
      hintKey: 'unlock.alive.hint',
    });
  }
  const host = h?.host ?? ctx.t('unlock.otherHost');
  if (ctx.global.yes) return true;
  if (!ctx.interactive)
    throw new GuardError({ key: 'unlock.needsYes', params: { host }, hintKey: 'unlock.needsYes.hint' });
  return askYesNo(ctx.t('unlock.confirm', { host }), ctx.signal);
}

function describe(verdict: Exclude<LockVerdict, { kind: 'free' }>, holder: LockReport) {
  const params = { ...holderParams(verdict), phase: holder.phase ?? '-' };
  return { named: verdict.holder !== null, params, staleReason: verdict.kind === 'stale' ? verdict.reason : null };
}

function holderSummary(holder: LockReport): Record<string, unknown> {
  const { pid, host, user, command, startedAt } = holder;
  return { pid, host, user, command, startedAt };
}
