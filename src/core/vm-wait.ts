/**
 * Waiting for a VM to reach a state (off, WebORCA answering) by asking again and again until a deadline.
 * Time comes from the injected clock and sleeper, so tests poll without waiting.
 */
import { CancelledError } from './errors.js';
import type { Sleeper } from './hypervisor.js';
import type { Clock } from './ports.js';

export interface PollTiming {
  clock: Clock;
  sleeper: Sleeper;
  timeoutMs: number;
  intervalMs: number;
  signal?: AbortSignal;
}

/** Either the check's value, or the deadline passed; `lastError` is the last failure the check reported. */
export type PollOutcome<T> =
  | { kind: 'done'; value: T; elapsedMs: number; attempts: number }
  | { kind: 'timedOut'; elapsedMs: number; attempts: number; lastError: unknown };

/** The check's verdict for one attempt: a value (done), or not yet with an optional reason. */
export type PollAnswer<T> = { done: true; value: T } | { done: false; error?: unknown };

/**
 * Runs `check` until it says done or `timeoutMs` has passed (at least one attempt, and one more at the
 * deadline when the last sleep ended there). Errors thrown by `check` end the wait and propagate: a
 * check that wants to retry after a failure answers `{ done: false, error }` instead.
 */
export async function pollUntil<T>(
  check: (attempt: number) => Promise<PollAnswer<T>>,
  timing: PollTiming,
): Promise<PollOutcome<T>> {
  const started = timing.clock.now().getTime();
  const elapsed = (): number => timing.clock.now().getTime() - started;
  let lastError: unknown = null;
  for (let attempt = 1; ; attempt += 1) {
    if (timing.signal?.aborted) throw new CancelledError({ key: 'error.cancelled' });
    const answer = await check(attempt);
    if (answer.done) return { kind: 'done', value: answer.value, elapsedMs: elapsed(), attempts: attempt };
    if (answer.error !== undefined) lastError = answer.error;
    const left = timing.timeoutMs - elapsed();
    if (left <= 0) return { kind: 'timedOut', elapsedMs: elapsed(), attempts: attempt, lastError };
    await timing.sleeper.sleep(Math.min(timing.intervalMs, left), timing.signal);
  }
}

/** Whole seconds for messages, at least 0, one decimal under ten seconds. */
export function secondsOf(ms: number): number {
  const s = Math.max(0, ms) / 1000;
  return s < 10 ? Math.round(s * 10) / 10 : Math.round(s);
}
