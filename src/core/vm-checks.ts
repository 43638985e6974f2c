/**
 * Checks the `vm` use cases share: the VM exists, its NAT forwards reach the database and WebORCA, and
 * WebORCA answers before a deadline. Each failure is a precise error with the next step as its hint.
 */
import { ConfigError, UnreachableError } from './errors.js';
import type { Hypervisor, PortForward, VmObservation, VmPower, WebOrcaCheck } from './hypervisor.js';
import { pollUntil, secondsOf, type PollTiming } from './vm-wait.js';

export type FoundVm = Extract<VmObservation, { kind: 'found' }>;

/** A host port the tool reaches the guest through, derived from `localEmergency` (loopback hosts only). */
export interface ExpectedForward {
  purpose: 'database' | 'webOrca';
  hostPort: number;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The host ports `localEmergency` reaches the VM through when they are on this computer (a NAT forward
 * then must carry them); none for addresses elsewhere (a bridged VM is reached directly).
 */
export function expectedForwardsFor(local: {
  database: { host: string; port: number };
  orcaApiUrl: string;
}): ExpectedForward[] {
  const expected: ExpectedForward[] = [];
  if (LOOPBACK.has(local.database.host)) expected.push({ purpose: 'database', hostPort: local.database.port });
  const url = new URL(local.orcaApiUrl);
  if (LOOPBACK.has(url.hostname)) {
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    expected.push({ purpose: 'webOrca', hostPort: port });
  }
  return expected;
}

/** How often a waiting use case asks again. */
export const POLL_INTERVAL_MS = 2000;

/** The VM as observed, or ConfigError `vm.notFound` (exit 2) naming what to check. */
export async function observeExisting(hypervisor: Hypervisor, signal?: AbortSignal): Promise<FoundVm> {
  const observed = await hypervisor.observe(signal);
  if (observed.kind === 'found') return observed;
  throw vmNotFound(hypervisor, observed.maybeNotElevated);
}

export function vmNotFound(
  hypervisor: Pick<Hypervisor, 'provider' | 'vmName'>,
  maybeNotElevated: boolean,
): ConfigError {
  return new ConfigError({
    key: 'vm.notFound',
    params: { name: hypervisor.vmName, provider: hypervisor.provider },
    hintKey: maybeNotElevated ? 'vm.notFound.hint.elevation' : `vm.notFound.hint.${hypervisor.provider}`,
  });
}

/** Off in the sense that matters: no guest running, snapshots may be restored. */
export function isStopped(power: VmPower): boolean {
  return power === 'off' || power === 'saved';
}

/** The expected forwards no TCP rule provides (by host port). */
export function missingForwards(
  forwards: readonly PortForward[],
  expected: readonly ExpectedForward[],
): ExpectedForward[] {
  return expected.filter(
    (want) => !forwards.some((rule) => rule.protocol.toLowerCase() === 'tcp' && rule.hostPort === want.hostPort),
  );
}

/**
 * ConfigError `vm.forward.missing` (exit 2) when the VM lacks a NAT forward the config relies on: without
 * it the tool would wait the whole start timeout for a WebORCA it can never reach.
 */
export async function assertForwards(
  hypervisor: Hypervisor,
  expected: readonly ExpectedForward[],
  signal?: AbortSignal,
): Promise<void> {
  if (expected.length === 0) return;
  const forwards = await hypervisor.portForwards(signal);
  if (forwards === null) return;
  const missing = missingForwards(forwards, expected);
  if (missing.length === 0) return;
  throw new ConfigError({
    key: 'vm.forward.missing',
    params: { name: hypervisor.vmName, ports: missing.map((m) => m.hostPort).join(', ') },
    details: missing.map((m) => `${m.purpose}: 127.0.0.1:${m.hostPort}`),
    hintKey: 'vm.forward.missing.hint',
    hintParams: { name: hypervisor.vmName, port: missing[0]!.hostPort },
  });
}

/**
 * Waits until WebORCA answers `system01dailyv2`. Throws UnreachableError `vm.webOrca.timedOut` (exit 3)
 * with the elapsed time and WebORCA's last answer when the deadline passes.
 */
export async function waitForWebOrca(
  webOrca: WebOrcaCheck,
  timing: PollTiming,
  explain: (error: unknown) => string,
): Promise<{ elapsedMs: number }> {
  const started = timing.clock.now().getTime();
  const outcome = await pollUntil(async () => {
    // One answer may not outlast the deadline (a WebORCA that accepts connections but never answers).
    const left = Math.max(1000, timing.timeoutMs - (timing.clock.now().getTime() - started));
    const attempt = AbortSignal.timeout(left);
    try {
      await webOrca.ping(timing.signal ? AbortSignal.any([timing.signal, attempt]) : attempt);
      return { done: true, value: null };
    } catch (error) {
      if (timing.signal?.aborted) throw error;
      return { done: false, error: attempt.aborted ? null : error };
    }
  }, timing);
  if (outcome.kind === 'done') return { elapsedMs: outcome.elapsedMs };
  throw new UnreachableError({
    key: 'vm.webOrca.timedOut',
    params: { seconds: secondsOf(timing.timeoutMs), elapsed: secondsOf(outcome.elapsedMs) },
    details: outcome.lastError === null ? [] : [explain(outcome.lastError)],
    hintKey: 'vm.webOrca.timedOut.hint',
  });
}
