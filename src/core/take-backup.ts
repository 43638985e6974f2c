/**
 * `backup --from cloudEmergency|localEmergency` (バックアップを取得): a new dump of an emergency environment
 * into the local catalog. Local: `pg_dump -Fc` over the direct connection. Cloud: ask the environment to
 * export (a server-side job), wait for it, then download it as `sync` does. Retention applies afterwards.
 */
import type { CatalogEntry } from './backup-catalog.js';
import type { EnvironmentName } from './domain.js';
import { PartialError, UnreachableError } from './errors.js';
import type {
  BackupFolder,
  Clock,
  CloudBackupApi,
  DumpSource,
  FetchStats,
  TransferProgress,
  VerifyStep,
} from './ports.js';
import { planRetention } from './retention.js';
import type { OrcaState } from './state.js';
import { makeDumpId } from './sync-plan.js';

export interface TakeBackupEvents {
  phase(phase: 'exporting' | 'downloading' | 'dumping' | 'pruning'): void;
  exportProgress(fraction: number, phase: string | null): void;
  progress(progress: TransferProgress): void;
  /** A verification step of the new dump begins. */
  verifying(step: VerifyStep): void;
  /** A download that failed its checksum was discarded and is fetched once more. */
  refetching(reason: string): void;
}

export interface TakeBackupPorts {
  source: DumpSource;
  folder: BackupFolder;
  events: TakeBackupEvents;
  clock: Clock;
}

export interface TakeBackupOptions {
  env: EnvironmentName;
  state: OrcaState;
  retention: number;
  deadlineMs: number;
  /** Idempotency key of the export request (a re-sent request starts no second export). */
  requestId: string;
  pollMs?: number;
  signal?: AbortSignal;
}

export interface TakeBackupReport {
  entry: CatalogEntry;
  transfer: FetchStats | null;
  pruned: string[];
}

/**
 * Takes the backup. Throws PartialError (exit 8) when the export job is still running at the deadline
 * (re-run: the job's backup is fetched once it is listed), UnreachableError when the job failed.
 */
export async function takeBackup(options: TakeBackupOptions, ports: TakeBackupPorts): Promise<TakeBackupReport> {
  const deadlineAt = ports.clock.now().getTime() + options.deadlineMs;
  let entry: CatalogEntry;
  let transfer: FetchStats | null = null;
  if (ports.source.kind === 'database') {
    ports.events.phase('dumping');
    ({ entry } = await ports.folder.dump(options.env, ports.source.db, makeDumpId(options.env, ports.clock.now()), {
      signal: options.signal,
      onStep: ports.events.verifying,
    }));
  } else {
    const api = ports.source.api;
    ports.events.phase('exporting');
    const backupId = await runExport(api, options, ports.events, deadlineAt);
    const listed = (await api.listBackups(options.signal)).find((b) => b.id === backupId);
    if (!listed)
      throw new UnreachableError({
        key: 'backup.export.missing',
        params: { env: api.env, id: backupId },
        hintKey: 'backup.export.missing.hint',
      });
    ports.events.phase('downloading');
    const fetched = await ports.folder.fetch(options.env, api, listed, {
      deadlineAt,
      signal: options.signal,
      onProgress: ports.events.progress,
      onStep: ports.events.verifying,
      onRefetch: ports.events.refetching,
    });
    ({ entry } = fetched);
    transfer = fetched.stats;
  }
  ports.events.phase('pruning');
  const { entries } = await ports.folder.read();
  const plan = planRetention(entries, { keep: options.retention, restorePoints: options.state.restorePoints });
  await ports.folder.remove(plan.prune);
  await ports.folder.removeStalePartials(options.env, entry.id);
  return { entry, transfer, pruned: plan.prune.map((e) => e.id) };
}

async function runExport(
  api: CloudBackupApi,
  options: TakeBackupOptions,
  events: TakeBackupEvents,
  deadlineAt: number,
): Promise<string> {
  const started = await api.exportBackup(options.requestId, options.signal);
  if (started.kind === 'refused') {
    throw new PartialError({
      key: 'backup.export.refused',
      params: { env: api.env, code: started.code ?? String(started.status) },
      hintKey: 'backup.export.refused.hint',
    });
  }
  for (;;) {
    const job = await api.getJob(started.jobId, options.signal);
    if (job === null)
      throw new UnreachableError({
        key: 'backup.export.lost',
        params: { env: api.env, jobId: started.jobId },
        hintKey: 'backup.export.lost.hint',
      });
    events.exportProgress(job.progress, job.phase ?? null);
    if (job.state === 'succeeded') return started.backupId;
    if (job.state === 'failed') {
      throw new UnreachableError({
        key: 'backup.export.failed',
        params: { env: api.env, code: job.error?.code ?? 'FAILED', message: job.error?.message ?? '' },
        hintKey: 'backup.export.failed.hint',
      });
    }
    if (Date.now() + (options.pollMs ?? 1000) >= deadlineAt) {
      throw new PartialError({
        key: 'backup.export.stillRunning',
        params: { env: api.env, jobId: started.jobId },
        hintKey: 'backup.export.stillRunning.hint',
      });
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
  }
}
