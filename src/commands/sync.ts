import { Command } from 'commander';
import { newestVerified } from '../core/backup-catalog.js';
import type { Sequences } from '../core/domain.js';
import {
  AuthError,
  ConfigError,
  ExitCode,
  GuardError,
  UnreachableError,
  VerificationError,
  isOrcaError,
  type OrcaError,
} from '../core/errors.js';
import { recordSequences, recordSync } from '../core/state-changes.js';
import { runSync, type SyncEvents, type SyncPorts } from '../core/sync.js';
import { FileStateStore } from '../adapters/fs/state-file.js';
import { formatBytes } from '../ui/backup-format.js';
import { renderStillNewest, renderSyncSummary, syncJson, type SyncJson } from '../ui/sync-summary.js';
import { createProgressDisplay } from '../ui/transfer-progress.js';
import { translator } from '../ui/i18n.js';
import { action } from './action.js';
import { errorDocument, isHeldLock, printError, startBackupRun, type BackupRun } from './backup-runtime.js';
import type { CommandContext } from './context.js';
import { helpTranslator } from './help-language.js';
import { runStateChange } from './state-change.js';

export interface SyncCliOptions {
  wait?: string;
  deadline?: string;
  upload: boolean;
  stateDir?: string;
}

const english = translator('en');

/** `sync` (manual 3.2.8): newest operating backup → verified catalog → cloud emergency; retention. */
export function buildSyncCommand(): Command {
  const t = helpTranslator();
  return new Command('sync')
    .description(t('sync.cmd.summary'))
    .exitOverride()
    .option('--wait <duration>', t('sync.option.wait'))
    .option('--deadline <duration>', t('sync.option.deadline'))
    .option('--no-upload', t('sync.option.noUpload'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<SyncCliOptions>(runSyncCommand));
}

export async function runSyncCommand(ctx: CommandContext, options: SyncCliOptions): Promise<void> {
  let run: BackupRun;
  try {
    run = await startBackupRun(ctx, {
      command: 'sync',
      stateDir: options.stateDir,
      wait: options.wait,
      deadline: options.deadline,
    });
  } catch (error) {
    if (!isHeldLock(error)) throw error;
    printError(ctx, error, [ctx.t('sync.skippedLocked')]);
    emit(ctx, { ...emptyJson('skippedLocked'), error: errorDocument(ctx, error) }, null);
    process.exitCode = ExitCode.locked;
    return;
  }
  let sequences: { values: Sequences; at: Date } | null = null;
  const show = ctx.out.interactiveStderr;
  const bars = {
    download: createProgressDisplay(ctx.out.errorStream, ctx.t('sync.progress.download'), show),
    upload: createProgressDisplay(ctx.out.errorStream, ctx.t('sync.progress.upload'), show),
  };
  const events: SyncEvents = {
    phase: (phase) => {
      run.log.write(`phase ${phase}`);
      void run.lock.updatePhase(phase).catch(() => undefined);
    },
    chosen: (backup, age, cataloged) => {
      run.log.write(
        `newest ${backup.id} created ${backup.createdAt} (${age} s ago) size ${backup.size} sha256 ${backup.sha256}${cataloged ? ' already cataloged' : ''}`,
      );
      if (show)
        ctx.out.info(
          ctx.t('sync.chosen', {
            id: backup.id,
            createdAt: backup.createdAt,
            size: formatBytes(backup.size),
          }),
        );
    },
    progress: (direction, progress) => bars[direction].update(progress),
    sequencesRead: (values, at) => {
      sequences = { values, at };
      run.log.write(`operating counters ${JSON.stringify(values)}`);
    },
    warning: (key, params, cause) => {
      run.log.write(`warning: ${english(key, { ...params, reason: cause ? english(cause.key, cause.params) : '' })}`);
      ctx.out.warn(ctx.t(key, { ...params, reason: cause ? ctx.t(cause.key, cause.params) : '' }));
    },
  };
  try {
    const ports = await syncPorts(run, events);
    const state = await new FileStateStore(run.stateDir).read();
    const report = await runSync(
      { state, retention: run.config.backup.retention, deadlineMs: run.deadlineMs, upload: options.upload },
      ports,
    );
    bars.download.stop();
    bars.upload.stop();
    await record(ctx, run, { outcome: report.outcome, backupId: report.backup.id, sequences });
    const line = renderSyncSummary(report, ctx.t);
    run.log.write(
      `end ${report.outcome} ${report.backup.id} upload=${report.upload} pruned=${JSON.stringify(report.pruned)} transfer=${JSON.stringify(report.transfer)}`,
    );
    if (report.uploadError) {
      run.log.write(`upload failed: ${english(report.uploadError.key, report.uploadError.params)}`);
      printError(ctx, report.uploadError, [ctx.t('sync.next.uploadLater')]);
      process.exitCode = ExitCode.partial;
    }
    emit(ctx, syncJson(report, new Date(), report.uploadError ? errorDocument(ctx, report.uploadError) : null), line);
  } catch (error) {
    bars.download.stop();
    bars.upload.stop();
    if (!isOrcaError(error)) throw error;
    await record(ctx, run, { outcome: 'failed', message: english(error.key, error.params), sequences });
    run.log.write(`end failed ${error.code}: ${english(error.key, error.params)}`);
    const { entries } = await run.folder.read().catch(() => ({ entries: [] }));
    const newest = newestVerified(entries.filter((e) => e.source === 'operating'));
    printError(ctx, error, [
      ctx.t('sync.failed'),
      nextRunLine(ctx, error),
      renderStillNewest(newest, new Date(), ctx.t),
    ]);
    emit(ctx, { ...emptyJson('failed'), error: errorDocument(ctx, error) }, null);
    process.exitCode = error.exitCode;
  } finally {
    await run.finish();
  }
}

async function syncPorts(run: BackupRun, events: SyncEvents): Promise<SyncPorts> {
  const operating = run.config.environments.operating;
  // pg is loaded only for an on-premises operating server: the hourly run stays small otherwise.
  const direct =
    operating.kind === 'cloud'
      ? null
      : (await import('../adapters/factory.js')).createEnvironmentControl(run.config, 'operating');
  const source: SyncPorts['source'] =
    operating.kind === 'cloud'
      ? { kind: 'cloud', api: run.cloud('operating') }
      : { kind: 'database', db: operating.database };
  return {
    source,
    operating: direct ?? run.cloud('operating'),
    emergency: run.cloud('cloudEmergency'),
    folder: run.folder,
    events,
    clock: { now: () => new Date() },
  };
}

/** Records the outcome (and the counters read) in the state, journaled; a failure to record is only a warning. */
async function record(
  ctx: CommandContext,
  run: BackupRun,
  what: {
    outcome: SyncJson['outcome'];
    backupId?: string;
    message?: string;
    sequences: { values: Sequences; at: Date } | null;
  },
): Promise<void> {
  if (what.outcome === 'skippedLocked') return;
  const outcome = what.outcome;
  try {
    await runStateChange(ctx, { stateDir: run.stateDir, command: 'sync' }, (state) => {
      let next = recordSync(state, {
        at: new Date(),
        outcome,
        backupId: what.backupId,
        message: what.message?.slice(0, 4000),
      });
      if (what.sequences) next = recordSequences(next, 'operating', what.sequences.values, what.sequences.at);
      return { state: next, result: undefined };
    });
  } catch (error) {
    const text = isOrcaError(error) ? ctx.t(error.key, error.params) : String(error);
    run.log.write(`state not recorded: ${text}`);
    ctx.out.warn(ctx.t('sync.stateNotRecorded', { reason: text }));
  }
}

/** What the next hourly run will do about this failure. */
function nextRunLine(ctx: CommandContext, error: OrcaError): string {
  if (error instanceof VerificationError)
    return ctx.t(error.key === 'verify.archiveTooNew' ? 'sync.next.afterUpgrade' : 'sync.next.redownload');
  if (error instanceof UnreachableError && error.key === 'sync.downloadDeadline') {
    return ctx.t('sync.next.resume', { bytes: formatBytes(Number(error.params.bytes ?? 0)) });
  }
  if (error instanceof AuthError || error instanceof ConfigError || error instanceof GuardError)
    return ctx.t('sync.next.fixSettings');
  return ctx.t('sync.next.retry');
}

function emptyJson(outcome: SyncJson['outcome']): SyncJson {
  return { outcome, backup: null, uploaded: false, upload: null, pruned: [], transfer: null, error: null };
}

/** One JSON document in `--json` mode; otherwise the summary line (when there is one). */
function emit(ctx: CommandContext, json: SyncJson, line: string | null): void {
  if (ctx.out.json) ctx.out.result(json, () => '');
  else if (line !== null) ctx.out.line(line);
}
