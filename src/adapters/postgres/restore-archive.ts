/**
 * What `restore` checks about a cataloged dump before anything is touched: the file still is the one the
 * sidecar describes (size, sha256), its header (`pg_restore --list`) and the clinic and structure it holds
 * (the rows of `tbl_sysbase`, `tbl_syskanri` and `tbl_dbkanri`, extracted with `pg_restore --data-only`;
 * the archive's TOC lets pg_restore seek to them).
 */
import { stat } from 'node:fs/promises';
import type { CatalogEntry } from '../../core/backup-catalog.js';
import { VerificationError } from '../../core/errors.js';
import { readClinicIdentity, type ClinicIdentity } from '../../core/clinic-identity.js';
import { parseCopyBlocks } from '../../core/copy-text.js';
import type { DumpFacts } from '../../core/restore-run.js';
import { hashFile } from '../fs/file-hasher.js';
import { defaultPgTools, type PgTools } from '../process/pg-tools.js';
import { runProcess } from '../process/run.js';
import { listArchive } from './dump-tool.js';
import { toYmd } from './sequences-sql.js';

/** Throws VerificationError (exit 6) when the dump no longer matches its sidecar or cannot be read. */
export async function inspectDumpFile(
  entry: CatalogEntry,
  signal?: AbortSignal,
  tools: PgTools = defaultPgTools(),
): Promise<DumpFacts> {
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
  const [listing, sha256, identity] = await Promise.allSettled([
    listArchive(entry.dumpPath, { signal, tools }),
    hashFile(entry.dumpPath),
    readArchiveIdentity(entry.dumpPath, toYmd(new Date()), signal, tools),
  ]);
  if (listing.status === 'rejected') throw listing.reason;
  if (sha256.status === 'rejected') throw sha256.reason;
  if (sha256.value !== entry.sha256)
    throw changed('sha256', entry.sha256.slice(0, 16) + '…', sha256.value.slice(0, 16) + '…');
  if (identity.status === 'rejected') throw identity.reason;
  return { header: listing.value.header, identity: identity.value };
}

/** The clinic identity the archive holds, for `date` (`YYYYMMDD`). */
export async function readArchiveIdentity(
  file: string,
  date: string,
  signal?: AbortSignal,
  tools: PgTools = defaultPgTools(),
): Promise<ClinicIdentity> {
  const { stdout } = await runProcess(
    await tools.path('pg_restore'),
    ['--data-only', '--table=tbl_sysbase', '--table=tbl_syskanri', '--table=tbl_dbkanri', '--file=-', file],
    { signal, timeoutMs: 600_000 },
  );
  const tables = parseCopyBlocks(stdout);
  return readClinicIdentity(
    {
      sysbase: tables.get('tbl_sysbase') ?? null,
      syskanri: tables.get('tbl_syskanri') ?? null,
      dbkanri: tables.get('tbl_dbkanri') ?? null,
    },
    date,
  );
}
