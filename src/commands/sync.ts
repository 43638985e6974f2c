import { Command } from 'commander';
import { newestVerified } from '../core/backup-catalog.js';
import { LockedError, isOrcaError } from '../core/errors.js';
import type { Sequences } from '../core/domain.js';
import { runSync, type SyncEvents, type SyncPorts, type SyncReport } from '../core/sync.js';
import { recordSequences, recordSync } from '../core/state-changes.js';
import { FileStateStore } from '../adapters/fs/state-file.js';
import type { AdapterFactory } from '../adapters/factory.js';
import { syncProgress } from '../ui/sync-progress.js';
import { syncDoneOutcome, syncFailedOutcome, syncSkippedOutcome } from '../ui/sync-summary.js';
import { openAdapters } from './adapters.js';
import type { CommandKit, CommandOutcome } from './command.js';
import type { CommandContext } from './context.js';
import { startHourlyRun, type HourlyRunOptions, type LockedRun } from './locked-run.js';
import { deliverOwedPushes } from './mode-delivery.js';
import { describeError } from './run-journal.js';
import { runStateChange } from './state-change.js';

export interface SyncCliOptions extends HourlyRunOptions {
  upload: boolean;
}

/** `sync` (manual 3.2.8): newest operating backup → verified catalog → cloud emergency; retention. */
export function buildSyncCommand({ t, action }: CommandKit): Command {
  return new Command('sync')
    .description(t('sync.cmd.summary'))
    .option('--wait <duration>', t('sync.option.wait'))
    .option('--deadline <duration>', t('sync.option.deadline'))
    .option('--no-upload', t('sync.option.noUpload'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<SyncCliOptions>(runSyncCommand));
}

/** Under the lock: the sync, then its outcome and the counters it read recorded in the state (journaled). */
export async function runSyncCommand(ctx: CommandContext, options: SyncCliOptions): Promise<CommandOutcome> {
  const started = await startHourlyRun(ctx, 'sync', options);
  if (started instanceof LockedError) return syncSkippedOutcome(started, ctx.t);
  const { run, deadlineMs } = started;
  const { config } = await ctx.config();
  const adapters = await openAdapters(ctx, { retry: { totalDeadlineMs: deadlineMs }, stateDir: run.stateDir });
  // First: a cloud emergency environment still reporting the outage's mode would hold back the upload.
  await deliverOwedPushes(ctx, adapters, run.stateDir, ['operating', 'cloudEmergency'], 'sync');
  const progress = syncProgress(ctx.out, ctx.t, { log: run.log.write, phase: run.phase });
  const ports = await syncPorts(adapters, progress.events);
  const state = await new FileStateStore(run.stateDir).read();
  const settings = {
    state,
    retention: config.backup.retention,
    deadlineMs,
    upload: options.upload,
    signal: ctx.signal,
  };
  try {
    const report = await runSync(settings, ports);
    progress.stop();
    await record(ctx, run, report, progress.sequences());
    return syncDoneOutcome(report, new Date(), ctx.t);
  } catch (error) {
    progress.stop();
    await record(ctx, run, error, progress.sequences());
    if (!isOrcaError(error)) throw error;
    return syncFailedOutcome(error, newestVerified((await ports.folder.read()).entries), new Date(), ctx.t);
  }
}

async function syncPorts(adapters: AdapterFactory, events: SyncEvents): Promise<SyncPorts> {
  const [source, operating, emergency, folder] = await Promise.all([
    adapters.dumpSource('operating'),
    adapters.environmentControl('operating'),
    adapters.cloudControl('cloudEmergency'),
    adapters.backupFolder(),
  ]);
  return { source, operating, emergency, folder, events, clock: { now: () => new Date() } };
}

/** The outcome and the counters read go into the state (and the run log); failing to record is only a warning. */
async function record(
  ctx: CommandContext,
  run: LockedRun,
  report: SyncReport | unknown,
  sequences: { values: Sequences; at: Date } | null,
): Promise<void> {
  const done = isSyncReport(report);
  const message = done ? undefined : describeError(report).message;
  run.log.write(done ? `end ${summaryOf(report)}` : `end failed ${describeError(report).code}: ${message}`);
  const at = new Date();
  const outcome = done ? report.outcome : 'failed';
  try {
    await runStateChange(ctx, { stateDir: run.stateDir, command: 'sync' }, (state) => {
      let next = recordSync(state, {
        at,
        outcome,
        backupId: done ? report.backup.id : undefined,
        message: message?.slice(0, 4000),
      });
      if (sequences) next = recordSequences(next, 'operating', sequences.values, sequences.at);
      return { state: next, result: undefined };
    });
  } catch (error) {
    const text = isOrcaError(error) ? ctx.t(error.key, error.params) : String(error);
    run.log.write(`state not recorded: ${text}`);
    ctx.out.note(ctx.t('sync.stateNotRecorded', { reason: text }));
  }
}

function summaryOf(report: SyncReport): string {
  const upload = report.uploadError ? ` upload failed: ${describeError(report.uploadError).message}` : '';
  const pruned = JSON.stringify(report.pruned);
  return `${report.outcome} ${report.backup.id} upload=${report.upload} pruned=${pruned} transfer=${JSON.stringify(report.transfer)}${upload}`;
}

function isSyncReport(value: unknown): value is SyncReport {
  return typeof value === 'object' && value !== null && 'outcome' in value && 'backup' in value;
}
