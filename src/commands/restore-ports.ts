/**
 * The adapters and the human side of `restore`: which RestoreTarget an environment gets, how the plan is
 * shown and approved (yes/no, or typing the clinic's name for the operating environment), and progress.
 */
import type { CatalogEntry } from '../core/backup-catalog.js';
import type { OrcaConfig } from '../core/config-schema.js';
import type { EnvironmentName, Sequences } from '../core/domain.js';
import { parseDuration } from '../core/duration.js';
import { CancelledError, UsageError } from '../core/errors.js';
import type { BackupFolder, RestoreProgress, RestoreTarget } from '../core/ports.js';
import { assertClinicNameTyped } from '../core/restore-plan.js';
import type { RestoreEvents, RestorePlan } from '../core/restore-run.js';
import type { RestorePoint } from '../core/state.js';
import { renderChosenBackup, renderGateChecks } from '../ui/restore-render.js';
import type { StepSpinner } from '../ui/step-spinner.js';
import type { CommandContext } from './context.js';

export interface RestoreTargetDeps {
  folder: BackupFolder;
  timeoutMs: number;
  previousRestore: RestorePoint | undefined;
  jobs?: number;
}

/**
 * PostgreSQL target (staging + swap) for a directly reached database, a cloud restore job otherwise. The
 * adapters are imported here, on demand: the HTTP stack alone adds half a second to a local restore's start.
 */
export async function createRestoreTarget(
  ctx: CommandContext,
  config: OrcaConfig,
  env: EnvironmentName,
  deps: RestoreTargetDeps,
): Promise<RestoreTarget> {
  const settings = config.environments[env];
  if (settings.kind === 'postgres') {
    const { PostgresRestoreTarget } = await import('../adapters/postgres/restore-target.js');
    return new PostgresRestoreTarget(env, settings.database, { folder: deps.folder, jobs: deps.jobs });
  }
  const [{ CloudRestoreTarget }, { createCloudControl }] = await Promise.all([
    import('../adapters/cloud/restore-target.js'),
    import('../adapters/factory.js'),
  ]);
  return new CloudRestoreTarget(createCloudControl(config, env)!, {
    folder: deps.folder,
    timeoutMs: deps.timeoutMs,
    transferMs: config.sync.deadlineMinutes * 60_000,
    previousRestore: deps.previousRestore,
    onJob: (event) => ctx.out.info(ctx.t('restore.cloud.replayed', { jobId: event.jobId, createdAt: event.createdAt })),
  });
}

/** The 管理連番 of `env` through the adapter the config picks (imported on demand, see above). */
export async function readCounters(config: OrcaConfig, env: EnvironmentName): Promise<Sequences> {
  const settings = config.environments[env];
  if (settings.kind === 'postgres') {
    const { PostgresEnvironmentControl } = await import('../adapters/postgres/environment-control.js');
    return new PostgresEnvironmentControl(env, settings.database).readSequences();
  }
  const { createEnvironmentControl } = await import('../adapters/factory.js');
  return createEnvironmentControl(config, env).readSequences();
}

/** A duration option (`90s`, `5m`, `1h30m`); UsageError (exit 2) naming the option otherwise. */
export function durationOption(value: string | undefined, option: string): number | null {
  if (value === undefined) return null;
  const ms = parseDuration(value);
  if (ms === null)
    throw new UsageError({ key: 'restore.invalidDuration', params: { option, value: value.slice(0, 40) } });
  return ms;
}

/**
 * The go-ahead. Operating environment: the clinic's name typed at the prompt or given as
 * `--confirm-clinic` (a mismatch is exit 5). Otherwise `--yes`, or a yes/no prompt on a terminal; with
 * nobody to answer, a UsageError names the flag to pass.
 */
export function confirmRestore(
  ctx: CommandContext,
  clinicName: string,
  confirmClinic: string | undefined,
): (plan: RestorePlan) => Promise<void> {
  return async (plan) => {
    const env = ctx.t(`env.${plan.target}`);
    ctx.out.info(
      ctx.t(plan.safetyDump ? 'restore.plan.withSafety' : 'restore.plan', {
        id: plan.backup.id,
        env,
        createdAt: plan.backup.createdAt,
      }),
    );
    if (plan.risk.activeEmergency) ctx.out.warn(ctx.t('restore.plan.activeEmergency', { env }));
    if (plan.risk.operating) {
      const typed = confirmClinic ?? (await askClinicName(ctx, clinicName));
      assertClinicNameTyped(typed, clinicName);
      return;
    }
    if (ctx.global.yes) return;
    if (!ctx.interactive)
      throw new UsageError({
        key: 'error.promptNeedsTty',
        hintKey: 'error.promptNeedsTty.hint',
        hintParams: { flag: '--yes' },
      });
    const prompts = await import('@inquirer/prompts');
    const ok = await cancellable(
      prompts.confirm({ message: ctx.t('restore.confirm', { env }), default: false }, { output: process.stderr }),
    );
    if (!ok) throw new CancelledError({ key: 'error.cancelled' });
  };
}

/**
 * When the chosen dump proved damaged: a person on a terminal is asked whether to restore the next-newest
 * verified backup instead; unattended (or with `--json`) the answer is no, and the error names its `--backup`.
 */
export function offerAlternative(
  ctx: CommandContext,
): (damaged: CatalogEntry, alternative: CatalogEntry) => Promise<boolean> {
  return async (damaged, alternative) => {
    if (!ctx.interactive || ctx.out.json) return false;
    ctx.out.warn(ctx.t(`restore.damaged.${damaged.damaged?.check ?? 'archive'}`, { id: damaged.id }));
    const prompts = await import('@inquirer/prompts');
    return cancellable(
      prompts.confirm(
        {
          message: ctx.t('restore.offerAlternative', {
            id: alternative.id,
            createdAt: alternative.createdAt,
          }),
          default: false,
        },
        { output: process.stderr },
      ),
    );
  };
}

/** A sidecar whose dump file is gone, as a catalog entry marked damaged (`missing`): named, never restored. */
export function missingDump(entry: CatalogEntry): CatalogEntry {
  return entry.damaged
    ? entry
    : { ...entry, damaged: { at: new Date().toISOString(), check: 'missing', detail: 'the dump file is missing' } };
}

async function askClinicName(ctx: CommandContext, clinicName: string): Promise<string> {
  if (!ctx.interactive)
    throw new UsageError({
      key: 'error.promptNeedsTty',
      hintKey: 'error.promptNeedsTty.hint',
      hintParams: { flag: '--confirm-clinic <name>' },
    });
  ctx.out.warn(ctx.t('restore.plan.operating'));
  const prompts = await import('@inquirer/prompts');
  return cancellable(
    prompts.input({ message: ctx.t('restore.typeClinic', { name: clinicName }) }, { output: process.stderr }),
  );
}

async function cancellable<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError'))
      throw new CancelledError({ key: 'error.cancelled', cause: error });
    throw error;
  }
}

/**
 * Events of the use case → stderr lines and the spinner; `safetyBackupId` remembers the safety dump for the
 * journal.
 */
export function restoreEvents(
  ctx: CommandContext,
  spinner: StepSpinner,
  onPhase: (phase: string) => void,
): RestoreEvents & { safetyBackupId: string | null } {
  const events = {
    safetyBackupId: null as string | null,
    chosen: (backup) => ctx.out.info(renderChosenBackup(backup, ctx.t)),
    gates: (checks) => ctx.out.info(`${ctx.t('restore.gates')}\n${renderGateChecks(checks, ctx.t, ctx.out.color)}`),
    safetyDumpStarted: () => {
      onPhase('safety dump');
      spinner.update(ctx.t('restore.safetyDumping'));
    },
    safetyDumpTaken: (id) => {
      events.safetyBackupId = id;
      spinner.stop(true);
      ctx.out.info(ctx.t('restore.safetyTaken', { id }));
    },
    progress: (p: RestoreProgress) => {
      onPhase(p.step);
      // Percentages only for a spinner: a log would get a line for every poll.
      const percent = p.fraction === null || !ctx.out.interactiveStderr ? '' : ` ${Math.round(p.fraction * 100)}%`;
      spinner.update(`${ctx.t(`restore.step.${p.step}`)}${percent}`);
    },
  } satisfies RestoreEvents & { safetyBackupId: string | null };
  return events;
}
