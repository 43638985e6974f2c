/**
 * Ports: the interfaces core needs from the outside world (STYLE.md §4). Adapters implement them; a factory
 * in `src/adapters/factory.ts` builds the right one from config. Expected outcomes are result unions;
 * exceptional ones throw `OrcaError`s. Later capabilities (mode switching, diff copy, VM) extend these.
 */
import type { EnvironmentName, Mode, ReportedMode, Sequences } from './domain.js';
import type { JournalEntry, JournalReading } from './journal.js';
import type { OrcaState } from './state.js';

/** What `status` learns about one environment's WebORCA (public API) in one probe. */
export interface OrcaApiProbe {
  reportedMode: ReportedMode | string | null;
  version: string | null;
  /** The 10-digit 医療機関コード, or null when the answer did not give all ten digits. */
  institutionCode: string | null;
  institutionName: string | null;
  /** Each endpoint's failure (an error to describe), absent when it answered. */
  failures: Partial<Record<'ping' | 'systemInfo' | 'institution', unknown>>;
  /** ORCA's warnings (`W…` results) and answers the tool could not use, as catalog keys. */
  warnings: Array<{ key: string; params: Record<string, string> }>;
}

/** A backup as a server or the local catalog describes it. */
export interface BackupInfo {
  id: string;
  createdAt: string;
  size: number;
  sha256: string;
}

/** Control of one environment: cloud control API or a direct database. */
export interface EnvironmentControl {
  readonly env: EnvironmentName;
  /** Reads the four 管理連番; throws UnreachableError/AuthError. */
  readSequences(signal?: AbortSignal): Promise<Sequences>;
  /**
   * Raises counters to at least the given values; never lowers one, never past what ORCA can issue.
   * `after` is read back after the commit.
   */
  bumpSequences(atLeast: Partial<Sequences>, requestId: string): Promise<{ before: Sequences; after: Sequences }>;
  /** The 1009 patient-number layout, where the environment can tell (a directly reached database). */
  readPatientNumberLayout?(signal?: AbortSignal): Promise<import('./counter-limits.js').PatientNumberLayout>;
  /** The mode the environment reports (health or `X-Hybridmode`). */
  readMode(signal?: AbortSignal): Promise<ReportedMode | string | null>;
  /**
   * Tells the environment its mode (cloud: `PUT /mode`; a direct database: the tool's mode table). Safe to
   * repeat: the same `requestId` or simply the same mode again changes nothing.
   */
  pushMode(mode: Mode, reason: string, requestId: string, signal?: AbortSignal): Promise<void>;
}

/** Where a new dump of an environment comes from: its cloud backup API, or `pg_dump` of its database. */
export type DumpSource =
  { kind: 'cloud'; api: CloudBackupApi } | { kind: 'database'; db: import('./config-schema.js').DatabaseConfig };

/** The local emergency VM and what a rebuild needs around it (`hypervisor.ts`). */
export type { GuestShell, Hypervisor, VmDatabase, WebOrcaCheck } from './hypervisor.js';

/** The WebORCA public API of one environment (`/api/api01rv2/…`). */
export interface OrcaApi {
  /**
   * Reachability and `X-Hybridmode` (always), version and clinic (unless `details` is false: a cloud
   * environment's control API already told them, and each further call is another connection).
   */
  probe(signal?: AbortSignal, options?: { details?: boolean }): Promise<OrcaApiProbe>;
  /** `system01dailyv2`: resolves when WebORCA answers with success, throws otherwise. */
  ping(signal?: AbortSignal): Promise<unknown>;
}

export interface Clock {
  now(): Date;
}

/** Identity of the person or task running a command, recorded in the journal and the lock. */
export interface Actor {
  user: string;
  host: string;
  pid: number;
}

/** The state document's storage (`state.json` in the state folder). */
export interface StateStore {
  /** Where the state lives, for messages. */
  readonly path: string;
  /**
   * The recorded state; the default state when no file exists yet. A damaged, invalid or newer file is
   * refused with GuardError (exit 5) and left exactly as it was — never reset.
   */
  read(): Promise<OrcaState>;
  /** Replaces the state atomically (temp file, fsync, rename): readers see the old or the new, never half. */
  write(state: OrcaState): Promise<void>;
}

/**
 * The state for a use case that writes it in steps (RELIABILITY.md lesson 7): each `update` is one
 * read-change-write under the state file's lock, written atomically before it resolves, so a run killed
 * between two steps leaves the state of the last step that finished.
 */
export interface StateLedger {
  read(): Promise<OrcaState>;
  /** Applies `change` to the state as it is now (not as it was read earlier) and writes the result. */
  update(change: (state: OrcaState) => OrcaState): Promise<OrcaState>;
}

/** What `diff-copy` would still copy from an emergency environment into the operating one. */
export type CopyableVisitsCount =
  | { kind: 'counted'; copyable: number }
  /** The count cannot be made (yet): `key` is the catalog message saying why. */
  | { kind: 'unavailable'; key: string };

/** Counts the visits `diff-copy` would copy (for `switch normal`'s guard). Filled by the diff-copy capability. */
export interface CopyableVisitsCounter {
  count(emergency: EnvironmentName, signal?: AbortSignal): Promise<CopyableVisitsCount>;
}

/** The append-only audit journal. */
export interface AuditJournal {
  /** Appends one entry and flushes it to disk before resolving; existing lines are never rewritten. */
  append(entry: JournalEntry): Promise<void>;
  /** Every readable entry (optionally since a time); unreadable lines are reported, never thrown. */
  read(options?: { since?: Date }): Promise<JournalReading>;
}

/** Where a backup stands on a cloud environment (`HEAD /backups/{id}/content`). */
export type CloudBackupHead =
  | { state: 'complete'; size: number; sha256: string }
  /** No complete backup; the server holds `offset` bytes of an interrupted upload declared as `length`/`sha256`. */
  | { state: 'partial'; offset: number; length: number | null; sha256: string | null }
  | { state: 'absent' };

/** An opened download (`GET /backups/{id}/content`, RELIABILITY.md lesson 2). */
export interface CloudBackupDownload {
  /**
   * 200: whole file from 0; 206: from `start` (checked equal to the offset asked for); 404: no such backup; 416:
   * offset at or past the end.
   */
  status: 200 | 206 | 404 | 416;
  start: number;
  /** Bytes in `body` (Content-Length), when the server said. */
  length: number | null;
  /** The whole file's size, when known (200 length, 206/416 Content-Range total). */
  total: number | null;
  /** The server's sha256 of the whole file (ETag / X-Content-Sha256), validated hex. */
  sha256: string | null;
  /** The bytes; empty for 404/416. Stream errors are raw: pass them through `toError`. */
  body: import('node:stream').Readable;
  /** Maps a body stream failure (reset, idle timeout) to UnreachableError naming the environment. */
  toError(error: unknown): Error;
}

/** Result of `PUT /backups/{id}/content`: expected outcomes, not exceptions. */
export type CloudUploadOutcome =
  | { kind: 'stored'; backup: import('./cloud-contract.js').CloudBackup }
  | { kind: 'alreadyPresent'; backup: import('./cloud-contract.js').CloudBackup }
  /**
   * 409: `BACKUP_EXISTS` (other checksum), `UPLOAD_OFFSET_MISMATCH` (`serverOffset` says what it holds),
   * `UPLOAD_IN_PROGRESS`.
   */
  | { kind: 'conflict'; code: string; serverOffset: number | null }
  /** 422: `CHECKSUM_MISMATCH` / `NOT_A_DUMP`; the server discarded the partial. */
  | { kind: 'rejected'; code: string };

/** A job request the server accepted, or refused for an expected reason (404 no such backup, 409 `JOB_RUNNING`). */
export type CloudJobStart<T> = ({ kind: 'accepted' } & T) | { kind: 'refused'; status: number; code: string | null };

/**
 * Backups and restore jobs of a cloud environment (docs/cloud-api.md). Every answer is validated
 * (shape, sizes, ids) before it is returned; transport failures throw UnreachableError (exit 3) or
 * AuthError (exit 4) naming the environment. Calls carrying a requestId are safe to repeat.
 */
export interface CloudBackupApi {
  readonly env: EnvironmentName;
  health(
    signal?: AbortSignal,
  ): Promise<import('./cloud-contract.js').CloudHealth & { reportedMode: ReportedMode | null }>;
  /** Complete backups, newest `createdAt` first (sorted here by metadata, not trusted from the server). */
  listBackups(signal?: AbortSignal): Promise<import('./cloud-contract.js').CloudBackup[]>;
  headBackup(id: string, signal?: AbortSignal): Promise<CloudBackupHead>;
  /**
   * Opens a download from `offset` (Range), with `If-Range` on `sha256` when given. Opening is retried; the body is
   * not.
   */
  downloadBackup(
    id: string,
    options?: { offset?: number; sha256?: string; signal?: AbortSignal },
  ): Promise<CloudBackupDownload>;
  /**
   * Uploads `file` (whole, or from `resumeFrom` with Content-Range); never retried by itself (re-HEAD, then
   * resume).
   */
  uploadBackup(
    id: string,
    file: string,
    sha256: string,
    options?: { resumeFrom?: number; signal?: AbortSignal; onProgress?: (bytesSent: number) => void },
  ): Promise<CloudUploadOutcome>;
  exportBackup(
    requestId: string,
    signal?: AbortSignal,
  ): Promise<CloudJobStart<import('./cloud-contract.js').CloudExportAccepted>>;
  startRestore(backupId: string, requestId: string, signal?: AbortSignal): Promise<CloudJobStart<{ jobId: string }>>;
  /** The job, or null when the server does not know it (404). */
  getJob(jobId: string, signal?: AbortSignal): Promise<import('./cloud-contract.js').CloudJob | null>;
}

/** Bytes moved so far by a download or upload; `total` when known. */
export interface TransferProgress {
  bytes: number;
  total: number | null;
}

/** How a fetch went: where it resumed, what it received, how often it had to reconnect. */
export interface FetchStats {
  /** Bytes a partial file from an earlier run already held (0: fresh start). */
  resumedFrom: number;
  /** Body bytes received over the network in this run (all attempts). */
  bytesReceived: number;
  attempts: number;
  /** True when a partial had to be thrown away (server ignored Range, backup changed, checksum failed). */
  restarted: boolean;
  /** Wall time of the transfer including the checksum finishing, in seconds. */
  seconds: number;
  /** CPU time the process spent meanwhile (all its threads: TLS, parsing, writing, the sha256 thread), in seconds. */
  cpuSeconds: number;
}

/** A step of a dump's verification, announced before it runs (for the lock's phase and the run log). */
export type VerifyStep = 'checksum' | 'header' | 'list' | 'fullRead';

/** How `BackupFolder.fetch` runs, and what it tells while it does. */
export interface FetchOptions {
  /** Transport failures are retried until this time (ms since epoch). */
  deadlineAt: number;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  onStep?: (step: VerifyStep) => void;
  /** A download that failed its checksum was discarded and is fetched once more from byte 0. */
  onRefetch?: (reason: string) => void;
}

/**
 * The local backup folder (`<folder>/<env>/<id>.dump` + `<id>.json`, ARCHITECTURE.md "Backups"). Its
 * guarantee: a dump is visible in the catalog only after it was verified (size, sha256, `PGDMP` magic,
 * `pg_restore --list`, a full read) and committed (fsync, rename, sidecar); a failure leaves the catalog
 * exactly as it was. Files 0600, folders 0700.
 */
export interface BackupFolder {
  readonly folder: string;
  /**
   * The catalog: entries (a dump whose size no longer matches comes back marked damaged), the sidecars that
   * could not be trusted, and the sidecars whose dump file is gone.
   */
  read(): Promise<{
    entries: import('./backup-catalog.js').CatalogEntry[];
    damaged: string[];
    missing: import('./backup-catalog.js').CatalogEntry[];
  }>;
  /** Records in the entry's sidecar that its dump failed a check; the dump itself is never touched. */
  markDamaged(
    entry: import('./backup-catalog.js').CatalogEntry,
    damage: import('./backup-catalog.js').Damage,
  ): Promise<import('./backup-catalog.js').CatalogEntry>;
  /**
   * Re-reads a cataloged dump (size, sha256, archive version, `pg_restore --list`, a full read) and records the
   * outcome in its sidecar: passed (verifiedAt now, an earlier damage mark cleared) or damaged.
   */
  recheck(
    entry: import('./backup-catalog.js').CatalogEntry,
    options?: { signal?: AbortSignal; onProgress?: (progress: TransferProgress) => void },
  ): Promise<import('./backup-verify.js').RecheckOutcome>;
  /**
   * Downloads `backup` from `source` into `<env>/<id>.dump.partial`, resuming what an earlier run left
   * (HTTP Range), verifies and commits it. Transport failures are retried until `deadlineAt` (ms since
   * epoch) and keep the partial for the next run; a checksum or archive failure discards it.
   */
  fetch(
    env: EnvironmentName,
    source: CloudBackupApi,
    backup: BackupInfo,
    options: FetchOptions,
  ): Promise<{ entry: import('./backup-catalog.js').CatalogEntry; stats: FetchStats }>;
  /** `pg_dump -Fc` of a directly reached database as backup `id` of `env`, verified and committed. */
  dump(
    env: EnvironmentName,
    db: import('./config-schema.js').DatabaseConfig,
    id: string,
    options?: { signal?: AbortSignal; onStep?: (step: VerifyStep) => void },
  ): Promise<{ entry: import('./backup-catalog.js').CatalogEntry }>;
  /** Deletes these dumps (the dump first, so an entry vanishes at once; then its sidecar). */
  remove(entries: import('./backup-catalog.js').CatalogEntry[]): Promise<void>;
  /** Deletes `.partial` files of `env` other than `keepId`'s (left by interrupted runs); returns their names. */
  removeStalePartials(env: EnvironmentName, keepId: string | null): Promise<string[]>;
}

/** What a restore's gates need to know about the environment it replaces (`restore`, ARCHITECTURE.md "Restore"). */
export interface RestoreTargetFacts {
  /** The PostgreSQL server the dump goes into, when the tool restores it itself; null for a cloud job. */
  server: { version: string; major: number } | null;
  /** The clinic and structure version the database in use names (`exists` false: there is none yet). */
  identity: import('./restore-gates.js').TargetIdentity;
  /** Whether a safety dump of the current database can be taken (a database exists and is reachable). */
  canTakeSafetyDump: boolean;
  /** 管理連番 of the database in use before the restore; null when there is none or they cannot be read. */
  sequences: Sequences | null;
  /** What the inspection found and repaired (e.g. a database left closed to connections by a killed run). */
  notes?: RestoreWarning[];
}

/** Steps of a restore, in order, for progress and for naming the step that failed. */
export type RestoreStep =
  | 'preparing'
  | 'staging'
  | 'restoring'
  | 'cleaning'
  | 'checking'
  | 'analyzing'
  | 'swapping'
  | 'safetyDump'
  | 'finishing'
  | 'remote';

export interface RestoreProgress {
  step: RestoreStep;
  /** 0–1 when the environment reports it (a cloud job), else null. */
  fraction: number | null;
}

/** A warning for the person, as a catalog key and its values. */
export interface RestoreWarning {
  key: string;
  params: Record<string, string | number>;
  /** An error whose text becomes the `reason` parameter (explained in the user's language by the use case). */
  cause?: unknown;
}

/** What `RestoreTarget.restore` is asked to do besides loading the dump. */
export interface RestoreRequest {
  /** Keep the replaced database's content as a verified, cataloged backup (see RestoreTarget.restore). */
  safetyDump: boolean;
  onProgress(progress: RestoreProgress): void;
  /** Called as soon as the safety dump is in the catalog. */
  onSafetyDump?(backupId: string): void;
  signal?: AbortSignal;
}

/**
 * How a restore ended. `failed` guarantees the target's previous database is untouched (the adapter
 * restores into a staging database and swaps only after every step passed); `unknown` is a remote job
 * that has not finished by the deadline or could not be asked about — never reported as a failure.
 * `keptDatabases` names replaced databases left in place because no verified dump of them exists yet.
 */
export type RestoreOutcome =
  | { kind: 'restored'; safetyBackupId: string | null; keptDatabases: string[]; warnings: RestoreWarning[] }
  | { kind: 'failed'; step: RestoreStep; error: unknown }
  | { kind: 'unknown'; jobId: string; step: RestoreStep; fraction: number | null };

/** An environment that can receive a dump: a directly reached database or a cloud environment's restore job. */
export interface RestoreTarget {
  readonly env: EnvironmentName;
  readonly kind: 'postgres' | 'cloud';
  /** Reads the facts the gates compare; throws UnreachableError/AuthError when the environment cannot be reached. */
  inspect(signal?: AbortSignal): Promise<RestoreTargetFacts>;
  /**
   * Loads `entry`'s dump; see RestoreOutcome for what each ending guarantees. With `safetyDump`, every row
   * committed in the replaced database ends in the catalog: a direct database is dumped after the swap (it
   * takes writes until then) and dropped only once that dump is verified; a cloud environment exports
   * before its restore job.
   */
  restore(entry: import('./backup-catalog.js').CatalogEntry, request: RestoreRequest): Promise<RestoreOutcome>;
}

/** A database an earlier restore replaced and kept, because no verified dump of it exists. */
export interface KeptDatabase {
  name: string;
  /** When the restore that replaced it ran, read from its name; null when the name does not say. */
  replacedAt: string | null;
  bytes: number;
  /** The catalog's verified dump of it, when one exists (it may then be dropped). */
  dumpId: string | null;
}

/** The databases earlier restores kept on a directly reached server: listed, never dropped silently. */
export interface KeptDatabases {
  list(signal?: AbortSignal): Promise<KeptDatabase[]>;
  /** Dumps a kept database into the catalog (verified); returns the backup id. */
  dump(name: string, signal?: AbortSignal): Promise<string>;
  drop(name: string, signal?: AbortSignal): Promise<void>;
}
