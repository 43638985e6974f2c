/**
 * The local backup catalog (ARCHITECTURE.md "Backups"): `<folder>/<env>/<id>.dump` with a sidecar
 * `<id>.json`. A dump is in the catalog only once it was verified and renamed into place; the sidecar is
 * untrusted input when read back (someone may have edited or damaged it) and is validated here.
 */
import { z } from 'zod';
import { BACKUP_ID_PATTERN } from './domain.js';
import { VerificationError } from './errors.js';

/** Which check a cataloged dump failed after it was verified (`restore`, `backups verify`, a size change). */
export const DAMAGE_CHECKS = ['size', 'sha256', 'archive', 'missing'] as const;
export type DamageCheck = (typeof DAMAGE_CHECKS)[number];

export const damageSchema = z.object({
  /** When it was found. */
  at: z.iso.datetime({ offset: true }),
  check: z.enum(DAMAGE_CHECKS),
  /** What was found, in English (for the log and `--json`; people read the catalog message). */
  detail: z.string().max(300),
});
export type Damage = z.infer<typeof damageSchema>;

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
  /**
   * Set when the dump failed a later check: the entry stays (never deleted for it) but is never chosen; a
   * new download of the same backup, or a `backups verify` that passes again, clears it.
   */
  damaged: damageSchema.nullable().optional(),
});
export type BackupSidecar = z.infer<typeof sidecarSchema>;

/** A catalog entry: the sidecar plus where its dump lives. */
export interface CatalogEntry extends BackupSidecar {
  dumpPath: string;
}

/** A dump that may be restored or counted as the newest backup: verified and not found damaged since. */
export function isUsable(entry: Pick<CatalogEntry, 'verified' | 'damaged'>): boolean {
  return entry.verified && !entry.damaged;
}

/** Whole seconds since a backup was made (never negative: a clock behind the server's reads 0). */
export function backupAgeSeconds(backup: { createdAt: string }, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(backup.createdAt)) / 1000));
}

/**
 * The newest usable entry by its metadata (`createdAt`), never by file name (RELIABILITY.md lesson 4).
 * Ties break on id so the choice is stable.
 */
export function newestVerified(entries: readonly CatalogEntry[]): CatalogEntry | null {
  let best: CatalogEntry | null = null;
  for (const entry of entries) {
    if (!isUsable(entry)) continue;
    if (!best || compareCreated(entry, best) > 0) best = entry;
  }
  return best;
}

function compareCreated(a: CatalogEntry, b: CatalogEntry): number {
  const diff = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return diff !== 0 ? diff : a.id.localeCompare(b.id);
}

/**
 * The check a verification error says a dump failed, or null when the error says nothing about the bytes
 * (an archive newer than the local pg_restore reads is not damage).
 */
export function damageCheckOf(error: unknown): DamageCheck | null {
  if (!(error instanceof VerificationError) || error.key === 'verify.archiveTooNew') return null;
  if (error.params.what === 'size' && error.params.found === 'missing') return 'missing';
  if (error.key === 'verify.sizeMismatch' || error.params.what === 'size') return 'size';
  if (error.key === 'verify.checksumMismatch' || error.params.what === 'sha256') return 'sha256';
  return 'archive';
}

/** What a damage mark records about an error: its key and compared values, in English, never a secret. */
export function damageDetail(error: VerificationError): string {
  const p = error.params;
  const found = p.actual ?? p.found;
  const text =
    p.expected !== undefined ? `${error.key}: expected ${String(p.expected)}, found ${String(found)}` : error.key;
  return text.slice(0, 300);
}
