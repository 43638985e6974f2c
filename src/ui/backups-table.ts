import Table from 'cli-table3';
import { backupAgeSeconds, type CatalogEntry } from '../core/backup-catalog.js';
import type { EnvironmentName } from '../core/domain.js';
import { formatAge, formatBytes, formatLocalMinute } from './backup-format.js';
import { sortNewestFirst } from '../core/retention.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';

/** One row of `backups list --json`. */
export interface BackupListRow {
  env: EnvironmentName;
  id: string;
  createdAt: string;
  ageSeconds: number;
  size: number;
  sha256: string;
  verified: boolean;
  verifiedAt: string | null;
  archiveVersion: string | null;
  dumpedBy: string | null;
  tocEntries: number | null;
  /** Environments whose recorded restore point is this backup. */
  restoredInto: EnvironmentName[];
  path: string;
}

export function backupListRow(entry: CatalogEntry, restoredInto: EnvironmentName[], now: Date): BackupListRow {
  return {
    env: entry.source,
    id: entry.id,
    createdAt: entry.createdAt,
    ageSeconds: backupAgeSeconds(entry, now),
    size: entry.size,
    sha256: entry.sha256,
    verified: entry.verified,
    verifiedAt: entry.verifiedAt,
    archiveVersion: entry.archiveVersion,
    dumpedBy: entry.dumpedBy,
    tocEntries: entry.tocEntries,
    restoredInto,
    path: entry.dumpPath,
  };
}

/** The human table of `backups list`: env, id, created (with age), size, verified, restored into. */
export function renderBackupsTable(rows: readonly BackupListRow[], t: Translate): string {
  if (rows.length === 0) return t('backups.none');
  const table = new Table({
    head: ['env', 'id', 'created', 'size', 'verified', 'restoredInto'].map((c) => t(`backups.col.${c}`)),
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    table.push([
      t(`env.${row.env}`),
      row.id,
      `${formatLocalMinute(row.createdAt)} (${formatAge(row.ageSeconds, t)})`,
      formatBytes(row.size),
      row.verified ? t('word.yes') : t('word.no'),
      row.restoredInto.map((env) => t(`env.${env}`)).join(', ') || '-',
    ]);
  }
  return table.toString();
}

/** What `backups list --json` prints. */
export interface BackupsListJson {
  folder: string;
  backups: BackupListRow[];
  /** Sidecars that could not be trusted (not listed as backups). */
  damaged: string[];
}

/** `backups list`: the catalog newest first, each with the environments restored from it. */
export function backupsListOutcome(
  catalog: { folder: string; entries: readonly CatalogEntry[]; damaged: string[] },
  restorePoints: Partial<Record<EnvironmentName, { backupId: string }>>,
  now: Date,
  t: Translate,
): CommandOutcome {
  const restoredInto = (id: string) =>
    (Object.entries(restorePoints) as Array<[EnvironmentName, { backupId: string } | undefined]>)
      .filter(([, point]) => point?.backupId === id)
      .map(([env]) => env);
  const rows = sortNewestFirst([...catalog.entries]).map((entry) => backupListRow(entry, restoredInto(entry.id), now));
  const json: BackupsListJson = { folder: catalog.folder, backups: rows, damaged: catalog.damaged };
  return { json, human: () => renderBackupsTable(rows, t) };
}
