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
  institutionCode: string | null;
  institutionName: string | null;
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
  /** Raises counters to at least the given values; never lowers one. */
  bumpSequences(atLeast: Partial<Sequences>, requestId: string): Promise<{ before: Sequences; after: Sequences }>;
  /** The mode the environment reports (health or `X-Hybridmode`). */
  readMode(signal?: AbortSignal): Promise<ReportedMode | string | null>;
  pushMode(mode: Mode, reason: string, requestId: string): Promise<void>;
}

/** The WebORCA public API of one environment (`/api/api01rv2/…`). */
export interface OrcaApi {
  probe(signal?: AbortSignal): Promise<OrcaApiProbe>;
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
  /** 200: whole file from 0; 206: from `start` (checked equal to the offset asked for); 404: no such backup; 416: offset at or past the end. */
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
  /** 409: `BACKUP_EXISTS` (other checksum), `UPLOAD_OFFSET_MISMATCH` (`serverOffset` says what it holds), `UPLOAD_IN_PROGRESS`. */
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
  health(signal?: AbortSignal): Promise<import('./cloud-contract.js').CloudHealth & { reportedMode: ReportedMode | null }>;
  /** Complete backups, newest `createdAt` first (sorted here by metadata, not trusted from the server). */
  listBackups(signal?: AbortSignal): Promise<import('./cloud-contract.js').CloudBackup[]>;
  headBackup(id: string, signal?: AbortSignal): Promise<CloudBackupHead>;
  /** Opens a download from `offset` (Range), with `If-Range` on `sha256` when given. Opening is retried; the body is not. */
  downloadBackup(id: string, options?: { offset?: number; sha256?: string; signal?: AbortSignal }): Promise<CloudBackupDownload>;
  /** Uploads `file` (whole, or from `resumeFrom` with Content-Range); never retried by itself (re-HEAD, then resume). */
  uploadBackup(id: string, file: string, sha256: string, options?: { resumeFrom?: number; signal?: AbortSignal; onProgress?: (bytesSent: number) => void }): Promise<CloudUploadOutcome>;
  exportBackup(requestId: string, signal?: AbortSignal): Promise<CloudJobStart<import('./cloud-contract.js').CloudExportAccepted>>;
  startRestore(backupId: string, requestId: string, signal?: AbortSignal): Promise<CloudJobStart<{ jobId: string }>>;
  /** The job, or null when the server does not know it (404). */
  getJob(jobId: string, signal?: AbortSignal): Promise<import('./cloud-contract.js').CloudJob | null>;
}

/** pg_dump / pg_restore for directly reached databases and local archives (`adapters/postgres/dump-tool.ts`). */
export interface DumpTool {
  /** Dumps `db` (custom format) into `<file>.partial`, mode 0600; the caller verifies, then renames it to `file`. */
  dump(db: import('./config-schema.js').DatabaseConfig, file: string, opts?: { env?: string; signal?: AbortSignal }): Promise<{ partialFile: string; bytes: number }>;
  /** Header and TOC (`pg_restore --list`); VerificationError when unreadable, GuardError when too new for the local pg_restore. */
  list(file: string, opts?: { signal?: AbortSignal }): Promise<import('./dump-header.js').ArchiveListing>;
  /** Reads every byte through pg_restore; VerificationError on a truncated or corrupt archive. */
  readWhole(file: string, opts?: { signal?: AbortSignal }): Promise<void>;
  /** The local pg_restore's version (for `archiveVersionReadable`). */
  localRestoreVersion(): Promise<{ version: string; major: number }>;
}
