/**
 * Telling environments the mode (manual §5(2): what they report in `X-Hybridmode`). A push is owed from the
 * moment it is recorded in the state's `pendingModePushes` until an environment has taken it, so an
 * environment that was down — or a run killed before it pushed — gets it from the next command that
 * reaches it.
 */
import type { EnvironmentName, Mode } from './domain.js';
import type { StateLedger } from './ports.js';
import { settlePendingModePush } from './state-changes.js';

export interface ModePushPorts {
  ledger: StateLedger;
  /** Tells `env` the mode; throws (UnreachableError, AuthError, …) when it cannot. Safe to repeat. */
  push(env: EnvironmentName, mode: Mode, signal?: AbortSignal): Promise<void>;
}

/** A push that is still owed, and why it could not be delivered now. */
export interface UndeliveredPush {
  env: EnvironmentName;
  mode: Mode;
  error: unknown;
}

export interface DeliveryReport {
  delivered: Array<{ env: EnvironmentName; mode: Mode }>;
  undelivered: UndeliveredPush[];
}

/**
 * Delivers one owed push: pushes `mode` to `env`, then forgets it — only while the state still owes that same
 * mode (a newer switch may have replaced it meanwhile). Never throws for the environment's failure: the push
 * then stays pending and the error is returned.
 */
export async function deliverPendingModePush(
  env: EnvironmentName,
  mode: Mode,
  ports: ModePushPorts,
  signal?: AbortSignal,
): Promise<{ delivered: true } | { delivered: false; error: unknown }> {
  try {
    await ports.push(env, mode, signal);
  } catch (error) {
    return { delivered: false, error };
  }
  await ports.ledger.update((current) => settlePendingModePush(current, env, mode));
  return { delivered: true };
}

/**
 * Delivers the pending pushes of `envs` (those without one are skipped), side by side (see
 * `deliverPendingModePush`); one environment's failure never stops the others. A cancelled run rethrows the
 * signal's reason once every push has settled.
 */
export async function deliverPendingModePushes(
  envs: readonly EnvironmentName[],
  ports: ModePushPorts,
  signal?: AbortSignal,
): Promise<DeliveryReport> {
  const state = await ports.ledger.read();
  const owed = envs.flatMap((env) => {
    const mode = state.pendingModePushes[env];
    return mode === undefined ? [] : [{ env, mode }];
  });
  const results = await Promise.all(owed.map(({ env, mode }) => deliverPendingModePush(env, mode, ports, signal)));
  if (signal?.aborted) throw signal.reason;
  const report: DeliveryReport = { delivered: [], undelivered: [] };
  results.forEach((result, i) => {
    const { env, mode } = owed[i]!;
    if (result.delivered) report.delivered.push({ env, mode });
    else report.undelivered.push({ env, mode, error: result.error });
  });
  return report;
}
