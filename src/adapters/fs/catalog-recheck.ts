/**
 * Marks and rechecks of dumps already in the catalog (`backups verify`, `restore` finding a damaged dump):
 * only the sidecar is rewritten (atomically); the dump is never deleted or changed, so a person can still
 * look at it, and a new download of the same backup replaces it.
 */
import {
  damageCheckOf,
  damageDetail,
  type BackupSidecar,
  type CatalogEntry,
  type Damage,
} from '../../core/backup-catalog.js';
import type { RecheckOutcome } from '../../core/backup-verify.js';
import { VerificationError, isOrcaError } from '../../core/errors.js';
import type { TransferProgress } from '../../core/ports.js';
import { replaceFileAtomically } from './atomic-write.js';
import { verifyDumpFile } from './dump-verify.js';

export function sidecarPath(entry: Pick<CatalogEntry, 'dumpPath'>): string {
  return entry.dumpPath.replace(/\.dump$/, '.json');
}

async function writeSidecar(entry: CatalogEntry): Promise<CatalogEntry> {
  const { dumpPath: _path, ...sidecar } = entry;
  await replaceFileAtomically(sidecarPath(entry), JSON.stringify(sidecar satisfies BackupSidecar, null, 2) + '\n');
  return entry;
}

export function markDamaged(entry: CatalogEntry, damage: Damage): Promise<CatalogEntry> {
  return writeSidecar({ ...entry, damaged: damage });
}

/** Runs every check of a download again on a cataloged dump and records the outcome in its sidecar. */
export async function recheckDump(
  entry: CatalogEntry,
  options: { signal?: AbortSignal; onProgress?: (progress: TransferProgress) => void; now?: () => Date } = {},
): Promise<RecheckOutcome> {
  const now = options.now ?? (() => new Date());
  try {
    const verified = await verifyDumpFile(entry.dumpPath, {
      expected: { size: entry.size, sha256: entry.sha256 },
      signal: options.signal,
      onBytes: (bytes) => options.onProgress?.({ bytes, total: entry.size }),
    });
    const toc = verified.listing.header.tocEntries ?? verified.listing.entries.length;
    if (entry.tocEntries !== null && toc !== entry.tocEntries) {
      throw new VerificationError({
        key: 'backups.verify.tocChanged',
        params: { file: entry.dumpPath, expected: entry.tocEntries, actual: toc },
      });
    }
    const passed = await writeSidecar({ ...entry, verified: true, verifiedAt: now().toISOString(), damaged: null });
    return { kind: 'ok', entry: passed };
  } catch (error) {
    const check = damageCheckOf(error);
    if (check === null) {
      if (isOrcaError(error) && error.key === 'verify.archiveTooNew') return { kind: 'unreadable', entry, error };
      throw error;
    }
    const damage: Damage = { at: now().toISOString(), check, detail: damageDetail(error as VerificationError) };
    return { kind: 'damaged', entry: await markDamaged(entry, damage), damage, error: error as VerificationError };
  }
}
