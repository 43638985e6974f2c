/**
 * What `restore` checks about a cataloged dump before anything is touched: the file still is the one the
 * sidecar describes (size, sha256), its header (`pg_restore --list`) and the clinic it belongs to (the
 * `tbl_sysbase` rows, extracted with `pg_restore --data-only`; the archive's TOC lets pg_restore seek there).
 */
import { stat } from 'node:fs/promises';
import type { CatalogEntry } from '../../core/backup-catalog.js';
import { VerificationError } from '../../core/errors.js';
import { parseInstitutionCode } from '../../core/restore-identity.js';
import type { DumpFacts } from '../../core/restore-run.js';
import { hashFile } from '../fs/file-hasher.js';
import { findPgBinary, runProcess } from '../process/run.js';
import { listArchive } from './dump-tool.js';

/** Throws VerificationError (exit 6) when the dump no longer matches its sidecar or cannot be read. */
export async function inspectDumpFile(entry: CatalogEntry, signal?: AbortSignal): Promise<DumpFacts> {
  const changed = (what: string, expected: string | number, found: string | number): VerificationError =>
    new VerificationError({
      key: 'restore.dumpChanged',
      params: { id: entry.id, file: entry.dumpPath, what, expected, found },
      hintKey: 'restore.dumpChanged.hint',
    });
  let size: number;
  try {
    size = (await stat(entry.dumpPath)).size;
  } catch {
    throw changed('size', entry.size, 'missing');
  }
  if (size !== entry.size) throw changed('size', entry.size, size);
  // Three reads of the same file, run together; the checks keep their order (listing, checksum, clinic code).
  const [listing, sha256, institutionCode] = await Promise.allSettled([
    listArchive(entry.dumpPath, { signal }),
    hashFile(entry.dumpPath),
    readArchiveInstitutionCode(entry.dumpPath, signal),
  ]);
  if (listing.status === 'rejected') throw listing.reason;
  if (sha256.status === 'rejected') throw sha256.reason;
  if (sha256.value !== entry.sha256)
    throw changed('sha256', entry.sha256.slice(0, 16) + '…', sha256.value.slice(0, 16) + '…');
  if (institutionCode.status === 'rejected') throw institutionCode.reason;
  return { header: listing.value.header, institutionCode: institutionCode.value };
}

/** The 医療機関コード in the archive's `tbl_sysbase`, or null when the archive has none. */
export async function readArchiveInstitutionCode(file: string, signal?: AbortSignal): Promise<string | null> {
  const { stdout } = await runProcess(
    findPgBinary('pg_restore'),
    ['--data-only', '--table=tbl_sysbase', '--file=-', file],
    { signal, timeoutMs: 600_000 },
  );
  return parseInstitutionCode(stdout);
}
