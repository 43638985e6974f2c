import { randomUUID } from 'node:crypto';
import { Command, Option } from 'commander';
import { ENVIRONMENT_NAMES } from '../core/config-schema.js';
import type { EnvironmentName } from '../core/domain.js';
import { CancelledError, UsageError } from '../core/errors.js';
import { runBump, type BumpReport } from '../core/bump-run.js';
import { assertDistinctSource, defaultBumpSource } from '../core/bump-source.js';
import { recordSequences } from '../core/state-changes.js';
import type { OrcaState } from '../core/state.js';
import { acquireLock } from '../adapters/fs/lock.js';
import { FileStateStore } from '../adapters/fs/state-file.js';
import { renderBumpOutcome, renderBumpSource, renderBumpTable } from '../ui/restore-render.js';
import { action } from './action.js';
import { durationOption } from './restore-ports.js';
import type { CommandContext } from './context.js';
import { helpTranslator } from './help-language.js';
import { journalCommand, runStateChange } from './state-change.js';
import { resolveStateDir } from './state-dir.js';

export interface BumpSeqOptions {
  env: EnvironmentName;
  from?: EnvironmentName;
  fromLastKnown: boolean;
  margin?: string;
  dryRun: boolean;
  wait: string;
  stateDir?: string;
}

/** `bump-seq --env <env> [--from <env>|--from-last-known] [--margin N] [--dry-run]` (管理連番を更新). */
export function buildBumpSeqCommand(): Command {
  const t = helpTranslator();
  return new Command('bump-seq')
    .exitOverride()
    .description(t('bump.cmd.summary'))
    .addOption(new Option('--env <env>', t('bump.option.env')).choices([...ENVIRONMENT_NAMES]).makeOptionMandatory())
    .addOption(new Option('--from <env>', t('bump.option.from')).choices([...ENVIRONMENT_NAMES]))
    .option('--from-last-known', t('bump.option.fromLastKnown'), false)
    .option('--margin <n>', t('bump.option.margin'))
    .option('--dry-run', t('bump.option.dryRun'), false)
    .option('--wait <duration>', t('bump.option.wait'), '2m')
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<BumpSeqOptions>(runBumpSeq));
}

/**
 * Takes the lock (waiting up to `--wait`: a restore or another bump of the same clinic runs first), plans,
 * shows the before/after table, asks (or `--yes`), writes in one locked transaction, records both readings
 * as last-known values and journals the run. `--dry-run` reads and plans only: no lock wait, no write,
 * no journal line.
 */
export async function runBumpSeq(ctx: CommandContext, options: BumpSeqOptions): Promise<void> {
  const startedAt = new Date();
  const margin = parseMargin(options.margin);
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const { loadConfig } = await import('../adapters/config/load.js');
  const { config } = await loadConfig(ctx);
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const lock = options.dryRun
    ? null
    : await acquireLock({
        stateDir,
        command: 'bump-seq',
        waitMs,
        notify: (key, params) => ctx.out.warn(ctx.t(key, params)),
      });
  let before: OrcaState | undefined;
  let journaled = false;
  try {
    before = await new FileStateStore(stateDir).read();
    const state = before;
    const sourceEnv = options.from ?? defaultBumpSource(options.env, state);
    assertDistinctSource(options.env, sourceEnv);
    const { createEnvironmentControl } = await import('../adapters/factory.js');
    const report = await runBump(
      {
        target: options.env,
        sourceEnv,
        fromLastKnown: options.fromLastKnown,
        margin,
        configuredMargins: config.sequences,
        lastKnown: state.lastKnownSequences[sourceEnv],
        dryRun: options.dryRun,
        requestId: `bump:${randomUUID()}`,
      },
      {
        target: createEnvironmentControl(config, options.env, { dryRun: options.dryRun }),
        // A source that does not answer soon is read from the state instead: short timeouts, one retry.
        source: options.fromLastKnown
          ? null
          : createEnvironmentControl(config, sourceEnv, {
              timeouts: { connectMs: 5_000, responseMs: 15_000, idleMs: 15_000 },
              retry: { limit: 1, totalDeadlineMs: 20_000 },
            }),
        confirm: (plan) => confirmBump(ctx, { ...plan, env: options.env, dryRun: false }),
        events: {
          sourceFallback: (source) =>
            ctx.out.warn(
              ctx.t('bump.sourceFallback', {
                env: ctx.t(`env.${source.env}`),
                readAt: source.readAt,
              }),
            ),
        },
        clock: { now: () => new Date() },
      },
    );
    if (!options.dryRun) {
      journaled = true;
      await runStateChange(ctx, { stateDir, command: 'bump-seq' }, (current) => {
        let next = recordSequences(current, report.env, report.after, new Date());
        if (report.source.reading === 'live')
          next = recordSequences(next, report.source.env, report.source.values, new Date(report.source.readAt));
        return { state: next, result: undefined };
      });
    }
    printReport(ctx, report);
  } catch (error) {
    if (!journaled && !options.dryRun) {
      const known = before?.lastKnownSequences[options.env] ?? null;
      await journalCommand(ctx, {
        stateDir,
        command: 'bump-seq',
        startedAt,
        before: { sequences: known },
        after: { sequences: known },
        error,
      }).catch((journalError: unknown) => ctx.out.debug(`journal: ${String(journalError)}`));
    }
    throw error;
  } finally {
    await lock?.release().catch(() => undefined);
  }
}

function parseMargin(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,7}$/.test(value.trim()))
    throw new UsageError({
      key: 'bump.invalidMargin',
      params: { value: value.slice(0, 20) },
      hintKey: 'bump.invalidMargin.hint',
    });
  return Number(value.trim());
}

/**
 * `--yes`; else the plan on stderr and a yes/no prompt on a terminal; with nobody to answer, a UsageError naming
 * `--yes`.
 */
async function confirmBump(ctx: CommandContext, plan: BumpReport): Promise<boolean> {
  if (ctx.global.yes) return true;
  if (!ctx.interactive)
    throw new UsageError({
      key: 'error.promptNeedsTty',
      hintKey: 'error.promptNeedsTty.hint',
      hintParams: { flag: '--yes' },
    });
  ctx.out.info(renderBumpSource(plan, ctx.t));
  ctx.out.info(renderBumpTable(plan, ctx.t, ctx.out.color));
  const prompts = await import('@inquirer/prompts');
  try {
    return await prompts.confirm(
      { message: ctx.t('bump.confirm', { env: ctx.t(`env.${plan.env}`) }), default: false },
      { output: process.stderr },
    );
  } catch (error) {
    if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError'))
      throw new CancelledError({ key: 'error.cancelled', cause: error });
    throw error;
  }
}

function printReport(ctx: CommandContext, report: BumpReport): void {
  const doc = {
    env: report.env,
    source: {
      env: report.source.env,
      reading: report.source.reading,
      readAt: report.source.readAt,
      ageSeconds: report.source.ageSeconds,
      sequences: report.source.values,
    },
    margin: report.margin,
    dryRun: report.dryRun,
    before: report.before,
    after: report.after,
    raised: report.raised,
  };
  ctx.out.result(doc, () =>
    [
      renderBumpSource(report, ctx.t),
      renderBumpTable(report, ctx.t, ctx.out.color),
      renderBumpOutcome(report, ctx.t),
    ].join('\n'),
  );
}
