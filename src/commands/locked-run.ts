/**
 * What a command that changes the clinic's data holds while it runs: its state folder, the one lock (waiting
 * up to `--wait`; Ctrl-C stops the wait), its journal line, and — for the hourly jobs — the run log. All of it
 * is released by `main()` when the run ends.
 */
import { LockedError } from '../core/errors.js';
import { acquireLock, type LockHandle } from '../adapters/fs/lock.js';
import { openRunLog, type RunLog } from '../adapters/fs/run-log.js';
import { translator } from '../ui/i18n.js';
import type { CommandContext } from './context.js';
import { durationOption } from './options.js';
import { describeError } from './run-journal.js';
import { resolveStateDir } from './state-dir.js';

export interface LockedRun {
  stateDir: string;
  lock: LockHandle;
  /** The run log (`orca-hybrid.log`), or a log that keeps nothing when the command asked for none. */
  log: RunLog;
  /** Tells others who find the lock held (and the log) what this run does now. */
  phase(phase: string): void;
}

export interface LockedRunOptions {
  /** The command as the lock, the log and the journal name it. */
  command: string;
  stateDirFlag: string | undefined;
  waitMs: number;
  /** Keep a run log (the unattended hourly jobs). */
  log?: boolean;
}

const english = translator('en');

/** Takes the lock; a held lock throws the LockedError naming its holder (exit 7), logged first. */
export async function startLockedRun(ctx: CommandContext, options: LockedRunOptions): Promise<LockedRun> {
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDirFlag, tolerateBrokenConfig: false });
  const log = options.log
    ? await openRunLog(stateDir, options.command, [...ctx.argv])
    : { path: '', write: () => undefined };
  let lock: LockHandle;
  try {
    lock = await acquireLock({
      stateDir,
      command: options.command,
      waitMs: options.waitMs,
      signal: ctx.signal,
      notify: (key, params) => {
        log.write(english(key, params));
        ctx.out.note(ctx.t(key, params));
      },
    });
  } catch (error) {
    log.write(`end skipped: ${describeError(error).message}`);
    throw error;
  }
  ctx.defer(() => lock.release());
  ctx.journal.open(stateDir, options.command);
  return {
    stateDir,
    lock,
    log,
    phase(phase) {
      log.write(`phase ${phase}`);
      void lock.updatePhase(phase).catch(() => undefined);
    },
  };
}

/** The options of the unattended jobs (`sync`, `backup`). */
export interface HourlyRunOptions {
  wait?: string;
  deadline?: string;
  stateDir?: string;
}

/**
 * `sync` and `backup`: the lock with the run log, and the run's total deadline (`--deadline`, else
 * `sync.deadlineMinutes`). A lock another run holds is returned, not thrown: the run is skipped (exit 7).
 */
export async function startHourlyRun(
  ctx: CommandContext,
  command: 'sync' | 'backup',
  options: HourlyRunOptions,
): Promise<{ run: LockedRun; deadlineMs: number } | LockedError> {
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const deadline = durationOption(options.deadline, '--deadline');
  const { config } = await ctx.config();
  try {
    const run = await startLockedRun(ctx, { command, stateDirFlag: options.stateDir, waitMs, log: true });
    return { run, deadlineMs: deadline ?? config.sync.deadlineMinutes * 60_000 };
  } catch (error) {
    // A held lock, not a lost one nor the state-file lock.
    if (error instanceof LockedError && error.key.startsWith('lock.held')) return error;
    throw error;
  }
}
