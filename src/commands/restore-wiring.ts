/**
 * The wiring of `restore`: the ports its use case runs over — the destination the config picks, the dump
 * checks, the go-ahead, progress on stderr, the journal's view of a safety dump, the counters and WebORCA's
 * answer afterwards — and, once it is done, the restore point and those counters recorded in the state.
 */
import type { EnvironmentName } from '../core/domain.js';
import { isOrcaError } from '../core/errors.js';
import type { RestoreReport, RestoreRunPorts } from '../core/restore-run.js';
import { recordRestorePoint, recordSequences } from '../core/state-changes.js';
import type { OrcaState } from '../core/state.js';
import type { AdapterFactory } from '../adapters/factory.js';
import { confirmRestore } from '../ui/confirmations.js';
import { restoreProgress } from '../ui/restore-progress.js';
import { askerOf, type CommandContext } from './context.js';
import type { LockedRun } from './locked-run.js';
import { runStateChange } from './state-change.js';

export interface RestoreSetup {
  run: LockedRun;
  state: OrcaState;
  target: EnvironmentName;
  timeoutMs: number;
  jobs: number | undefined;
  confirmClinic: string | undefined;
}

export interface RestoreWiring {
  ports: RestoreRunPorts;
  /** Ends the progress display with the run's result; passes the result (or its error) through. */
  settle<T>(work: Promise<T>): Promise<T>;
}

const WEBORCA_PING = {
  timeouts: { connectMs: 5_000, responseMs: 20_000, idleMs: 20_000 },
  retry: { limit: 1, totalDeadlineMs: 30_000 },
};

export async function wireRestore(
  ctx: CommandContext,
  adapters: AdapterFactory,
  setup: RestoreSetup,
): Promise<RestoreWiring> {
  const { config } = await ctx.config();
  const points = { restorePoints: setup.state.restorePoints };
  ctx.journal.changes(points, points);
  const progress = await restoreProgress(ctx.out, ctx.t, {
    onPhase: setup.run.phase,
    onSafetyDump: (id) => ctx.journal.changes(points, { ...points, safetyBackupId: id }),
  });
  const destination = await adapters.restoreTarget(setup.target, {
    timeoutMs: setup.timeoutMs,
    previousRestore: setup.state.restorePoints[setup.target],
    jobs: setup.jobs,
    onJobFound: (job) => ctx.out.note(ctx.t('restore.cloud.replayed', job)),
  });
  const ports: RestoreRunPorts = {
    destination,
    ...(await adapters.archiveReader()),
    confirm: confirmRestore(askerOf(ctx), config.clinic.name, setup.confirmClinic),
    readCounters: async () => (await adapters.environmentControl(setup.target)).readSequences(),
    // The restore has happened: a WebORCA that does not answer soon is said so, not waited for.
    pingWebOrca: async () => void (await (await adapters.orcaApi(setup.target, WEBORCA_PING)).ping()),
    events: progress.events,
    clock: { now: () => new Date() },
    explain: (error) => (isOrcaError(error) ? ctx.t(error.key, error.params) : String(error)),
  };
  return { ports, settle: progress.settle };
}

/**
 * After a restore: its warnings on stderr, the restore point (with the backup's creation time) and the
 * counters read afterwards recorded in the state.
 */
export async function recordRestore(ctx: CommandContext, stateDir: string, report: RestoreReport): Promise<void> {
  const env = report.target;
  for (const w of report.warnings) ctx.out.note(ctx.t(w.key, { ...w.params, env: ctx.t(`env.${env}`) }));
  await runStateChange(ctx, { stateDir, command: 'restore' }, (current) => {
    let next = recordRestorePoint(current, env, report.backupId, new Date(), report.backup.createdAt);
    if (report.sequences) next = recordSequences(next, env, report.sequences, new Date());
    return { state: next, result: undefined };
  });
}
