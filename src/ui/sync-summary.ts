/**
 * What `sync` and `backup` print: the `--json` documents (docs/json-output.md) and the one summary line a
 * run leaves on a terminal or in the scheduled task's output.
 */
import { backupAgeSeconds, type CatalogEntry } from '../core/backup-catalog.js';
import {
  AuthError,
  CancelledError,
  ConfigError,
  ExitCode,
  GuardError,
  VerificationError,
  type OrcaError,
} from '../core/errors.js';
import type { FetchStats } from '../core/ports.js';
import type { EnvironmentName } from '../core/domain.js';
import type { SyncReport, UploadStatus } from '../core/sync.js';
import type { TakeBackupReport } from '../core/take-backup.js';
import { formatBytes } from './backup-format.js';
import { formatDuration } from './time-format.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';
import { errorDocument, type ErrorDocument } from './run-report.js';

export interface BackupJson {
  id: string;
  source: string;
  createdAt: string;
  ageSeconds: number;
  size: number;
  sha256: string;
  verified: boolean;
}

/** `sync --json`. `outcome`, `backup`, `uploaded` and `pruned` are the contract's names; the rest grew later. */
export interface SyncJson {
  outcome: 'downloaded' | 'upToDate' | 'skippedLocked' | 'failed';
  backup: BackupJson | null;
  uploaded: boolean;
  upload: UploadStatus | null;
  pruned: string[];
  transfer: FetchStats | null;
  error: ErrorDocument | null;
}

export function backupJson(entry: CatalogEntry, now: Date): BackupJson {
  return {
    id: entry.id,
    source: entry.source,
    createdAt: entry.createdAt,
    ageSeconds: backupAgeSeconds(entry, now),
    size: entry.size,
    sha256: entry.sha256,
    verified: entry.verified,
  };
}

export function syncJson(report: SyncReport, now: Date, error: SyncJson['error']): SyncJson {
  return {
    outcome: report.outcome,
    backup: backupJson(report.backup, now),
    uploaded: report.upload === 'stored',
    upload: report.upload,
    pruned: report.pruned,
    transfer: report.transfer,
    error,
  };
}

/** The summary line of a successful run. */
export function renderSyncSummary(report: SyncReport, t: Translate): string {
  const b = report.backup;
  const params = {
    id: b.id,
    env: t(`env.${b.source}`),
    size: formatBytes(b.size),
    createdAt: b.createdAt,
    upload: t(`sync.upload.${report.upload}`),
    pruned: report.pruned.length,
    duration: formatDuration((report.transfer?.seconds ?? 0) * 1000),
  };
  let line = t(report.outcome === 'downloaded' ? 'sync.summary.downloaded' : 'sync.summary.upToDate', params);
  if (report.transfer && report.transfer.resumedFrom > 0)
    line += ' ' + t('sync.summary.resumed', { bytes: formatBytes(report.transfer.resumedFrom) });
  return line;
}

/** "The newest verified backup is still …" for a failure message. */
export function renderStillNewest(entry: CatalogEntry | null, _now: Date, t: Translate): string {
  if (!entry) return t('sync.noVerifiedYet');
  return t('sync.stillNewest', { id: entry.id, createdAt: entry.createdAt });
}

/** A finished sync: its summary line; a failed upload after the download is exit 8 (the next run uploads). */
export function syncDoneOutcome(report: SyncReport, now: Date, t: Translate): CommandOutcome {
  const failed = report.uploadError;
  return {
    json: syncJson(report, now, failed ? errorDocument(failed, t) : null),
    human: () => renderSyncSummary(report, t),
    ...(failed ? { error: failed, exitCode: ExitCode.partial, notes: [t('sync.next.uploadLater')] } : {}),
  };
}

/** A failed sync: the error, what the next hourly run will do about it, and which backup is still the newest. */
export function syncFailedOutcome(
  error: OrcaError,
  newest: CatalogEntry | null,
  now: Date,
  t: Translate,
): CommandOutcome {
  return {
    json: { ...emptySyncJson('failed'), error: errorDocument(error, t) },
    error,
    notes: [t('sync.failed'), nextRunLine(error, t), renderStillNewest(newest, now, t)],
  };
}

/** Another run holds the lock (exit 7): nothing was changed. */
export function syncSkippedOutcome(error: OrcaError, t: Translate): CommandOutcome {
  return {
    json: { ...emptySyncJson('skippedLocked'), error: errorDocument(error, t) },
    error,
    notes: [t('sync.skippedLocked')],
  };
}

/** What `backup --json` prints. */
export interface BackupCommandJson {
  env: EnvironmentName;
  backup: BackupJson | null;
  pruned: string[];
  error: ErrorDocument | null;
}

export function backupDoneOutcome(
  env: EnvironmentName,
  report: TakeBackupReport,
  now: Date,
  t: Translate,
): CommandOutcome {
  const json: BackupCommandJson = { env, backup: backupJson(report.entry, now), pruned: report.pruned, error: null };
  const params = { env: t(`env.${env}`), id: report.entry.id, size: formatBytes(report.entry.size) };
  return { json, human: () => t('backup.done', { ...params, pruned: report.pruned.length }) };
}

/** A failed (or, `notes` empty, a skipped: exit 7) backup: the catalog is as it was. */
export function backupFailedOutcome(
  env: EnvironmentName,
  error: OrcaError,
  notes: string[],
  t: Translate,
): CommandOutcome {
  const json: BackupCommandJson = { env, backup: null, pruned: [], error: errorDocument(error, t) };
  return { json, error, notes };
}

/** What the next hourly run will do about this failure. */
function nextRunLine(error: OrcaError, t: Translate): string {
  if (error instanceof VerificationError)
    return t(error.key === 'verify.archiveTooNew' ? 'sync.next.afterUpgrade' : 'sync.next.redownload');
  const kept = Number(error.params.bytes ?? 0);
  if (error.key === 'sync.downloadDeadline' || (error instanceof CancelledError && kept > 0))
    return t('sync.next.resume', { bytes: formatBytes(kept) });
  if (error instanceof AuthError || error instanceof ConfigError || error instanceof GuardError)
    return t('sync.next.fixSettings');
  return t('sync.next.retry');
}

function emptySyncJson(outcome: SyncJson['outcome']): SyncJson {
  return { outcome, backup: null, uploaded: false, upload: null, pruned: [], transfer: null, error: null };
}
