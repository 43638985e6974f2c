/**
 * `backups verify` (like pgBackRest `verify` or restic `check`): re-reads dumps already in the catalog and
 * re-checks them exactly as a download is checked, because a disk, a copy or a person can damage a file
 * after it was verified. A damaged dump is marked in its sidecar, never deleted: `restore` then passes it
 * over and `sync` fetches the newest backup again.
 */
import { newestVerified, type CatalogEntry, type Damage } from './backup-catalog.js';
import type { EnvironmentName } from './domain.js';
import { UsageError, type OrcaError } from './errors.js';
import type { BackupFolder, TransferProgress } from './ports.js';
import { sortNewestFirst } from './retention.js';

/** How the recheck of one dump ended. */
export type RecheckOutcome =
  | { kind: 'ok'; entry: CatalogEntry }
  /** It failed a check and is now marked damaged. */
  | { kind: 'damaged'; entry: CatalogEntry; damage: Damage; error: OrcaError }
  /** Its archive is newer than the local pg_restore reads: nothing is known to be wrong, nothing was marked. */
  | { kind: 'unreadable'; entry: CatalogEntry; error: OrcaError }
  /** The sidecar is there, its dump file is not. */
  | { kind: 'missing'; entry: CatalogEntry };

export interface VerifyBackupsOptions {
  /** One backup by id; else `all`; else the newest usable (or newest at all) dump of each environment. */
  id?: string;
  all: boolean;
  signal?: AbortSignal;
}

export interface VerifyEvents {
  started(entry: CatalogEntry, index: number, count: number): void;
  progress(entry: CatalogEntry, progress: TransferProgress): void;
  finished(outcome: RecheckOutcome): void;
}

export interface VerifyReport {
  outcomes: RecheckOutcome[];
  /** Sidecars that could not be read at all (not backups; reported by `backups list` too). */
  unreadableSidecars: string[];
}

/** Rechecks the chosen dumps one after another; a damaged one does not stop the others. */
export async function verifyBackups(
  options: VerifyBackupsOptions,
  ports: { folder: BackupFolder; events: VerifyEvents },
): Promise<VerifyReport> {
  const catalog = await ports.folder.read();
  const chosen = chooseToVerify([...catalog.entries, ...catalog.missing], options);
  const missing = new Set(catalog.missing);
  const outcomes: RecheckOutcome[] = [];
  for (const [index, entry] of chosen.entries()) {
    ports.events.started(entry, index, chosen.length);
    const outcome: RecheckOutcome = missing.has(entry)
      ? { kind: 'missing', entry }
      : await ports.folder.recheck(entry, {
          signal: options.signal,
          onProgress: (p) => ports.events.progress(entry, p),
        });
    ports.events.finished(outcome);
    outcomes.push(outcome);
  }
  return { outcomes, unreadableSidecars: catalog.damaged };
}

function chooseToVerify(entries: CatalogEntry[], options: VerifyBackupsOptions): CatalogEntry[] {
  if (options.id !== undefined) {
    const named = entries.filter((e) => e.id === options.id);
    if (named.length === 0)
      throw new UsageError({
        key: 'backups.verify.notFound',
        params: { id: options.id.slice(0, 140) },
        hintKey: 'backups.verify.notFound.hint',
      });
    return named;
  }
  if (options.all) return sortNewestFirst(entries);
  const bySource = new Map<EnvironmentName, CatalogEntry[]>();
  for (const entry of entries) bySource.set(entry.source, [...(bySource.get(entry.source) ?? []), entry]);
  return [...bySource.values()].map((group) => newestVerified(group) ?? sortNewestFirst(group)[0]!);
}
