/**
 * `RestoreTarget` for a cloud environment (docs/cloud-api.md): the dump is uploaded unless the environment
 * already holds it, then `POST /restore` starts a job that is polled until it ends or the deadline passes.
 * The job's request id is derived from (environment, backup, the environment's recorded restore point), so
 * a re-run after "still running" (exit 8) finds the same job instead of starting a second one.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CatalogEntry } from '../../core/backup-catalog.js';
import type { EnvironmentName } from '../../core/domain.js';
import { CancelledError, PartialError, UnreachableError } from '../../core/errors.js';
import type {
  BackupFolder,
  CloudBackupApi,
  RestoreOutcome,
  RestoreProgress,
  RestoreRequest,
  RestoreTarget,
  RestoreTargetFacts,
} from '../../core/ports.js';
import type { CloudJob } from '../../core/cloud-contract.js';
import { waitForJob } from '../../core/restore-job-wait.js';
import type { RestorePoint } from '../../core/state.js';
import { uploadBackupResumably } from '../../core/upload-backup.js';

export interface CloudRestoreTargetOptions {
  folder: BackupFolder;
  /** How long to wait for a job (restore or safety export). */
  timeoutMs: number;
  pollMs?: number;
  /** Deadline of the upload of a dump the environment does not hold yet, and of the safety download. */
  transferMs: number;
  /** The restore point the state records for this environment (part of the job's request id). */
  previousRestore: RestorePoint | undefined;
  onJob?: (event: { kind: 'replayed'; jobId: string; createdAt: string }) => void;
}

export class CloudRestoreTarget implements RestoreTarget {
  readonly kind = 'cloud' as const;
  readonly env: EnvironmentName;

  constructor(
    private readonly api: CloudBackupApi,
    private readonly options: CloudRestoreTargetOptions,
  ) {
    this.env = api.env;
  }

  /**
   * The clinic code and structure version from the health answer; the server restores with its own tools,
   * so no PostgreSQL version facts, and its counters are not part of the answer.
   */
  async inspect(signal?: AbortSignal): Promise<RestoreTargetFacts> {
    const health = await this.api.health(signal);
    return {
      server: null,
      identity: {
        exists: true,
        hospnums: [],
        institutionCode: health.institutionCode === '' ? null : health.institutionCode,
        problem: health.institutionCode === '' ? 'notAnswered' : null,
        structureVersion: health.version.trim() === '' ? null : health.version.trim(),
      },
      canTakeSafetyDump: true,
      sequences: null,
    };
  }

  /** Asks the environment to export its database, waits for it, and downloads it into the local catalog. */
  private async takeSafetyDump(signal?: AbortSignal): Promise<string> {
    const start = await this.api.exportBackup(`safety:${randomUUID()}`, signal);
    const params = { env: this.env };
    if (start.kind === 'refused')
      throw new PartialError({
        key: 'restore.safety.refused',
        params: { ...params, code: start.code ?? String(start.status) },
        hintKey: 'restore.safety.refused.hint',
      });
    const outcome = await waitForJob(this.api, start.jobId, {
      timeoutMs: this.options.timeoutMs,
      pollMs: this.options.pollMs,
      signal,
    });
    if (outcome.kind === 'failed') {
      throw new UnreachableError({
        key: 'restore.safety.failed',
        params: { ...params, code: outcome.job.error?.code ?? '?', message: outcome.job.error?.message ?? '' },
        hintKey: 'restore.safety.failed.hint',
      });
    }
    if (outcome.kind !== 'succeeded')
      throw new PartialError({
        key: 'restore.safety.unknown',
        params: { ...params, jobId: start.jobId },
        hintKey: 'restore.safety.unknown.hint',
      });
    const backup = (await this.api.listBackups(signal)).find((b) => b.id === start.backupId);
    if (!backup)
      throw new UnreachableError({
        key: 'restore.safety.missing',
        params: { ...params, id: start.backupId },
        hintKey: 'restore.safety.failed.hint',
      });
    const { entry } = await this.options.folder.fetch(this.env, this.api, backup, {
      deadlineAt: Date.now() + this.options.transferMs,
      signal,
    });
    return entry.id;
  }

  /**
   * With `safetyDump`, the environment exports first and the export is cataloged (a failure there throws:
   * nothing was touched). Rows entered between the export and the restore job are the environment's to
   * keep: the contract's restore job does not report them (docs/restore.md).
   */
  async restore(entry: CatalogEntry, request: RestoreRequest): Promise<RestoreOutcome> {
    const { onProgress, signal } = request;
    let safetyBackupId: string | null = null;
    if (request.safetyDump) {
      onProgress({ step: 'safetyDump', fraction: null });
      safetyBackupId = await this.takeSafetyDump(signal);
      request.onSafetyDump?.(safetyBackupId);
    }
    const startedAt = Date.now();
    onProgress({ step: 'preparing', fraction: null });
    try {
      await uploadBackupResumably(this.api, entry, { deadlineAt: startedAt + this.options.transferMs, signal });
    } catch (error) {
      return { kind: 'failed', step: 'preparing', error };
    }
    onProgress({ step: 'remote', fraction: 0 });
    let requestId = requestIdFor(this.env, entry, this.options.previousRestore);
    let outcome = await this.runJob(entry, requestId, onProgress, signal);
    for (
      let round = 0;
      round < MAX_FAILED_REPLAYS &&
      outcome.kind === 'failed' &&
      outcome.job !== null &&
      Date.parse(outcome.job.createdAt) < startedAt - 1000;
      round++
    ) {
      // The request id found an earlier run's job, and it had failed: the next id follows from that job,
      // so a re-run of this run (after "still running") finds this run's job again.
      requestId = nextRequestId(requestId, outcome.job.jobId);
      outcome = await this.runJob(entry, requestId, onProgress, signal);
    }
    return toRestoreOutcome(this.env, outcome, safetyBackupId);
  }

  private async runJob(
    entry: CatalogEntry,
    requestId: string,
    onProgress: (p: RestoreProgress) => void,
    signal?: AbortSignal,
  ): Promise<JobRun> {
    const started = Date.now();
    const start = await this.api.startRestore(entry.id, requestId, signal).catch((error: unknown) => {
      throw error instanceof CancelledError ? stoppedStarting(this.env, error) : error;
    });
    if (start.kind === 'refused') return { kind: 'refused', code: start.code ?? String(start.status) };
    let last: CloudJob | null = null;
    const outcome = await waitForJob(this.api, start.jobId, {
      timeoutMs: this.options.timeoutMs,
      pollMs: this.options.pollMs,
      signal,
      onUpdate: (job) => {
        last = job;
        onProgress({ step: 'remote', fraction: job.progress });
      },
    }).catch((error: unknown) => {
      throw error instanceof CancelledError ? stoppedWatching(this.env, start.jobId, last, error) : error;
    });
    if (outcome.job && Date.parse(outcome.job.createdAt) < started - 1000) {
      this.options.onJob?.({ kind: 'replayed', jobId: outcome.job.jobId, createdAt: outcome.job.createdAt });
    }
    // A job the server no longer knows (it restarted) has an unknown outcome, like one still running.
    return { kind: outcome.kind === 'lost' ? 'unknown' : outcome.kind, jobId: start.jobId, job: outcome.job };
  }
}

type JobRun =
  { kind: 'refused'; code: string } | { kind: 'succeeded' | 'failed' | 'unknown'; jobId: string; job: CloudJob | null };

function toRestoreOutcome(env: EnvironmentName, run: JobRun, safetyBackupId: string | null): RestoreOutcome {
  switch (run.kind) {
    case 'succeeded':
      return { kind: 'restored', safetyBackupId, keptDatabases: [], warnings: [] };
    case 'refused':
      return {
        kind: 'failed',
        step: 'remote',
        error: new PartialError({
          key: 'restore.cloud.refused',
          params: { env, code: run.code },
          hintKey: 'restore.cloud.refused.hint',
        }),
      };
    case 'failed':
      return {
        kind: 'failed',
        step: 'remote',
        error: new UnreachableError({
          key: 'restore.cloud.jobFailed',
          params: { env, code: run.job?.error?.code ?? '?', message: run.job?.error?.message ?? '' },
          hintKey: 'restore.cloud.jobFailed.hint',
        }),
      };
    default:
      return { kind: 'unknown', jobId: run.jobId, step: 'remote', fraction: run.job?.progress ?? null };
  }
}

/**
 * Ctrl-C while the environment restores: we stop watching, the job does not stop. Say where it stood; a
 * re-run of the same command finds the same job (same request id) and follows it to its end.
 */
function stoppedWatching(env: EnvironmentName, jobId: string, job: CloudJob | null, cause: unknown): CancelledError {
  const percent = job === null ? '?' : Math.round(job.progress * 100);
  return new CancelledError({
    key: 'restore.cloud.cancelled',
    params: { env, jobId, state: job?.state ?? 'queued', percent },
    hintKey: 'restore.cloud.cancelled.hint',
    cause,
  });
}

/** Ctrl-C while the job was being asked for: it may have started; the re-run's same request finds it. */
function stoppedStarting(env: EnvironmentName, cause: unknown): CancelledError {
  return new CancelledError({
    key: 'restore.cloud.cancelledStarting',
    params: { env },
    hintKey: 'restore.cloud.cancelled.hint',
    cause,
  });
}

const MAX_FAILED_REPLAYS = 20;

function nextRequestId(previous: string, failedJobId: string): string {
  return `restore:${createHash('sha256').update(`${previous}\n${failedJobId}`).digest('hex').slice(0, 40)}`;
}

/** Same environment, backup and recorded restore point → same request id → the same job on a re-run. */
export function requestIdFor(
  env: EnvironmentName,
  entry: Pick<CatalogEntry, 'id' | 'sha256'>,
  previous: RestorePoint | undefined,
): string {
  const basis = [env, entry.id, entry.sha256, previous?.backupId ?? '-', previous?.restoredAt ?? '-'].join('\n');
  return `restore:${createHash('sha256').update(basis).digest('hex').slice(0, 40)}`;
}
