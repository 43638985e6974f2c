import { Command, Option } from 'commander';
import { ENVIRONMENT_NAMES } from '../core/config-schema.js';
import type { EnvironmentName } from '../core/domain.js';
import { defaultRestoreTarget, missingDump } from '../core/restore-plan.js';
import { runRestore } from '../core/restore-run.js';
import { FileStateStore } from '../adapters/fs/state-file.js';
import { restoreOutcome } from '../ui/restore-render.js';
import { openAdapters } from './adapters.js';
import type { CommandKit, CommandOutcome } from './command.js';
import type { CommandContext } from './context.js';
import { startLockedRun } from './locked-run.js';
import { reassertMode } from './mode-redelivery.js';
import { durationOption, jobsOption } from './options.js';
import { recordRestore, wireRestore } from './restore-wiring.js';
import { resolveStateDir } from './state-dir.js';

export interface RestoreCommandOptions {
  target?: EnvironmentName;
  backup?: string;
  force: boolean;
  confirmClinic?: string;
  timeout: string;
  wait?: string;
  jobs?: string;
  dropKept: boolean;
  stateDir?: string;
}

/** `restore [--target env] [--backup id]` (バックアップから反映). */
export function buildRestoreCommand({ t, action }: CommandKit): Command {
  return new Command('restore')
    .description(t('restore.cmd.summary'))
    .addOption(new Option('--target <env>', t('restore.option.target')).choices([...ENVIRONMENT_NAMES]))
    .option('--backup <id>', t('restore.option.backup'))
    .option('--force', t('restore.option.force'), false)
    .option('--confirm-clinic <name>', t('restore.option.confirmClinic'))
    .option('--timeout <duration>', t('restore.option.timeout'), '60m')
    .option('--wait <duration>', t('restore.option.wait'))
    .option('--jobs <n>', t('restore.option.jobs'))
    .option('--drop-kept', t('restore.option.dropKept'), false)
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<RestoreCommandOptions>(runRestoreCommand));
}

/**
 * Under the lock (exit 7 when another run holds it): the restore, then the restore point and the counters read
 * afterwards recorded in the state. Journaled once (ok or failed, also for refusals, with a safety dump taken).
 * Ctrl-C stops it at a safe point; the database in use stays as it was.
 */
export async function runRestoreCommand(ctx: CommandContext, options: RestoreCommandOptions): Promise<CommandOutcome> {
  const timeoutMs = durationOption(options.timeout, '--timeout')!;
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const jobs = jobsOption(options.jobs);
  const { config } = await ctx.config();
  if (options.dropKept) return dropKept(ctx, options, waitMs);
  const run = await startLockedRun(ctx, { command: 'restore', stateDirFlag: options.stateDir, waitMs });
  const state = await new FileStateStore(run.stateDir).read();
  const target = options.target ?? defaultRestoreTarget(state);
  const adapters = await openAdapters(ctx, { stateDir: run.stateDir });
  const catalog = await (await adapters.backupFolder()).read();
  for (const damaged of catalog.damaged) ctx.out.note(ctx.t('restore.damagedSidecar', { file: damaged }));
  const setup = { run, state, target, timeoutMs, jobs, confirmClinic: options.confirmClinic };
  const { ports, settle } = await wireRestore(ctx, adapters, setup);
  const report = await settle(
    runRestore(
      {
        target,
        // A sidecar whose dump file is gone is a damaged entry: named, never restored.
        entries: [...catalog.entries, ...catalog.missing.map((entry) => missingDump(entry))],
        backupId: options.backup,
        force: options.force,
        state,
        institutionCode: config.clinic.institutionCode,
        signal: ctx.signal,
      },
      ports,
    ),
  );
  await recordRestore(ctx, run.stateDir, report);
  await reassertMode(ctx, adapters, run.stateDir, target, 'restore');
  return restoreOutcome(report, ctx.t);
}

/** `--drop-kept`: the kept databases of the target (default: the selected emergency environment). */
async function dropKept(ctx: CommandContext, options: RestoreCommandOptions, waitMs: number): Promise<CommandOutcome> {
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const target = options.target ?? defaultRestoreTarget(await new FileStateStore(stateDir).read());
  const { runDropKept } = await import('./restore-drop-kept.js');
  return runDropKept(ctx, target, { stateDirFlag: options.stateDir, waitMs });
}
