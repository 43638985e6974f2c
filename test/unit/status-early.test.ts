/** `status`'s probes started before the records are read. */
import { getMaxListeners } from 'node:events';
import { startProbes } from '../../src/core/status-early.js';
import type { EnvironmentProbeResult } from '../../src/core/status.js';

const result = {} as EnvironmentProbeResult;

test('the early signal takes the listeners of every request (no MaxListenersExceededWarning on stderr)', async () => {
  const signals: AbortSignal[] = [];
  const probes = startProbes(() => async (signal) => {
    signals.push(signal);
    return result;
  });
  expect(await probes.started.operating(new AbortController().signal)).toBe(result);
  // Three environments' requests (retries, sockets, pg) listen on it at once: well over Node's default 10.
  expect(signals.map((s) => getMaxListeners(s) >= 100)).toEqual([true, true, true]);
});

test('the shared deadline (an abort of the signal gatherStatus gives) stops the running probes', async () => {
  let seen: AbortSignal | undefined;
  const probes = startProbes(() => (signal) => {
    seen = signal;
    return new Promise<EnvironmentProbeResult>(() => undefined);
  });
  const deadline = new AbortController();
  void probes.started.cloudEmergency(deadline.signal);
  deadline.abort();
  expect(seen?.aborted).toBe(true);
});
