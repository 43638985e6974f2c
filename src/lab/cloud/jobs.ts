/**
 * Export and restore jobs of the lab server: one at a time, kept in memory for the server's lifetime,
 * shaped as the contract's `Job`. A job's work reports progress (0–1) and a phase word.
 */
import { randomBytes } from 'node:crypto';
import { HttpError } from './http-util.js';

export type JobKind = 'export' | 'restore';
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed';

export interface JobRecord {
  jobId: string;
  kind: JobKind;
  state: JobState;
  progress: number;
  phase?: string;
  backupId: string;
  createdAt: string;
  updatedAt: string;
  error?: { code: string; message: string };
}

export type ProgressReporter = (progress: number, phase: string) => void;
export type JobWork = (report: ProgressReporter) => Promise<void>;

const MAX_KEPT_JOBS = 200;

export class JobRunner {
  private readonly jobs = new Map<string, JobRecord>();
  private active: JobRecord | null = null;
  private readonly settled = new Map<string, Promise<void>>();

  /** Starts `work` as a job; 409 JOB_RUNNING while another job has not finished. */
  start(kind: JobKind, backupId: string, work: JobWork): JobRecord {
    if (this.active)
      throw new HttpError(409, 'JOB_RUNNING', `job ${this.active.jobId} (${this.active.kind}) is still running`);
    const now = new Date().toISOString();
    const job: JobRecord = {
      jobId: `${kind}-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`,
      kind,
      state: 'queued',
      progress: 0,
      backupId,
      createdAt: now,
      updatedAt: now,
    };
    this.jobs.set(job.jobId, job);
    while (this.jobs.size > MAX_KEPT_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
    this.active = job;
    this.settled.set(job.jobId, this.run(job, work));
    return { ...job };
  }

  get(jobId: string): JobRecord | null {
    const job = this.jobs.get(jobId);
    return job ? { ...job } : null;
  }

  /** Resolves once the job has finished (for tests and `close()`); never rejects. */
  async wait(jobId: string): Promise<JobRecord | null> {
    await this.settled.get(jobId);
    return this.get(jobId);
  }

  /** Waits for the running job, if any. */
  async idle(): Promise<void> {
    if (this.active) await this.settled.get(this.active.jobId);
  }

  private async run(job: JobRecord, work: JobWork): Promise<void> {
    // Let the 202 go out before anything slow starts.
    await new Promise((resolve) => setImmediate(resolve));
    const update = (patch: Partial<JobRecord>): void => {
      Object.assign(job, patch, { updatedAt: new Date().toISOString() });
    };
    update({ state: 'running', phase: 'starting' });
    try {
      await work((progress, phase) => update({ progress: Math.min(1, Math.max(0, progress)), phase }));
      update({ state: 'succeeded', progress: 1, phase: 'done' });
    } catch (error) {
      const code = error instanceof HttpError ? error.code : 'JOB_FAILED';
      update({ state: 'failed', phase: 'failed', error: { code, message: describeFailure(error) } });
    } finally {
      if (this.active === job) this.active = null;
    }
  }
}

/** One line for the job's error: the error's own message plus the last line of a tool's stderr, if any. */
function describeFailure(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  const details = (error as { details?: unknown }).details;
  const last = Array.isArray(details)
    ? [...details].reverse().find((line) => typeof line === 'string' && line.trim() !== '')
    : undefined;
  return (last ? `${first}: ${String(last).trim()}` : first).slice(0, 1000);
}
