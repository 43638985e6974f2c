/**
 * `vm stop` (manual §3.2.5 仮想環境を停止): a graceful shutdown (ACPI power button, Hyper-V integration
 * services), polled until the VM is off; after the timeout the power is pulled — only with the person's
 * go-ahead or `--force`, because a forced stop can lose what WebORCA had not yet written.
 */
import { UnreachableError } from './errors.js';
import type { Hypervisor, Sleeper, VmShutdownOutcome } from './hypervisor.js';
import type { Clock } from './ports.js';
import { isStopped, observeExisting, POLL_INTERVAL_MS } from './vm-checks.js';
import { pollUntil, secondsOf } from './vm-wait.js';

export interface VmStopOptions {
  /** How long the guest gets to shut itself down. */
  timeoutMs: number;
  /** Pull the power after the timeout without asking. */
  force: boolean;
  signal?: AbortSignal;
}

export interface VmStopEvents {
  shutdownRequested(): void;
  poweringOff(): void;
}

export interface VmStopPorts {
  hypervisor: Hypervisor;
  clock: Clock;
  sleeper: Sleeper;
  events: VmStopEvents;
  /**
   * Asked when the graceful shutdown timed out and `force` is off: true pulls the power. With nobody to
   * answer it returns false (the error then names `--force`).
   */
  confirmPowerOff(elapsedSeconds: number): Promise<boolean>;
}

export interface VmStopReport {
  outcome: 'stopped' | 'poweredOff' | 'alreadyStopped';
  seconds: number;
}

/**
 * Stops the VM. A VM already off (or saved) is `alreadyStopped`; a graceful stop that times out without
 * the go-ahead is UnreachableError `vm.stop.timedOut` (exit 3) with the elapsed time, the VM left running.
 */
export async function stopVm(options: VmStopOptions, ports: VmStopPorts): Promise<VmStopReport> {
  const { hypervisor, clock } = ports;
  const started = clock.now().getTime();
  const report = (outcome: VmStopReport['outcome']): VmStopReport => ({
    outcome,
    seconds: secondsOf(clock.now().getTime() - started),
  });
  const vm = await observeExisting(hypervisor, options.signal);
  if (isStopped(vm.power)) return report('alreadyStopped');

  ports.events.shutdownRequested();
  // Hyper-V's request returns only when the guest is off: run it beside the polling, abort it at the deadline.
  const request = new AbortController();
  const forward = (): void => request.abort();
  options.signal?.addEventListener('abort', forward, { once: true });
  let requestEnded: { outcome: VmShutdownOutcome } | { error: unknown } | null = null;
  const pending = hypervisor.requestShutdown(request.signal).then(
    (outcome) => void (requestEnded = { outcome }),
    (error: unknown) => void (requestEnded = { error }),
  );
  try {
    const waited = await pollUntil(
      async () => {
        const ended = requestEnded as { outcome: VmShutdownOutcome } | { error: unknown } | null;
        if (ended && 'error' in ended && !request.signal.aborted) throw ended.error;
        const now = await observeExisting(hypervisor, options.signal);
        return isStopped(now.power) ? { done: true, value: now } : { done: false };
      },
      {
        clock,
        sleeper: ports.sleeper,
        intervalMs: POLL_INTERVAL_MS,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      },
    );
    if (waited.kind === 'done') return report('stopped');
    const elapsed = secondsOf(waited.elapsedMs);
    if (!options.force && !(await ports.confirmPowerOff(elapsed))) {
      throw new UnreachableError({
        key: 'vm.stop.timedOut',
        params: { name: hypervisor.vmName, elapsed },
        hintKey: 'vm.stop.timedOut.hint',
      });
    }
  } finally {
    request.abort();
    options.signal?.removeEventListener('abort', forward);
    await pending;
  }
  ports.events.poweringOff();
  const off = await hypervisor.powerOff(options.signal);
  return report(off.kind === 'notRunning' ? 'stopped' : 'poweredOff');
}
