/**
 * `vm start` (manual §3.2.5 仮想環境を起動): power the local emergency VM on and wait until WebORCA
 * answers through its forwarded port. Starting a running VM is not an error: it is said, and WebORCA is
 * still waited for, so exit 0 always means "WebORCA answers".
 */
import { GuardError } from './errors.js';
import type { Hypervisor, Sleeper, WebOrcaCheck } from './hypervisor.js';
import type { Clock } from './ports.js';
import {
  assertForwards,
  isStopped,
  observeExisting,
  POLL_INTERVAL_MS,
  waitForWebOrca,
  type ExpectedForward,
} from './vm-checks.js';
import { pollUntil, secondsOf } from './vm-wait.js';

export interface VmStartOptions {
  /** How long WebORCA may take to answer after the VM was started (`vm.startTimeoutSeconds`, `--timeout`). */
  timeoutMs: number;
  expectedForwards: readonly ExpectedForward[];
  signal?: AbortSignal;
}

export interface VmStartEvents {
  /** The VM was off (or saved) and is being started. */
  starting(): void;
  /** The VM was already running: only WebORCA is waited for. */
  alreadyRunning(): void;
  waitingForWebOrca(): void;
}

export interface VmStartPorts {
  hypervisor: Hypervisor;
  webOrca: WebOrcaCheck;
  clock: Clock;
  sleeper: Sleeper;
  events: VmStartEvents;
  explain(error: unknown): string;
}

export interface VmStartReport {
  outcome: 'started' | 'alreadyRunning';
  /** From the command's start until WebORCA answered. */
  seconds: number;
  /** Of those, waiting for WebORCA. */
  webOrcaSeconds: number;
}

/**
 * Starts the VM and waits for WebORCA. Refusals come first: a missing VM or NAT forward (exit 2), a paused
 * or broken VM (exit 5). WebORCA not answering within `timeoutMs` is exit 3 with the elapsed time.
 */
export async function startVm(options: VmStartOptions, ports: VmStartPorts): Promise<VmStartReport> {
  const { hypervisor, clock } = ports;
  const started = clock.now().getTime();
  const timing = { clock, sleeper: ports.sleeper, intervalMs: POLL_INTERVAL_MS, signal: options.signal };
  let vm = await observeExisting(hypervisor, options.signal);
  if (vm.power === 'paused' || vm.power === 'failed' || vm.power === 'unknown') {
    throw new GuardError({
      key: 'vm.start.badState',
      params: { name: hypervisor.vmName, state: vm.detail },
      hintKey: `vm.start.badState.hint.${hypervisor.provider}`,
      hintParams: { name: hypervisor.vmName },
    });
  }
  await assertForwards(hypervisor, options.expectedForwards, options.signal);
  if (vm.power === 'stopping' || vm.power === 'busy') {
    // A shutdown or snapshot operation in progress: start once it is over.
    const settled = await pollUntil(
      async () => {
        vm = await observeExisting(hypervisor, options.signal);
        return vm.power === 'stopping' || vm.power === 'busy' ? { done: false } : { done: true, value: vm };
      },
      { ...timing, timeoutMs: options.timeoutMs },
    );
    if (settled.kind === 'timedOut') {
      throw new GuardError({
        key: 'vm.start.stillBusy',
        params: { name: hypervisor.vmName, state: vm.detail, elapsed: secondsOf(settled.elapsedMs) },
        hintKey: 'vm.start.stillBusy.hint',
      });
    }
  }
  let outcome: VmStartReport['outcome'] = 'alreadyRunning';
  if (isStopped(vm.power)) {
    ports.events.starting();
    outcome = (await hypervisor.start(options.signal)).kind;
  }
  if (outcome === 'alreadyRunning') ports.events.alreadyRunning();
  ports.events.waitingForWebOrca();
  const waited = await waitForWebOrca(ports.webOrca, { ...timing, timeoutMs: options.timeoutMs }, ports.explain);
  return {
    outcome,
    seconds: secondsOf(clock.now().getTime() - started),
    webOrcaSeconds: secondsOf(waited.elapsedMs),
  };
}
