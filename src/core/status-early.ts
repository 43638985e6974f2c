/**
 * `status` starts its probes before it reads the state, the lock and the catalog, so the environments answer
 * meanwhile; `gatherStatus` then gets functions that hand back the running probes.
 */
import { setMaxListeners } from 'node:events';
import { ENVIRONMENT_NAMES } from './config-schema.js';
import type { EnvironmentName } from './domain.js';
import type { StatusInput } from './status.js';

/**
 * Starts every environment's probe now, before the records are read; `gatherStatus` gets functions that hand
 * back the running probe, and its shared deadline (or Ctrl-C) still stops them.
 */
export function startProbes(probe: (env: EnvironmentName) => StatusInput['probes'][EnvironmentName]) {
  const early = new AbortController();
  // Every probe's requests listen on this one signal, as on gatherStatus's (more than ten is expected).
  setMaxListeners(100, early.signal);
  const running = Object.fromEntries(ENVIRONMENT_NAMES.map((env) => [env, probe(env)(early.signal)])) as Record<
    EnvironmentName,
    ReturnType<StatusInput['probes'][EnvironmentName]>
  >;
  for (const promise of Object.values(running)) promise.catch(() => undefined);
  const started = Object.fromEntries(
    ENVIRONMENT_NAMES.map((env) => [
      env,
      (signal: AbortSignal) => {
        signal.addEventListener('abort', () => early.abort(), { once: true });
        return running[env];
      },
    ]),
  ) as StatusInput['probes'];
  return { started, stop: () => early.abort() };
}
