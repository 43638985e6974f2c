/**
 * Waits for a cloud environment's job (`GET /jobs/{id}`, docs/cloud-api.md) with a deadline. A job that
 * has not finished by the deadline — or that could not be asked about — is reported as `unknown`, never as
 * failed (RELIABILITY.md lesson 7): the server may still be working on it.
 */
import type { CloudJob } from './cloud-contract.js';
import { isOrcaError, ExitCode } from './errors.js';
import type { CloudBackupApi } from './ports.js';

export type JobWaitOutcome =
  | { kind: 'succeeded'; job: CloudJob }
  | { kind: 'failed'; job: CloudJob }
  /** Still queued or running at the deadline, or unanswerable: `job` is the last answer seen. */
  | { kind: 'unknown'; job: CloudJob | null; reason: 'timeout' | 'unreachable' }
  /** The server does not know the job (404): it restarted and lost it. */
  | { kind: 'lost'; job: null };

export interface JobWaitOptions {
  timeoutMs: number;
  /** Time between polls (default 1 s). */
  pollMs?: number;
  /** Called with every answer (progress 0–1, phase) for a spinner. */
  onUpdate?: (job: CloudJob) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

/**
 * Polls until the job succeeds or fails, or the deadline passes. A poll that fails with a transport or
 * server error (exit 3) is retried until the deadline; an authentication error or cancellation is thrown.
 */
export async function waitForJob(
  api: Pick<CloudBackupApi, 'getJob'>,
  jobId: string,
  options: JobWaitOptions,
): Promise<JobWaitOutcome> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + options.timeoutMs;
  let last: CloudJob | null = null;
  let unreachable = false;
  for (;;) {
    try {
      const job = await api.getJob(jobId, options.signal);
      unreachable = false;
      if (job === null) return { kind: 'lost', job: null };
      last = job;
      options.onUpdate?.(job);
      if (job.state === 'succeeded') return { kind: 'succeeded', job };
      if (job.state === 'failed') return { kind: 'failed', job };
    } catch (error) {
      if (!isOrcaError(error) || error.exitCode !== ExitCode.unreachable) throw error;
      unreachable = true;
    }
    const remaining = deadline - now();
    if (remaining <= 0) return { kind: 'unknown', job: last, reason: unreachable ? 'unreachable' : 'timeout' };
    await sleep(Math.min(options.pollMs ?? 1000, remaining));
  }
}
