import { Command } from 'commander';
import { describeVm } from '../core/vm-status.js';
import { gatherStatus, strictFailure } from '../core/status.js';
import { startProbes } from '../core/status-early.js';
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
  prometheus?: string;
  wide?: boolean;
}

const TIMEOUT_RANGE = { minMs: 500, maxMs: 120_000 };

/** `status` (manual 3.2.1, 3.2.3–3.2.5): every environment at a glance, probed in parallel under one timeout. */
export function buildStatusCommand({ t, action }: CommandKit): Command {
  return new Command('status')
    .description(t('status.cmd.summary'))
    .option('--timeout <duration>', t('status.option.timeout'))
    .option('--strict', t('status.option.strict'), false)
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .option('--prometheus <file>', t('status.option.prometheus'))
    .option('--wide', t('status.option.wide'))
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
  // The shared deadline (gatherStatus) reports a silent environment; the requests' own limits are a backstop.
  const requestMs = timeoutMs + 1_000;
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const records = readStatusRecords(stateDir, config.backup.folder);
  records.catch(() => undefined);
  const [{ probeEnvironment, describeError, statusUrls }, adapters] = await Promise.all([
    import('./status-probes.js'),
    openAdapters(ctx, {
      timeouts: { connectMs: requestMs, responseMs: requestMs, idleMs: requestMs },
      retry: { limit: 0 },
    }),
  ]);
  const timeouts = { connectMs: timeoutMs, responseMs: timeoutMs, idleMs: timeoutMs };
  // Pending mode pushes are delivered first, each within its environment's probe and the same deadline.
  // Its lock is taken only once the records are read, so they show who else holds it, never this run.
  const delivery = await statusDelivery(ctx, adapters, stateDir, { timeouts, retry: { limit: 0 } }, records);
  const describe = (error: unknown): string => describeError(ctx, error, timeoutSeconds);
  // Re-opening a database a killed restore left closed is safe only while no live run holds the lock; the
  // probes start before the lock is read, and only that re-opening waits for it.
  const probeOptions = {
    repair: records.then(
      (r) => !r.lockHeld,
      () => false,
    ),
    translate: ctx.t,
  };
  const probes = startProbes((env) => async (signal: AbortSignal) => {
    await delivery.before(env, signal);
    return probeEnvironment(adapters, env, config.environments[env].kind, describe, probeOptions)(signal);
  });
  // The environments answer (on another core, or far away) while the records are read and the renderer loads.
  const rendering = import('../ui/status-outcome.js');
  const vm = config.environments.localEmergency.vm;
  const hypervisor = vm ? await adapters.hypervisor(vm) : null;
  // --verbose: which PostgreSQL programs this PC would run, and where they were found.
  const pgTools = ctx.global.verbose ? adapters.pgTools().then((tools) => tools.report()) : null;
  const { recorded, damaged } = await records.catch((error: unknown) => {
    probes.stop();
    throw error;
  });
  const report = await gatherStatus({
    ...recorded,
    urls: statusUrls(config),
    probes: probes.started,
    vm: hypervisor ? (signal) => describeVm(hypervisor, signal) : undefined,
    timeoutMs,
    describeError: describe,
    signal: ctx.signal,
  });
  report.pendingModePushes = await delivery.finish();
  for (const path of damaged) ctx.out.note(ctx.t('status.damagedSidecar', { path }));
  if (options.prometheus !== undefined) {
    const { writeFleetMetrics } = await import('./status-metrics.js');
    await writeFleetMetrics(ctx, report, config.clinic.institutionCode, options.prometheus);
  }
  if (report.mismatches.length > 0 && !ctx.out.json && options.prometheus === undefined)
    ctx.out.note(ctx.t('status.mismatchHint', { mode: report.mode }));
  const strict = options.strict ? strictFailure(report, (env) => ctx.t(`env.${env}`)) : null;
  const { statusOutcome } = await rendering;
  // With --prometheus the file is the result: a scheduled run leaves nothing else behind (--json still prints).
  return statusOutcome(
    report,
    strict,
    ctx.t,
    {
      color: ctx.out.color,
      width: ctx.out.columns,
      wide: options.wide === true,
      quiet: options.prometheus !== undefined,
    },
    await pgTools,
  );
}
