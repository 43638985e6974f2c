/**
 * The local backup catalog (ARCHITECTURE.md "Backups"): `<folder>/<env>/<id>.dump` with a sidecar
 * `<id>.json`. A dump is in the catalog only once it was verified and renamed into place; the sidecar is
 * untrusted input when read back (someone may have edited or damaged it) and is validated here.
 */
import { z } from 'zod';
import { BACKUP_ID_PATTERN } from './domain.js';

export const sidecarSchema = z.object({
  id: z.string().regex(BACKUP_ID_PATTERN),
  /** The environment the dump came from. */
  source: z.enum(['operating', 'cloudEmergency', 'localEmergency']),
  createdAt: z.iso.datetime({ offset: true }),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  verified: z.boolean(),
  verifiedAt: z.iso.datetime({ offset: true }).nullable(),
  archiveVersion: z.string().max(32).nullable(),
  dumpedFrom: z.string().max(64).nullable(),
  dumpedBy: z.string().max(64).nullable(),
  tocEntries: z.number().int().nonnegative().nullable(),
});
export type BackupSidecar = z.infer<typeof sidecarSchema>;

/** A catalog entry: the sidecar plus where its dump lives. */
export interface CatalogEntry extends BackupSidecar {
  dumpPath: string;
}

/** Whole seconds since a backup was made (never negative: a clock behind the server's reads 0). */
export function backupAgeSeconds(backup: { createdAt: string }, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(backup.createdAt)) / 1000));
}

/**
 * The newest verified entry by its metadata (`createdAt`), never by file name (RELIABILITY.md lesson 4).
 * Ties break on id so the choice is stable.
 */
export function newestVerified(entries: CatalogEntry[]): CatalogEntry | null {
  let best: CatalogEntry | null = null;
  for (const entry of entries) {
    if (!entry.verified) continue;
    if (!best || compareCreated(entry, best) > 0) best = entry;
  }
  return best;
}

function compareCreated(a: CatalogEntry, b: CatalogEntry): number {
  const diff = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return diff !== 0 ? diff : a.id.localeCompare(b.id);
}
