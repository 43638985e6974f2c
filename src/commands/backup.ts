import { randomUUID } from 'node:crypto';
import { Command, Option } from 'commander';
import { LockedError, isOrcaError } from '../core/errors.js';
import { takeBackup } from '../core/take-backup.js';
import { FileStateStore } from '../adapters/fs/state-file.js';
import { backupProgress } from '../ui/sync-progress.js';
import { backupDoneOutcome, backupFailedOutcome } from '../ui/sync-summary.js';
import { openAdapters } from './adapters.js';
import type { CommandKit, CommandOutcome } from './command.js';
import type { CommandContext } from './context.js';
import { startHourlyRun, type HourlyRunOptions } from './locked-run.js';
import { deliverOwedPushes } from './mode-delivery.js';
import { describeError } from './run-journal.js';

export interface BackupCliOptions extends HourlyRunOptions {
  from: 'cloudEmergency' | 'localEmergency';
}

/** `backup --from cloudEmergency|localEmergency` (バックアップを取得). */
export function buildBackupCommand({ t, action }: CommandKit): Command {
  return new Command('backup')
    .description(t('backup.cmd.summary'))
    .addOption(
      new Option('--from <env>', t('backup.option.from'))
        .choices(['cloudEmergency', 'localEmergency'])
        .makeOptionMandatory(),
    )
    .option('--wait <duration>', t('sync.option.wait'))
    .option('--deadline <duration>', t('sync.option.deadline'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<BackupCliOptions>(runBackupCommand));
}

/** Under the lock: a new verified backup of the environment in the catalog, journaled; retention afterwards. */
export async function runBackupCommand(ctx: CommandContext, options: BackupCliOptions): Promise<CommandOutcome> {
  const env = options.from;
  const started = await startHourlyRun(ctx, 'backup', options);
  if (started instanceof LockedError) return backupFailedOutcome(env, started, [], ctx.t);
  const { run, deadlineMs } = started;
  const { config } = await ctx.config();
  ctx.journal.changes({ backup: null }, { backup: null });
  const adapters = await openAdapters(ctx, { retry: { totalDeadlineMs: deadlineMs }, stateDir: run.stateDir });
  const progress = backupProgress(ctx.out, ctx.t, { log: run.log.write, phase: run.phase });
  const [source, folder, state] = await Promise.all([
    adapters.dumpSource(env),
    adapters.backupFolder(),
    new FileStateStore(run.stateDir).read(),
  ]);
  const requestId = `backup-${randomUUID()}`;
  const settings = { env, state, retention: config.backup.retention, deadlineMs, requestId, signal: ctx.signal };
  const ports = { source, folder, events: progress.events, clock: { now: () => new Date() } };
  try {
    const report = await takeBackup(settings, ports);
    const { entry, pruned } = report;
    run.log.write(`end ok ${entry.id} size ${entry.size} sha256 ${entry.sha256} pruned=${JSON.stringify(pruned)}`);
    ctx.journal.changes({ backup: null }, { backup: { env, id: entry.id, sha256: entry.sha256 }, pruned });
    await deliverOwedPushes(ctx, adapters, run.stateDir, [env], 'backup');
    return backupDoneOutcome(env, report, new Date(), ctx.t);
  } catch (error) {
    run.log.write(`end failed ${describeError(error).code}: ${describeError(error).message}`);
    if (!isOrcaError(error)) throw error;
    return backupFailedOutcome(env, error, [ctx.t('backup.failed.catalogUnchanged')], ctx.t);
  } finally {
    progress.stop();
  }
}
