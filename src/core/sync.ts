/**
 * The hourly `sync` (manual §3.2.8, RELIABILITY.md lessons 2 and 4): the operating environment's newest
 * backup by metadata → the local catalog (download, verify, commit) → the cloud emergency environment
 * (upload unless it already holds it, never while it is the active one) → retention.
 */
import { backupAgeSeconds, type CatalogEntry } from './backup-catalog.js';
import type { Sequences } from './domain.js';
import { UnreachableError, isOrcaError, type OrcaError } from './errors.js';
import type {
  BackupFolder,
  BackupInfo,
  Clock,
  CloudBackupApi,
  DumpSource,
  EnvironmentControl,
  FetchStats,
  TransferProgress,
  VerifyStep,
} from './ports.js';
import { planRetention } from './retention.js';
import type { OrcaState } from './state.js';
import { chooseNewestBackup, decideUpload, findCataloged, makeDumpId } from './sync-plan.js';
import { uploadBackupResumably, type UploadResult } from './upload-backup.js';

export type SyncPhase = 'listing' | 'downloading' | 'dumping' | 'verifying' | 'uploading' | 'pruning';

/** How the upload step ended: `stored` now, `alreadyPresent` there before, skipped for a reason, or failed. */
export type UploadStatus =
  UploadResult | 'skippedDisabled' | 'skippedEmergencyActive' | 'skippedEmergencyReportsActive' | 'failed';

/** Observations during a run, for the lock's phase, progress bars and the log. Listeners must not throw. */
export interface SyncEvents {
  phase(phase: SyncPhase): void;
  chosen(backup: BackupInfo, ageSeconds: number, alreadyCataloged: boolean): void;
  progress(direction: 'download' | 'upload', progress: TransferProgress): void;
  /** The operating environment's counters, read during the run (recorded as last-known even if it fails later). */
  sequencesRead(values: Sequences, readAt: Date): void;
  /** A problem that does not stop the run; `cause` (when given) is rendered into the `reason` parameter. */
  warning(key: string, params: Record<string, string | number>, cause?: OrcaError): void;
  /** A verification step of the new dump begins. */
  verifying(step: VerifyStep): void;
  /** A download that failed its checksum was discarded and is fetched once more. */
  refetching(reason: string): void;
}

export interface SyncPorts {
  /** Where the operating environment's dumps come from: its backup list, or a direct pg_dump. */
  source: DumpSource;
  operating: EnvironmentControl;
  emergency: CloudBackupApi;
  folder: BackupFolder;
  events: SyncEvents;
  clock: Clock;
}

export interface SyncOptions {
  /** The recorded state: mode and selection (upload guard) and restore points (retention). */
  state: OrcaState;
  retention: number;
  /** Total deadline of the run, retries included, in ms. */
  deadlineMs: number;
  upload: boolean;
  signal?: AbortSignal;
}

export interface SyncReport {
  outcome: 'downloaded' | 'upToDate';
  backup: CatalogEntry;
  ageSeconds: number;
  upload: UploadStatus;
  /** The upload failure, when `upload` is `failed`: the download is kept, the next run uploads. */
  uploadError: OrcaError | null;
  pruned: string[];
  transfer: FetchStats | null;
}

/**
 * Runs one sync. Throws the typed error of the first step that failed before a dump was committed; the
 * catalog is then as it was (the folder port's guarantee). An upload failure after the commit does not
 * throw: it is reported (`upload: 'failed'`) so the command can exit 8 and the next hour uploads.
 */
export async function runSync(options: SyncOptions, ports: SyncPorts): Promise<SyncReport> {
  const started = ports.clock.now().getTime();
  const deadlineAt = started + options.deadlineMs;
  const deadline = deadlineSignal(options.deadlineMs, options.signal);
  try {
    const { entry, outcome, transfer } = await bringNewest(ports, deadlineAt, deadline.signal);
    const age = backupAgeSeconds(entry, ports.clock.now());
    let upload: UploadStatus;
    let uploadError: OrcaError | null = null;
    try {
      upload = await uploadIfAllowed(options, ports, entry, deadlineAt, deadline.signal);
    } catch (error) {
      if (!isOrcaError(error)) throw error;
      upload = 'failed';
      uploadError = error;
    }
    ports.events.phase('pruning');
    const { entries } = await ports.folder.read();
    const plan = planRetention(entries, { keep: options.retention, restorePoints: options.state.restorePoints });
    await ports.folder.remove(plan.prune);
    await ports.folder.removeStalePartials(entry.source, entry.id);
    return {
      outcome,
      backup: entry,
      ageSeconds: age,
      upload,
      uploadError,
      pruned: plan.prune.map((e) => e.id),
      transfer,
    };
  } finally {
    deadline.dispose();
  }
}

async function bringNewest(
  ports: SyncPorts,
  deadlineAt: number,
  signal: AbortSignal,
): Promise<{ entry: CatalogEntry; outcome: SyncReport['outcome']; transfer: FetchStats | null }> {
  ports.events.phase('listing');
  if (ports.source.kind === 'database') {
    await readCounters(ports, signal);
    ports.events.phase('dumping');
    const { entry } = await ports.folder.dump(
      'operating',
      ports.source.db,
      makeDumpId('operating', ports.clock.now()),
      { signal, onStep: ports.events.verifying },
    );
    return { entry, outcome: 'downloaded', transfer: null };
  }
  const api = ports.source.api;
  const newest = chooseNewestBackup(await api.listBackups(signal));
  if (!newest)
    throw new UnreachableError({
      key: 'sync.noRemoteBackup',
      params: { env: 'operating' },
      hintKey: 'sync.noRemoteBackup.hint',
    });
  await readCounters(ports, signal);
  const { entries, missing } = await ports.folder.read();
  const cataloged = findCataloged(entries, 'operating', newest);
  ports.events.chosen(newest, backupAgeSeconds(newest, ports.clock.now()), cataloged !== null);
  if (cataloged) return { entry: cataloged, outcome: 'upToDate', transfer: null };
  // A damaged or vanished copy counts as absent: the download replaces it (the mark goes with it).
  const spoilt = [...entries, ...missing].find((e) => e.source === 'operating' && e.id === newest.id);
  if (spoilt) ports.events.warning('sync.refetchDamaged', { id: newest.id });
  ports.events.phase('downloading');
  const fetched = await ports.folder.fetch('operating', api, newest, {
    deadlineAt,
    signal,
    onProgress: (p) => ports.events.progress('download', p),
    onStep: ports.events.verifying,
    onRefetch: ports.events.refetching,
  });
  return { entry: fetched.entry, outcome: 'downloaded', transfer: fetched.stats };
}

/** Counters of the operating environment as last-known values; a failure to read them is only a warning. */
async function readCounters(ports: SyncPorts, signal: AbortSignal): Promise<void> {
  try {
    const values = await ports.operating.readSequences(signal);
    ports.events.sequencesRead(values, ports.clock.now());
  } catch (error) {
    if (!isOrcaError(error)) throw error;
    ports.events.warning('sync.sequencesUnread', {}, error);
  }
}

async function uploadIfAllowed(
  options: SyncOptions,
  ports: SyncPorts,
  entry: CatalogEntry,
  deadlineAt: number,
  signal: AbortSignal,
): Promise<UploadStatus> {
  const first = decideUpload(options.state, null, options.upload);
  if (!first.upload) return first.reason === 'disabled' ? 'skippedDisabled' : 'skippedEmergencyActive';
  const health = await ports.emergency.health(signal);
  const decision = decideUpload(options.state, health.reportedMode ?? `${health.mode}-fa`, true);
  if (!decision.upload) {
    ports.events.warning('sync.uploadSkippedReported', { reported: health.reportedMode ?? health.mode });
    return 'skippedEmergencyReportsActive';
  }
  ports.events.phase('uploading');
  return uploadBackupResumably(ports.emergency, entry, {
    deadlineAt,
    signal,
    onProgress: (p) => ports.events.progress('upload', p),
  });
}

/** An AbortSignal that fires at the deadline (with a typed error as its reason) or when `outer` aborts. */
function deadlineSignal(ms: number, outer?: AbortSignal): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new UnreachableError({
          key: 'sync.deadline',
          params: { seconds: Math.round(ms / 1000) },
          hintKey: 'sync.deadline.hint',
        }),
      ),
    ms,
  );
  const onOuter = (): void => controller.abort(outer?.reason);
  // Ctrl-C may have come before the run started: an abort event that already fired is not sent again.
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
