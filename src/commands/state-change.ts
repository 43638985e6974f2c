import { redactArgs } from '../core/config-redact.js';
import { ExitCode, isOrcaError } from '../core/errors.js';
import type { JournalEntry } from '../core/journal.js';
import type { AuditJournal, StateStore } from '../core/ports.js';
import { diffState } from '../core/state-diff.js';
import type { OrcaState } from '../core/state.js';
import { currentActor } from '../adapters/fs/actor.js';
import { FileJournal } from '../adapters/fs/journal-file.js';
import { FileStateStore, lockStateFile } from '../adapters/fs/state-file.js';
import { translator } from '../ui/i18n.js';
import type { CommandContext } from './context.js';

export interface StateChangeOptions {
  stateDir: string;
  /** The command words as the journal shows them: `select`, `switch emergency`. */
  command: string;
}

export interface StateChangeTools {
  /** Writes an intermediate state now (RELIABILITY.md lesson 7): a later failure keeps it and journals it. */
  checkpoint(state: OrcaState): Promise<void>;
}

export interface StateChange<R> {
  state: OrcaState;
  result: R;
}

/**
 * Runs one state-changing command: takes the short state-file lock, reads the state, runs `change`,
 * writes the new state atomically (only when it differs), and appends exactly ONE journal line — also when
 * anything fails (outcome `failed`, the error's exit code; the state diff then covers the checkpoints that
 * were written). The journal line is on disk before this resolves, so a command reports success only
 * after it is recorded. Keep `change` short: other state changes wait while it runs.
 */
export async function runStateChange<R>(
  ctx: CommandContext,
  options: StateChangeOptions,
  change: (state: OrcaState, tools: StateChangeTools) => Promise<StateChange<R>> | StateChange<R>,
  ports: { store?: StateStore; journal?: AuditJournal } = {},
): Promise<R> {
  const startedAt = new Date();
  const store = ports.store ?? new FileStateStore(options.stateDir);
  const journal = ports.journal ?? new FileJournal(options.stateDir);
  let before: OrcaState | undefined;
  let written: OrcaState | undefined;
  let releaseStateLock: (() => Promise<void>) | undefined;
  const record = (extra: Pick<JournalEntry, 'outcome' | 'exitCode'> & { error?: JournalEntry['error'] }) =>
    journal.append({
      ...entryHeader(ctx, options.command, startedAt),
      ...diffState(before ?? {}, written ?? before ?? {}),
      ...extra,
      durationMs: Date.now() - startedAt.getTime(),
    });
  try {
    let result: R;
    try {
      releaseStateLock = await lockStateFile(options.stateDir);
      before = await store.read();
      const tools: StateChangeTools = {
        checkpoint: async (state) => {
          await store.write(state);
          written = state;
        },
      };
      const outcome = await change(before, tools);
      if (outcome.state !== (written ?? before)) {
        await store.write(outcome.state);
        written = outcome.state;
      }
      result = outcome.result;
    } catch (error) {
      const exitCode = isOrcaError(error) ? error.exitCode : ExitCode.unexpected;
      await record({ outcome: 'failed', exitCode, error: describeError(error) }).catch((journalError: unknown) => {
        ctx.out.debug(`journal: ${String(journalError)}`);
      });
      throw error;
    }
    // Outside the catch: a journal that cannot be written fails the command, but is not retried as "failed".
    await record({ outcome: 'ok', exitCode: ExitCode.ok });
    return result;
  } finally {
    await releaseStateLock?.().catch(() => undefined);
  }
}

/** Time, actor and redacted arguments of a journal entry for this command run. */
export function entryHeader(
  ctx: CommandContext,
  command: string,
  startedAt: Date,
): Pick<JournalEntry, 'time' | 'user' | 'host' | 'pid' | 'command' | 'args'> {
  const actor = currentActor(ctx.env);
  return {
    time: startedAt.toISOString(),
    user: actor.user,
    host: actor.host,
    pid: actor.pid,
    command,
    args: redactArgs(ctx.argv),
  };
}

/** The error as the journal stores it: stable code and the English message (never a secret: see errors.ts). */
export function describeError(error: unknown): { code: string; message: string } {
  if (isOrcaError(error)) return { code: error.code, message: translator('en')(error.key, error.params) };
  return { code: 'UNEXPECTED', message: error instanceof Error ? error.message : String(error) };
}

/**
 * Appends one journal line for a command that changes something other than `state.json` (e.g. `unlock`):
 * `before`/`after` are diffed like states; `error` makes the outcome `failed` with its exit code.
 */
export async function journalCommand(
  ctx: CommandContext,
  entry: { stateDir: string; command: string; startedAt: Date; before: unknown; after: unknown; error?: unknown },
  journal: AuditJournal = new FileJournal(entry.stateDir),
): Promise<void> {
  const failed = entry.error !== undefined;
  await journal.append({
    ...entryHeader(ctx, entry.command, entry.startedAt),
    ...diffState(entry.before, entry.after),
    outcome: failed ? 'failed' : 'ok',
    exitCode: failed ? (isOrcaError(entry.error) ? entry.error.exitCode : ExitCode.unexpected) : ExitCode.ok,
    durationMs: Date.now() - entry.startedAt.getTime(),
    ...(failed ? { error: describeError(entry.error) } : {}),
  });
}
