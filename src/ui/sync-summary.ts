/**
 * What `sync` and `backup` print: the `--json` documents (docs/json-output.md) and the one summary line a
 * run leaves on a terminal or in the scheduled task's output.
 */
import type { CatalogEntry } from '../core/backup-catalog.js';
import type { FetchStats } from '../core/ports.js';
import type { SyncReport, UploadStatus } from '../core/sync.js';
import { formatBytes } from './backup-format.js';
import { formatDuration } from './time-format.js';
import type { Translate } from './i18n.js';

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
  error: { code: string; exitCode: number; message: string; details: string[]; hint: string | null } | null;
}

export function backupJson(entry: CatalogEntry, now: Date): BackupJson {
  return {
    id: entry.id,
    source: entry.source,
    createdAt: entry.createdAt,
    ageSeconds: Math.max(0, Math.floor((now.getTime() - Date.parse(entry.createdAt)) / 1000)),
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
export function renderStillNewest(entry: CatalogEntry | null, now: Date, t: Translate): string {
  if (!entry) return t('sync.noVerifiedYet');
  return t('sync.stillNewest', { id: entry.id, createdAt: entry.createdAt });
}
