/**
 * Wiring shared by `sync` and `backup`: configuration, state folder, run log, the one lock (with
 * `--wait`), cloud clients with the sync timeouts, the catalog folder, and the way a failed run is told
 * (stderr lines, one JSON document, exit code) without a second report from `main()`.
 */
import type { OrcaConfig } from '../core/config-schema.js';
import type { EnvironmentName } from '../core/domain.js';
import { LockedError, isOrcaError, type OrcaError } from '../core/errors.js';
import { CloudControl } from '../adapters/cloud/cloud-control.js';
import { createHttpClient, type HttpClient } from '../adapters/http/client-factory.js';
import { httpOptionsFor } from '../adapters/http/options-from-config.js';
import { FsBackupFolder } from '../adapters/fs/backup-folder.js';
import { acquireLock, type LockHandle } from '../adapters/fs/lock.js';
import { openRunLog, type RunLog } from '../adapters/fs/run-log.js';
import type { CommandContext } from './context.js';
import { translator } from '../ui/i18n.js';
import { durationOption } from './options.js';
import { describeError } from './state-change.js';
import { resolveStateDir } from './state-dir.js';

const english = translator('en');

export interface BackupRun {
  config: OrcaConfig;
  configFile: string;
  stateDir: string;
  log: RunLog;
  lock: LockHandle;
  folder: FsBackupFolder;
  deadlineMs: number;
  /** Cloud control clients made for this run; closed by `finish`. */
  cloud(env: EnvironmentName): CloudControl;
  finish(): Promise<void>;
}

export interface BackupRunOptions {
  command: 'sync' | 'backup';
  stateDir?: string;
  wait?: string;
  deadline?: string;
}

/**
 * Loads config, opens the log and takes the lock (waiting up to `--wait`). A held lock is logged and
 * rethrown as the LockedError naming the holder; the caller reports it (exit 7).
 */
export async function startBackupRun(ctx: CommandContext, options: BackupRunOptions): Promise<BackupRun> {
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const deadlineOverride = durationOption(options.deadline, '--deadline');
  const { loadConfig } = await import('../adapters/config/load.js');
  const { config, filepath } = await loadConfig(ctx);
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const log = await openRunLog(stateDir, options.command, ctx.argv);
  let lock: LockHandle;
  try {
    lock = await acquireLock({
      stateDir,
      command: options.command,
      waitMs,
      notify: (key, params) => {
        log.write(english(key, params));
        ctx.out.note(ctx.t(key, params));
      },
    });
  } catch (error) {
    log.write(`end skipped: ${describeError(error).message}`);
    throw error;
  }
  const deadlineMs = deadlineOverride ?? config.sync.deadlineMinutes * 60_000;
  const clients: HttpClient[] = [];
  const controls = new Map<EnvironmentName, CloudControl>();
  return {
    config,
    configFile: filepath,
    stateDir,
    log,
    lock,
    deadlineMs,
    folder: new FsBackupFolder(config.backup.folder, {
      onStep: (step) => {
        log.write(`verify ${step}`);
        void lock.updatePhase(`verifying (${step})`).catch(() => undefined);
      },
      onRetry: (reason) => {
        log.write(`discarded a download that failed verification (${reason}); fetching it again`);
        ctx.out.note(ctx.t('sync.retryCorrupt'));
      },
    }),
    cloud(env) {
      const existing = controls.get(env);
      if (existing) return existing;
      const base = httpOptionsFor(config, env, 'control');
      const http = createHttpClient({ ...base, retry: { ...base.retry, totalDeadlineMs: deadlineMs } });
      clients.push(http);
      const control = new CloudControl(http);
      controls.set(env, control);
      return control;
    },
    async finish() {
      for (const client of clients) client.close();
      await lock.release().catch(() => undefined);
    },
  };
}

/** The error as `--json` documents carry it (same shape as `main()` writes for other commands). */
export function errorDocument(
  ctx: CommandContext,
  error: OrcaError,
): { code: string; exitCode: number; message: string; details: string[]; hint: string | null } {
  return {
    code: error.code,
    exitCode: error.exitCode,
    message: ctx.t(error.key, error.params),
    details: error.details,
    hint: error.hintKey ? ctx.t(error.hintKey, error.hintParams) : null,
  };
}

/** Writes an error to stderr like `main()` does, plus its cause when that is a typed error too. */
export function printError(ctx: CommandContext, error: OrcaError, extra: string[] = []): void {
  const lines = [`${ctx.t('error.prefix')}: ${ctx.t(error.key, error.params)}`, ...error.details.map((d) => `  ${d}`)];
  if (isOrcaError(error.cause)) lines.push(`  ${ctx.t(error.cause.key, error.cause.params)}`);
  if (error.hintKey) lines.push(`${ctx.t('error.hint')}: ${ctx.t(error.hintKey, error.hintParams)}`);
  lines.push(...extra);
  ctx.out.note(lines.join('\n'));
  if (ctx.out.verbose && error.stack) ctx.out.note(`${ctx.t('error.verboseStack')}\n${error.stack}`);
}

/** True for the LockedError of a held lock (not a lost one, nor the state-file lock). */
export function isHeldLock(error: unknown): error is LockedError {
  return error instanceof LockedError && error.key.startsWith('lock.held');
}
