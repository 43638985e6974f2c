import { Command, Option } from 'commander';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/config-schema.js';
import { isOrcaError, UnreachableError, UsageError } from '../core/errors.js';
import { newestVerified } from '../core/backup-catalog.js';
import { gatherStatus, ProbeTimeout, type NewestBackup, type StatusReport } from '../core/status.js';
import { action } from './action.js';
import type { CommandContext } from './context.js';
import { helpTranslator } from './help-language.js';
import { resolveStateDir } from './state-dir.js';

interface StatusOptions {
  timeout?: string;
  strict: boolean;
  stateDir?: string;
  prometheus?: string;
  wide?: boolean;
}

/** `status` (manual 3.2.1, 3.2.3–3.2.5): every environment at a glance, probed in parallel under one timeout. */
export function buildStatusCommand(): Command {
  const t = helpTranslator();
  return new Command('status')
    .description(t('status.cmd.summary'))
    .addOption(new Option('--timeout <seconds>', t('status.option.timeout')))
    .option('--strict', t('status.option.strict'), false)
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .option('--prometheus <file>', t('status.option.prometheus'))
    .option('--wide', t('status.option.wide'))
    .addHelpText('after', `\n${t('status.help.after')}`)
    .action(action<StatusOptions>(runStatus));
}

async function runStatus(ctx: CommandContext, options: StatusOptions): Promise<void> {
  const { loadConfig } = await import('../adapters/config/load.js');
  const { config } = await loadConfig(ctx);
  const timeoutSeconds = parseTimeout(options.timeout) ?? config.status.timeoutSeconds;
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });

  const [{ probeEnvironment }, { readVmState }, { Adapters }] = await Promise.all([
    import('./status-probes.js'),
    import('../adapters/vm/vm-state.js'),
    import('../adapters/factory.js'),
  ]);
  const describe = (error: unknown): string => describeError(ctx, error, timeoutSeconds);
  // The timeout is the whole command's budget, counted from process start (start-up and reading the config
  // included), so `status --timeout 5` answers within about 5 s even when an environment never answers.
  // Probes always keep at least half of it.
  const timeoutMs = Math.max(timeoutSeconds * 1000 - performance.now(), timeoutSeconds * 500);
  // The shared deadline (gatherStatus) reports a silent environment; the requests' own limits are a backstop.
  const requestMs = timeoutMs + 1_000;
  const adapters = new Adapters(config, {
    timeouts: { connectMs: requestMs, responseMs: requestMs, idleMs: requestMs },
    retry: { limit: 0 },
  });
  // The probes start now: the environments answer (on another core, or far away) while the state, the lock
  // and the catalog are read and the renderer loads. The shared deadline still stops them.
  const early = new AbortController();
  const running = Object.fromEntries(
    ENVIRONMENT_NAMES.map((env) => [env, probeEnvironment(adapters, env, describe)(early.signal)]),
  ) as Record<EnvironmentName, ReturnType<ReturnType<typeof probeEnvironment>>>;
  for (const probe of Object.values(running)) probe.catch(() => undefined);
  const probes = Object.fromEntries(
    ENVIRONMENT_NAMES.map((env) => [
      env,
      (signal: AbortSignal) => {
        signal.addEventListener('abort', () => early.abort(), { once: true });
        return running[env];
      },
    ]),
  ) as Record<EnvironmentName, ReturnType<typeof probeEnvironment>>;
  const rendering = import('../ui/render-status.js');
  const [{ FileStateStore }, { readLockHolder }, { readCatalog }] = await Promise.all([
    import('../adapters/fs/state-file.js'),
    import('../adapters/fs/lock-stale.js'),
    import('../adapters/fs/backup-catalog.js'),
  ]);
  const [state, lock, catalog] = await Promise.all([
    new FileStateStore(stateDir).read(),
    readLockHolder(stateDir),
    readCatalog(config.backup.folder),
  ]).catch((error: unknown) => {
    early.abort();
    adapters.close();
    throw error;
  });
  const vmConfig = config.environments.localEmergency.vm;
  const newest = newestVerified(catalog.entries);
  const newestBackup: NewestBackup | null = newest && {
    env: newest.source,
    id: newest.id,
    createdAt: newest.createdAt,
    size: newest.size,
    ageSeconds: Math.max(0, Math.round((Date.now() - Date.parse(newest.createdAt)) / 1000)),
  };
  const report = await gatherStatus({
    mode: state.mode,
    selectedEmergency: state.selectedEmergency,
    urls: {
      operating: urlOf(config.environments.operating),
      cloudEmergency: config.environments.cloudEmergency.url,
      localEmergency: urlOf(config.environments.localEmergency),
    },
    probes,
    vm: vmConfig ? (signal) => readVmState(vmConfig, signal) : undefined,
    timeoutMs,
    newestBackup,
    lastSync: state.lastSync
      ? {
          at: state.lastSync.at,
          outcome: state.lastSync.outcome,
          backupId: state.lastSync.backupId ?? null,
          message: state.lastSync.message ?? null,
        }
      : null,
    lock:
      lock && lock.pid !== null
        ? {
            pid: lock.pid,
            host: lock.host ?? '?',
            command: lock.command ?? '?',
            startedAt: lock.startedAt ?? lock.refreshedAt,
            phase: lock.phase ?? undefined,
          }
        : null,
    describeError: describe,
  }).finally(() => adapters.close());
  for (const path of catalog.damaged) ctx.out.warn(ctx.t('status.damagedSidecar', { path }));

  if (options.prometheus !== undefined) {
    const { writeFleetMetrics } = await import('./status-metrics.js');
    await writeFleetMetrics(ctx, report, config.clinic.institutionCode, options.prometheus);
  }
  // With --prometheus the file is the result: a scheduled run leaves nothing else behind (--json still prints).
  const { renderStatus } = await rendering;
  ctx.out.result(report, () =>
    options.prometheus !== undefined
      ? ''
      : renderStatus(report, ctx.t, { color: ctx.out.color, width: ctx.out.columns, wide: options.wide === true }),
  );
  const offline = ENVIRONMENT_NAMES.filter((env) => !report.environments[env].online);
  if (options.strict && offline.length > 0) {
    throw new UnreachableError({
      key: 'status.strictOffline',
      params: { envs: offline.map((e) => ctx.t(`env.${e}`)).join(', ') },
    });
  }
  if (report.mismatches.length > 0 && !ctx.out.json && options.prometheus === undefined)
    ctx.out.warn(ctx.t('status.mismatchHint'));
}

function urlOf(
  env:
    | { kind: 'cloud'; url: string }
    | { kind: 'postgres'; orcaApiUrl: string; database: { host: string; port: number; database: string } },
): string {
  return env.kind === 'cloud' ? env.url : env.orcaApiUrl;
}

function parseTimeout(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.5 || n > 120) {
    throw new UsageError({ key: 'status.badTimeout', params: { value } });
  }
  return n;
}

function describeError(ctx: CommandContext, error: unknown, timeoutSeconds: number): string {
  if (error instanceof ProbeTimeout) return ctx.t('status.timeout', { seconds: timeoutSeconds });
  if (isOrcaError(error)) return ctx.t(error.key, error.params);
  return error instanceof Error ? error.message : String(error);
}

export type { StatusReport };
