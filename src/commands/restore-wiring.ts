/**
 * The wiring of `restore`: the ports its use case runs over — the destination the config picks, the dump
 * checks, the go-ahead, progress on stderr, the journal's view of a safety dump — and, once it is done, the
 * restore point and the counters read afterwards recorded in the state.
 */
import type { EnvironmentName, Sequences } from '../core/domain.js';
import { isOrcaError } from '../core/errors.js';
import type { RestoreReport, RestoreRunPorts } from '../core/restore-run.js';
import { recordRestorePoint, recordSequences } from '../core/state-changes.js';
import type { OrcaState } from '../core/state.js';
import type { AdapterFactory } from '../adapters/factory.js';
import { confirmRestore, offerAlternative } from '../ui/confirmations.js';
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
    markDamaged: async (entry, damage) => (await adapters.backupFolder()).markDamaged(entry, damage),
    offerAlternative: offerAlternative(askerOf(ctx)),
    events: progress.events,
    clock: { now: () => new Date() },
    explain: (error) => (isOrcaError(error) ? ctx.t(error.key, error.params) : String(error)),
  };
  return { ports, settle: progress.settle };
}

/**
 * After a restore: its warnings, the counters read (unreadable ones are a warning, never a failure of the
 * restore), the restore point and those counters recorded in the state. Returns the counters.
 */
export async function recordRestore(
  ctx: CommandContext,
  adapters: AdapterFactory,
  stateDir: string,
  report: RestoreReport,
): Promise<Sequences | null> {
  const env = report.target;
  for (const w of report.warnings) ctx.out.note(ctx.t(w.key, { ...w.params, env: ctx.t(`env.${env}`) }));
  let sequences: Sequences | null = null;
  try {
    sequences = await (await adapters.environmentControl(env)).readSequences(ctx.signal);
  } catch (error) {
    const reason = isOrcaError(error) ? ctx.t(error.key, error.params) : String(error);
    ctx.out.note(ctx.t('restore.countersUnreadable', { env: ctx.t(`env.${env}`), reason }));
  }
  await runStateChange(ctx, { stateDir, command: 'restore' }, (current) => {
    let next = recordRestorePoint(current, env, report.backupId, new Date());
    if (sequences) next = recordSequences(next, env, sequences, new Date());
    return { state: next, result: undefined };
  });
  return sequences;
}
