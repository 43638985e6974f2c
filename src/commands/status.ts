import { Command } from 'commander';
import { ENVIRONMENT_NAMES, type EnvironmentName, type OrcaConfig } from '../core/config-schema.js';
import { isOrcaError } from '../core/errors.js';
import { describeVm } from '../core/vm-status.js';
import { gatherStatus, ProbeTimeout, strictFailure, type StatusInput } from '../core/status.js';
import { openAdapters } from './adapters.js';
import type { CommandKit, CommandOutcome } from './command.js';
import type { CommandContext } from './context.js';
import { statusDelivery } from './status-delivery.js';
import { durationOption } from './options.js';
import { resolveStateDir } from './state-dir.js';
import { readStatusRecords } from './status-records.js';

interface StatusOptions {
  timeout?: string;
  strict: boolean;
  stateDir?: string;
}

const TIMEOUT_RANGE = { minMs: 500, maxMs: 120_000 };

/** `status` (manual 3.2.1, 3.2.3–3.2.5): every environment at a glance, probed in parallel under one timeout. */
export function buildStatusCommand({ t, action }: CommandKit): Command {
  return new Command('status')
    .description(t('status.cmd.summary'))
    .option('--timeout <duration>', t('status.option.timeout'))
    .option('--strict', t('status.option.strict'), false)
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .addHelpText('after', `\n${t('status.help.after')}`)
    .action(action<StatusOptions>(runStatus));
}

async function runStatus(ctx: CommandContext, options: StatusOptions): Promise<CommandOutcome> {
  const { config } = await ctx.config();
  const timeoutArg = durationOption(options.timeout, '--timeout', TIMEOUT_RANGE);
  const timeoutSeconds = (timeoutArg ?? config.status.timeoutSeconds * 1000) / 1000;
  // The timeout is the whole command's budget, counted from process start (start-up and reading the config
  // included), so `status --timeout 5` answers within about 5 s even when an environment never answers.
  // Probes always keep at least half of it.
  const timeoutMs = Math.max(timeoutSeconds * 1000 - performance.now(), timeoutSeconds * 500);
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const [{ recorded, damaged, lockHeld }, { probeEnvironment }, adapters] = await Promise.all([
    readStatusRecords(stateDir, config.backup.folder),
    import('./status-probes.js'),
    openAdapters(ctx, {
      timeouts: { connectMs: timeoutMs, responseMs: timeoutMs, idleMs: timeoutMs },
      retry: { limit: 0 },
    }),
  ]);
  const timeouts = { connectMs: timeoutMs, responseMs: timeoutMs, idleMs: timeoutMs };
  // Pending mode pushes are delivered first, each within its environment's probe and the same deadline.
  const delivery = await statusDelivery(ctx, adapters, stateDir, { timeouts, retry: { limit: 0 } });
  const describe = (error: unknown): string => describeError(ctx, error, timeoutSeconds);
  // Re-opening a database a killed restore left closed is safe only while no live run holds the lock.
  const probeOptions = { repair: !lockHeld, translate: ctx.t };
  const probe = (env: EnvironmentName) => async (signal: AbortSignal) => {
    await delivery.before(env, signal);
    return probeEnvironment(adapters, env, config.environments[env].kind, describe, probeOptions)(signal);
  };
  const vm = config.environments.localEmergency.vm;
  const hypervisor = vm ? await adapters.hypervisor(vm) : null;
  // --verbose: which PostgreSQL programs this PC would run, and where they were found.
  const pgTools = ctx.global.verbose ? adapters.pgTools().then((tools) => tools.report()) : null;
  const report = await gatherStatus({
    ...recorded,
    urls: Object.fromEntries(ENVIRONMENT_NAMES.map((env) => [env, urlOf(config, env)])) as StatusInput['urls'],
    probes: Object.fromEntries(ENVIRONMENT_NAMES.map((env) => [env, probe(env)])) as StatusInput['probes'],
    vm: hypervisor ? (signal) => describeVm(hypervisor, signal) : undefined,
    timeoutMs,
    describeError: describe,
    signal: ctx.signal,
  });
  report.pendingModePushes = await delivery.finish();
  for (const path of damaged) ctx.out.note(ctx.t('status.damagedSidecar', { path }));
  if (report.mismatches.length > 0 && !ctx.out.json) ctx.out.note(ctx.t('status.mismatchHint', { mode: report.mode }));
  const strict = options.strict ? strictFailure(report, (env) => ctx.t(`env.${env}`)) : null;
  const { statusOutcome } = await import('../ui/status-outcome.js');
  return statusOutcome(report, strict, ctx.t, ctx.out.color, await pgTools);
}

function urlOf(config: OrcaConfig, env: EnvironmentName): string {
  const settings = config.environments[env];
  return settings.kind === 'cloud' ? settings.url : settings.orcaApiUrl;
}

function describeError(ctx: CommandContext, error: unknown, timeoutSeconds: number): string {
  if (error instanceof ProbeTimeout) return ctx.t('status.timeout', { seconds: timeoutSeconds });
  if (isOrcaError(error)) return ctx.t(error.key, error.params);
  return error instanceof Error ? error.message : String(error);
}
