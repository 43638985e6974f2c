/**
 * Retention of the local backup catalog (RELIABILITY.md lesson 4): keep the newest N dumps of each source
 * environment by their metadata (`createdAt`), never by file name, and never delete the newest verified
 * dump or a dump recorded as restored into an environment (its restore point), whatever N says.
 */
import { newestVerified, type CatalogEntry } from './backup-catalog.js';
import type { EnvironmentName } from './domain.js';
import type { RestorePoint } from './state.js';

export type ProtectionReason = 'newestVerified' | 'restorePoint';

export interface RetentionPlan {
  /** Dumps to delete, oldest first. */
  prune: CatalogEntry[];
  /** Dumps kept beyond the N newest because deleting them is never allowed. */
  protectedExtra: Array<{ entry: CatalogEntry; reason: ProtectionReason }>;
}

export interface RetentionOptions {
  /** Dumps to keep per source environment (at least 1). */
  keep: number;
  restorePoints: Partial<Record<EnvironmentName, RestorePoint>>;
}

/** Newest first by `createdAt`; ties by id descending so the order is stable. */
export function sortNewestFirst(entries: CatalogEntry[]): CatalogEntry[] {
  return [...entries].sort(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  );
}

/**
 * Which dumps retention deletes. Guarantees: the result never contains the newest verified dump (overall
 * and per environment) nor any dump whose id is a restore point; at most `keep` dumps per environment
 * remain besides those protected ones.
 */
export function planRetention(entries: CatalogEntry[], options: RetentionOptions): RetentionPlan {
  const keep = Math.max(1, Math.floor(options.keep));
  const restored = new Set(Object.values(options.restorePoints).flatMap((p) => (p ? [p.backupId] : [])));
  const newestOverall = newestVerified(entries);
  const prune: CatalogEntry[] = [];
  const protectedExtra: RetentionPlan['protectedExtra'] = [];
  const bySource = new Map<string, CatalogEntry[]>();
  for (const entry of entries) bySource.set(entry.source, [...(bySource.get(entry.source) ?? []), entry]);
  for (const group of bySource.values()) {
    const newestHere = newestVerified(group);
    for (const entry of sortNewestFirst(group).slice(keep)) {
      if (restored.has(entry.id)) protectedExtra.push({ entry, reason: 'restorePoint' });
      else if (entry === newestHere || entry === newestOverall)
        protectedExtra.push({ entry, reason: 'newestVerified' });
      else prune.push(entry);
    }
  }
  return { prune: sortNewestFirst(prune).reverse(), protectedExtra };
}
