import { Command, Option } from 'commander';
import { ENVIRONMENT_NAMES, type OrcaConfig } from '../core/config-schema.js';
import type { EnvironmentName, Sequences } from '../core/domain.js';
import { UsageError, isOrcaError } from '../core/errors.js';
import { defaultRestoreTarget } from '../core/restore-plan.js';
import { runRestore, type RestoreReport } from '../core/restore-run.js';
import { recordRestorePoint, recordSequences } from '../core/state-changes.js';
import type { OrcaState } from '../core/state.js';
import { FsBackupFolder } from '../adapters/fs/backup-folder.js';
import { acquireLock } from '../adapters/fs/lock.js';
import { FileStateStore } from '../adapters/fs/state-file.js';
import { localPgRestoreVersion } from '../adapters/postgres/dump-tool.js';
import { inspectDumpFile } from '../adapters/postgres/restore-archive.js';
import { renderCountersAdvice, renderRestoreResult } from '../ui/restore-render.js';
import { createStepSpinner } from '../ui/step-spinner.js';
import { toolCommand } from '../ui/invocation.js';
import { action } from './action.js';
import type { CommandContext } from './context.js';
import { helpTranslator } from './help-language.js';
import {
  confirmRestore,
  createRestoreTarget,
  durationOption,
  missingDump,
  offerAlternative,
  readCounters,
  restoreEvents,
} from './restore-ports.js';
import { journalCommand, runStateChange } from './state-change.js';
import { resolveStateDir } from './state-dir.js';

export interface RestoreCommandOptions {
  target?: EnvironmentName;
  backup?: string;
  force: boolean;
  confirmClinic?: string;
  timeout: string;
  wait?: string;
  jobs?: string;
  stateDir?: string;
}

/** What `restore --json` prints (docs/json-output.md). */
export interface RestoreJson {
  target: EnvironmentName;
  backupId: string;
  safetyBackupId: string | null;
  seconds: number;
  backupCreatedAt: string;
  sequences: Sequences | null;
}

/** `restore [--target env] [--backup id]` (バックアップから反映). */
export function buildRestoreCommand(): Command {
  const t = helpTranslator();
  return new Command('restore')
    .exitOverride()
    .description(t('restore.cmd.summary'))
    .addOption(new Option('--target <env>', t('restore.option.target')).choices([...ENVIRONMENT_NAMES]))
    .option('--backup <id>', t('restore.option.backup'))
    .option('--force', t('restore.option.force'), false)
    .option('--confirm-clinic <name>', t('restore.option.confirmClinic'))
    .option('--timeout <duration>', t('restore.option.timeout'), '60m')
    .option('--wait <duration>', t('restore.option.wait'))
    .option('--jobs <n>', t('restore.option.jobs'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<RestoreCommandOptions>(runRestoreCommand));
}

/**
 * Holds the lock for the whole run (exit 7 when another run holds it), journals exactly one line (ok or
 * failed, also for refusals), records the restore point, then prints the result and — in emergency mode —
 * the counters and the bump it recommends. Ctrl-C stops the restore; the database in use stays as it was.
 */
export async function runRestoreCommand(ctx: CommandContext, options: RestoreCommandOptions): Promise<void> {
  const startedAt = new Date();
  const timeoutMs = durationOption(options.timeout, '--timeout')!;
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const jobs = options.jobs === undefined ? undefined : Number(options.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64)) {
    throw new UsageError({ key: 'restore.invalidJobs', params: { value: String(options.jobs).slice(0, 20) } });
  }
  const { loadConfig } = await import('../adapters/config/load.js');
  const { config } = await loadConfig(ctx);
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const lock = await acquireLock({
    stateDir,
    command: 'restore',
    waitMs,
    handleSignals: false,
    notify: (key, params) => ctx.out.warn(ctx.t(key, params)),
  });
  const controller = new AbortController();
  const onSignal = (): void => {
    // A second Ctrl-C quits at once (the lock goes with the process; the next run removes the staging database).
    if (controller.signal.aborted) process.exit(130);
    ctx.out.warn(ctx.t('restore.stopping'));
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const spinner = await createStepSpinner(ctx.out);
  let journaled = false;
  let before: OrcaState | undefined;
  let events: ReturnType<typeof restoreEvents> | undefined;
  try {
    before = await new FileStateStore(stateDir).read();
    const state = before;
    const target = options.target ?? defaultRestoreTarget(state);
    const folder = new FsBackupFolder(config.backup.folder);
    const catalog = await folder.read();
    for (const damaged of catalog.damaged) ctx.out.warn(ctx.t('restore.damagedSidecar', { file: damaged }));
    events = restoreEvents(ctx, spinner, (phase) => void lock.updatePhase(phase).catch(() => undefined));
    const report = await runRestore(
      {
        target,
        entries: [...catalog.entries, ...catalog.missing.map(missingDump)],
        backupId: options.backup,
        force: options.force,
        state,
        institutionCode: config.clinic.institutionCode,
        signal: controller.signal,
      },
      {
        target: await createRestoreTarget(ctx, config, target, {
          folder,
          timeoutMs,
          previousRestore: state.restorePoints[target],
          jobs,
        }),
        inspectDump: inspectDumpFile,
        localRestoreVersion: localPgRestoreVersion,
        confirm: confirmRestore(ctx, config.clinic.name, options.confirmClinic),
        markDamaged: (entry, damage) => folder.markDamaged(entry, damage),
        offerAlternative: offerAlternative(ctx),
        events,
        clock: { now: () => new Date() },
        explain: (error) => (isOrcaError(error) ? ctx.t(error.key, error.params) : String(error)),
      },
    );
    spinner.stop(true);
    for (const w of report.warnings) ctx.out.warn(ctx.t(w.key, { ...w.params, env: ctx.t(`env.${report.target}`) }));
    const sequences = await readCountersQuietly(ctx, config, target);
    journaled = true;
    await runStateChange(ctx, { stateDir, command: 'restore' }, (current) => {
      let next = recordRestorePoint(current, target, report.backupId, new Date());
      if (sequences) next = recordSequences(next, target, sequences, new Date());
      return { state: next, result: undefined };
    });
    printResult(ctx, report, sequences, state.mode === 'emergency' && target !== 'operating');
  } catch (error) {
    spinner.stop(false);
    if (!journaled) {
      const point = before?.restorePoints ?? {};
      await journalCommand(ctx, {
        stateDir,
        command: 'restore',
        startedAt,
        before: { restorePoints: point },
        after: { restorePoints: point, safetyBackupId: events?.safetyBackupId ?? null },
        error,
      }).catch((journalError: unknown) => ctx.out.debug(`journal: ${String(journalError)}`));
    }
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await lock.release().catch(() => undefined);
  }
}

async function readCountersQuietly(
  ctx: CommandContext,
  config: OrcaConfig,
  env: EnvironmentName,
): Promise<Sequences | null> {
  try {
    return await readCounters(config, env);
  } catch (error) {
    ctx.out.warn(
      ctx.t('restore.countersUnreadable', {
        env: ctx.t(`env.${env}`),
        reason: isOrcaError(error) ? ctx.t(error.key, error.params) : String(error),
      }),
    );
    return null;
  }
}

function printResult(
  ctx: CommandContext,
  report: RestoreReport,
  sequences: Sequences | null,
  emergency: boolean,
): void {
  const doc: RestoreJson = {
    target: report.target,
    backupId: report.backupId,
    safetyBackupId: report.safetyBackupId,
    seconds: Math.round(report.seconds * 10) / 10,
    backupCreatedAt: report.backup.createdAt,
    sequences,
  };
  const recommend = emergency ? `${toolCommand()} bump-seq --env ${report.target} --from operating` : null;
  ctx.out.result(doc, () =>
    [renderRestoreResult(report, ctx.t), renderCountersAdvice(report.target, sequences, recommend, ctx.t)]
      .filter((s) => s !== '')
      .join('\n'),
  );
}
