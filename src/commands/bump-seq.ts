import { randomUUID } from 'node:crypto';
import { Command, Option } from 'commander';
import { ENVIRONMENT_NAMES } from '../core/config-schema.js';
import type { EnvironmentName } from '../core/domain.js';
import { UsageError } from '../core/errors.js';
import { runBump, type BumpReport } from '../core/bump-run.js';
import { assertDistinctSource, defaultBumpSource } from '../core/bump-source.js';
import { FileStateStore } from '../adapters/fs/state-file.js';
import { confirmBump } from '../ui/confirmations.js';
import { bumpNotes, bumpOutcome, renderSourceFallback } from '../ui/bump-render.js';
import { openAdapters } from './adapters.js';
import type { CommandKit, CommandOutcome } from './command.js';
import { askerOf, type CommandContext } from './context.js';
import { recordReadings, restoredBackupCreatedAt } from './bump-records.js';
import { startLockedRun } from './locked-run.js';
import { deliverOwedPushes } from './mode-delivery.js';
import { durationOption } from './options.js';
import { resolveStateDir } from './state-dir.js';

export interface BumpSeqOptions {
  env: EnvironmentName;
  from?: EnvironmentName;
  fromLastKnown: boolean;
  margin?: string;
  dryRun: boolean;
  wait: string;
  maxAge: string;
  force: boolean;
  stateDir?: string;
}

/** A source that does not answer soon is read from the state instead: short timeouts, one retry. */
const SOURCE_READ = {
  timeouts: { connectMs: 5_000, responseMs: 15_000, idleMs: 15_000 },
  retry: { limit: 1, totalDeadlineMs: 20_000 },
  dryRun: false,
};

/** `bump-seq --env <env> [--from <env>|--from-last-known] [--margin N] [--dry-run]` (管理連番を更新). */
export function buildBumpSeqCommand({ t, action }: CommandKit): Command {
  return new Command('bump-seq')
    .description(t('bump.cmd.summary'))
    .addOption(new Option('--env <env>', t('bump.option.env')).choices([...ENVIRONMENT_NAMES]).makeOptionMandatory())
    .addOption(new Option('--from <env>', t('bump.option.from')).choices([...ENVIRONMENT_NAMES]))
    .option('--from-last-known', t('bump.option.fromLastKnown'), false)
    .option('--margin <n>', t('bump.option.margin'))
    .option('--dry-run', t('bump.option.dryRun'), false)
    .option('--wait <duration>', t('bump.option.wait'), '2m')
    .option('--max-age <duration>', t('bump.option.maxAge'), '48h')
    .option('--force', t('bump.option.force'), false)
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<BumpSeqOptions>(runBumpSeq));
}

/**
 * Takes the lock (waiting up to `--wait`: a restore or another bump of the same clinic runs first), plans,
 * shows the before/after table, asks (or `--yes`), writes in one locked transaction, records both readings
 * as last-known values and journals the run. `--dry-run` reads and plans only: no lock wait, no write,
 * no journal line.
 */
export async function runBumpSeq(ctx: CommandContext, options: BumpSeqOptions): Promise<CommandOutcome> {
  const margin = parseMargin(options.margin);
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const maxAgeMs = durationOption(options.maxAge, '--max-age')!;
  const { config } = await ctx.config();
  const stateDirFlag = options.stateDir;
  const stateDir = options.dryRun
    ? await resolveStateDir(ctx, { flag: stateDirFlag, tolerateBrokenConfig: false })
    : (await startLockedRun(ctx, { command: 'bump-seq', stateDirFlag, waitMs })).stateDir;
  const state = await new FileStateStore(stateDir).read();
  const known = { sequences: state.lastKnownSequences[options.env] ?? null };
  ctx.journal.changes(known, known);
  const sourceEnv = options.from ?? defaultBumpSource(options.env, state);
  assertDistinctSource(options.env, sourceEnv);
  const adapters = await openAdapters(ctx, { dryRun: options.dryRun });
  const asker = askerOf(ctx);
  const plan = {
    target: options.env,
    sourceEnv,
    fromLastKnown: options.fromLastKnown,
    margin,
    configuredMargins: config.sequences,
    lastKnown: state.lastKnownSequences[sourceEnv],
    maxAgeSeconds: maxAgeMs / 1000,
    force: options.force,
    targetBackupCreatedAt: await restoredBackupCreatedAt(adapters, state.restorePoints[options.env]),
    lastBump: state.lastBumps?.[options.env],
    dryRun: options.dryRun,
    requestId: `bump:${randomUUID()}`,
  };
  const report = await runBump(plan, {
    target: await adapters.environmentControl(options.env),
    source: options.fromLastKnown ? null : await adapters.environmentControl(sourceEnv, SOURCE_READ),
    confirm: (planned) => confirmBump(asker, { ...planned, env: options.env }),
    events: { sourceFallback: (source) => ctx.out.note(renderSourceFallback(source, ctx.t)) },
    clock: { now: () => new Date() },
  });
  if (!options.dryRun) await recordReadings(ctx, stateDir, report);
  if (!options.dryRun) await deliverOwedPushes(ctx, adapters, stateDir, reachedBy(report), 'bump-seq');
  for (const note of bumpNotes(report, ctx.t)) ctx.out.note(note);
  return bumpOutcome(report, ctx.t, ctx.out.color);
}

/** The environments a bump talked to: its target, and its source when read live. */
function reachedBy(report: BumpReport): EnvironmentName[] {
  return report.source.reading === 'live' ? [report.env, report.source.env] : [report.env];
}

function parseMargin(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d{1,7}$/.test(value.trim())) return Number(value.trim());
  throw new UsageError({
    key: 'bump.invalidMargin',
    params: { value: value.slice(0, 20) },
    hintKey: 'bump.invalidMargin.hint',
  });
}
