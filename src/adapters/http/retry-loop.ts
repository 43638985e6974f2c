import { setTimeout as sleep } from 'node:timers/promises';
import { UnreachableError, isOrcaError, type OrcaError } from '../../core/errors.js';
import { isTransientError, mapStatusError, mapTransportError, type RequestTarget } from './http-errors.js';

/** An attempt's answer asking for another try (a retryable HTTP status). */
export interface RetryableStatus {
  retryStatus: number;
  retryAfterMs: number | null;
  errorCode: string | null;
}

/** The abort signal of one attempt: the caller's signal, plus the total deadline while it applies. */
export interface AttemptSignal {
  signal: AbortSignal;
  /** Keeps the caller's signal wired to this attempt after it resolved (a body stream still flowing). */
  keepUntil(stream: NodeJS.EventEmitter): void;
}

export interface RetryPolicy {
  idempotent: boolean;
  limit: number;
  /** Total deadline over all attempts and waits; `null` = none (uploads: bounded by idle timeouts only). */
  totalDeadlineMs: number | null;
  baseDelayMs: number;
  signal?: AbortSignal;
}

class DeadlineReached extends Error {}

/**
 * Runs `attempt` until it succeeds, fails for good, or the budget (count AND total deadline) is spent
 * (RELIABILITY.md lesson 2). The deadline bounds each attempt until it resolves — a JSON body is read inside
 * the attempt, a download's body is not (it runs as long as bytes keep coming; the idle timeout catches a
 * stall). Errors are typed; the caller's abort reason passes through when it is an OrcaError.
 */
export async function runWithRetries<R>(
  target: RequestTarget,
  policy: RetryPolicy,
  attempt: (signal: AttemptSignal, n: number) => Promise<R | RetryableStatus>,
): Promise<R> {
  const deadline = policy.totalDeadlineMs === null ? null : Date.now() + policy.totalDeadlineMs;
  const user = policy.signal;
  for (let n = 1; ; n++) {
    const controller = new AbortController();
    const forward = () => controller.abort(user?.reason);
    if (user?.aborted) controller.abort(user.reason);
    else user?.addEventListener('abort', forward, { once: true });
    const timer =
      deadline === null
        ? undefined
        : setTimeout(() => controller.abort(new DeadlineReached()), Math.max(1, deadline - Date.now()));
    timer?.unref();
    let kept = false;
    const handle: AttemptSignal = {
      signal: controller.signal,
      keepUntil(stream) {
        kept = true;
        stream.once('close', () => user?.removeEventListener('abort', forward));
      },
    };
    let failure: { error: OrcaError; retryable: boolean; waitMs: number | null };
    try {
      const result = await attempt(handle, n);
      if (!isRetryableStatus(result)) return result;
      failure = {
        error: mapStatusError(result.retryStatus, target, n, result.errorCode),
        retryable: true,
        waitMs: result.retryAfterMs,
      };
    } catch (error) {
      if (user?.aborted) throw abortError(user.reason, target, n);
      if (controller.signal.reason instanceof DeadlineReached) throw timeoutError(target, n, 'DEADLINE');
      failure = { error: mapTransportError(error, target, n), retryable: isTransientError(error), waitMs: null };
    } finally {
      clearTimeout(timer);
      if (!kept) user?.removeEventListener('abort', forward);
    }
    const delay = Math.min(failure.waitMs ?? policy.baseDelayMs * 2 ** (n - 1), 30_000);
    const outOfTime = deadline !== null && Date.now() + delay >= deadline;
    if (!policy.idempotent || !failure.retryable || n > policy.limit || outOfTime) throw failure.error;
    try {
      await sleep(delay, undefined, user ? { signal: user } : undefined);
    } catch {
      throw abortError(user?.reason, target, n);
    }
  }
}

function isRetryableStatus(value: unknown): value is RetryableStatus {
  return value !== null && typeof value === 'object' && 'retryStatus' in value;
}

function abortError(reason: unknown, target: RequestTarget, attempts: number): OrcaError {
  return isOrcaError(reason) ? reason : timeoutError(target, attempts, 'ABORTED');
}

export function timeoutError(target: RequestTarget, attempts: number, code: string): OrcaError {
  return new UnreachableError({
    key: 'http.timeout',
    params: { env: target.env, url: target.url, code, attempts },
    hintKey: 'http.unreachable.hint',
  });
}
