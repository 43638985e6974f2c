/**
 * How `status` probes one environment: the way in (cloud control API or database) for counters and mode,
 * and the WebORCA API for version, clinic and `X-Hybridmode`, both at once. The environment is online when
 * either answers; what the other could not tell becomes a warning.
 */
import type { AdapterFactory } from '../adapters/factory.js';
import { ENVIRONMENT_NAMES, type EnvironmentName, type OrcaConfig } from '../core/config-schema.js';
import { isOrcaError } from '../core/errors.js';
import { reportedModeFor } from '../core/domain.js';
import { ProbeTimeout, type EnvironmentProbeResult, type StatusInput } from '../core/status.js';
import type { CommandContext } from './context.js';

export function probeEnvironment(
  adapters: AdapterFactory,
  env: EnvironmentName,
  kind: 'cloud' | 'postgres',
  describe: (error: unknown) => string,
  options: {
    /** Whether a database left closed may be re-opened (a promise: the lock is read while probes run). */
    repair: boolean | Promise<boolean>;
    translate?: (key: string, params: Record<string, string>) => string;
  } = { repair: false },
): (signal: AbortSignal) => Promise<EnvironmentProbeResult> {
  return async (signal) => {
    const cloud = kind === 'cloud' ? await adapters.cloudControl(env) : null;
    const [control, api] = await Promise.all([cloud ?? adapters.environmentControl(env), adapters.orcaApi(env)]);
    // Leftovers are looked at beside the other calls (one more round trip before them would slow every
    // status); a database a killed restore left closed is re-opened there, and its counters read after.
    const leftovers = Promise.resolve(options.repair)
      .then((repair) => adapters.restoreLeftovers(env, { repair, signal }))
      .catch(() => null);
    const afterReopen = <T>(read: () => Promise<T>) =>
      read().catch(async (error: unknown) => {
        if ((await leftovers)?.reopened) return read();
        throw error;
      });
    const [healthAnswer, sequences, orca, recorded] = await Promise.allSettled([
      cloud ? cloud.health(signal) : Promise.resolve(null),
      afterReopen(() => control.readSequences(signal)),
      // A cloud environment's health answer names version and clinic: only the WebORCA ping is needed.
      api.probe(signal, { details: !cloud }),
      // A directly reached environment: the mode the tool recorded in its database (none yet: normal).
      cloud
        ? Promise.resolve(null)
        : afterReopen(() => control.readMode(signal)).then((m) => m ?? reportedModeFor(env, 'normal')),
    ]);
    const failures = [healthAnswer, sequences, orca].filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failures.length === 3 || (cloud && healthAnswer.status === 'rejected' && orca.status === 'rejected')) {
      throw failures[0]!.reason;
    }
    if (!cloud && sequences.status === 'rejected' && orca.status === 'rejected') throw sequences.reason;
    const value = <T>(r: PromiseSettledResult<T>): T | null => (r.status === 'fulfilled' ? r.value : null);
    const h = value(healthAnswer);
    const o = value(orca);
    return {
      reportedMode: o?.reportedMode ?? h?.reportedMode ?? null,
      sequences: value(sequences),
      version: o?.version ?? (h?.version || null),
      institutionName: o?.institutionName ?? (h?.institutionName || null),
      institutionCode: o?.institutionCode ?? (h?.institutionCode || null),
      warnings: [
        ...failures.map((f) => describe(f.reason)),
        // One endpoint's failure while another answered: said, never hiding what the others told.
        ...Object.values(o?.failures ?? {}).map(describe),
        ...(o?.warnings ?? []).map((w) => options.translate?.(w.key, w.params) ?? w.key),
      ],
      keptDatabases: (await leftovers)?.kept ?? [],
      reopened: (await leftovers)?.reopened ?? false,
      ...(cloud ? {} : { databaseMode: value(recorded) }),
    };
  };
}

/** Each environment's address as people know it: the cloud URL, or a directly reached one's WebORCA API. */
export function statusUrls(config: OrcaConfig): StatusInput['urls'] {
  const urlOf = (env: EnvironmentName) => {
    const settings = config.environments[env];
    return settings.kind === 'cloud' ? settings.url : settings.orcaApiUrl;
  };
  return Object.fromEntries(ENVIRONMENT_NAMES.map((env) => [env, urlOf(env)])) as StatusInput['urls'];
}

/** A probe's failure in the run's language; the shared deadline as "no answer within N s". */
export function describeError(ctx: CommandContext, error: unknown, timeoutSeconds: number): string {
  if (error instanceof ProbeTimeout) return ctx.t('status.timeout', { seconds: timeoutSeconds });
  if (isOrcaError(error)) return ctx.t(error.key, error.params);
  return error instanceof Error ? error.message : String(error);
}
