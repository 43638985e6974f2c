import Table from 'cli-table3';
import { backupAgeSeconds, type CatalogEntry, type Damage } from '../core/backup-catalog.js';
import type { EnvironmentName } from '../core/domain.js';
import { formatBytes, formatWhen } from './backup-format.js';
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
  /**
   * `verified`; `damaged` (failed a check since: never restored, `damage` says which); `missing` (the sidecar is
   * there, the dump file is not); `unverified`.
   */
  condition: 'verified' | 'damaged' | 'missing' | 'unverified';
  damage: Damage | null;
  archiveVersion: string | null;
  dumpedBy: string | null;
  tocEntries: number | null;
  /** Environments whose recorded restore point is this backup. */
  restoredInto: EnvironmentName[];
  path: string;
}

export function backupListRow(
  entry: CatalogEntry,
  restoredInto: EnvironmentName[],
  now: Date,
  missing = false,
): BackupListRow {
  return {
    env: entry.source,
    id: entry.id,
    createdAt: entry.createdAt,
    ageSeconds: backupAgeSeconds(entry, now),
    size: entry.size,
    sha256: entry.sha256,
    verified: entry.verified,
    verifiedAt: entry.verifiedAt,
    condition: missing ? 'missing' : entry.damaged ? 'damaged' : entry.verified ? 'verified' : 'unverified',
    damage: missing ? null : (entry.damaged ?? null),
    archiveVersion: entry.archiveVersion,
    dumpedBy: entry.dumpedBy,
    tocEntries: entry.tocEntries,
    restoredInto,
    path: entry.dumpPath,
  };
}

/** The human table of `backups list`: env, id, created (with age), size, verified, restored into. */
export function renderBackupsTable(rows: readonly BackupListRow[], t: Translate, now: Date = new Date()): string {
  if (rows.length === 0) return t('backups.none');
  const table = new Table({
    head: ['env', 'id', 'created', 'size', 'verified', 'restoredInto'].map((c) => t(`backups.col.${c}`)),
    style: { head: [], border: [] },
  });
  for (const row of rows) {
    table.push([
      t(`env.${row.env}`),
      row.id,
      formatWhen(row.createdAt, now, t),
      formatBytes(row.size),
      conditionText(row, t),
      row.restoredInto.map((env) => t(`env.${env}`)).join(', ') || '-',
    ]);
  }
  return table.toString();
}

function conditionText(row: BackupListRow, t: Translate): string {
  if (row.condition === 'verified') return t('word.yes');
  if (row.condition === 'unverified') return t('word.no');
  if (row.condition === 'missing') return t('backups.condition.missing');
  return t(`backups.condition.damaged.${row.damage?.check ?? 'archive'}`);
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
  catalog: { folder: string; entries: readonly CatalogEntry[]; damaged: string[]; missing: readonly CatalogEntry[] },
  restorePoints: Partial<Record<EnvironmentName, { backupId: string }>>,
  now: Date,
  t: Translate,
): CommandOutcome {
  const restoredInto = (id: string) =>
    (Object.entries(restorePoints) as Array<[EnvironmentName, { backupId: string } | undefined]>)
      .filter(([, point]) => point?.backupId === id)
      .map(([env]) => env);
  const missing = new Set(catalog.missing);
  // A sidecar whose dump file is gone is listed as such, never hidden.
  const rows = sortNewestFirst([...catalog.entries, ...catalog.missing]).map((entry) =>
    backupListRow(entry, restoredInto(entry.id), now, missing.has(entry)),
  );
  const json: BackupsListJson = { folder: catalog.folder, backups: rows, damaged: catalog.damaged };
  return { json, human: () => renderBackupsTable(rows, t, now) };
}
