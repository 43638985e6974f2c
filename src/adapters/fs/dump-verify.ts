/**
 * Verification of a dump before it enters the catalog (RELIABILITY.md lessons 2 and 3): size, sha256, the
 * `PGDMP` magic, the archive version against the local pg_restore, `pg_restore --list` (header and TOC) and
 * a full read (`pg_restore` into the null device). Any failure is a VerificationError (exit 6) naming what
 * differed; nothing here changes the file.
 */
import { open, stat } from 'node:fs/promises';
import { archiveVersionReadable, newestReadableArchiveVersion, type ArchiveListing } from '../../core/dump-header.js';
import { VerificationError } from '../../core/errors.js';
import type { VerifyStep } from '../../core/ports.js';
import type { PgTools } from '../process/pg-tools.js';
import { hashFile } from './file-hasher.js';

export interface VerifiedDump {
  size: number;
  sha256: string;
  listing: ArchiveListing;
}

export interface VerifyOptions {
  /** What the source's metadata promised; null for a dump made here (nothing to compare with). */
  expected: { size: number; sha256: string } | null;
  /** The sha256 already computed while the file was written (skips a second read). */
  sha256?: string;
  signal?: AbortSignal;
  /** Called before each step (`checksum`, `header`, `list`, `fullRead`), for the lock's phase and the log. */
  onStep?: (step: VerifyStep) => void;
  /** The local pg_restore's version; the caller may remember it for its own lifetime (default: asked each time). */
  localRestoreVersion?: () => Promise<{ version: string; major: number }>;
  /** Where pg_restore is (the `postgres.binDir` setting); the standard search by default. */
  tools?: PgTools;
}

/** Runs every check on `file`; returns what the sidecar records. */
export async function verifyDumpFile(file: string, options: VerifyOptions): Promise<VerifiedDump> {
  const { expected } = options;
  const size = (await stat(file)).size;
  if (expected && size !== expected.size) {
    throw new VerificationError({
      key: 'verify.sizeMismatch',
      params: { file, expected: expected.size, actual: size },
      hintKey: 'verify.retry.hint',
    });
  }
  options.onStep?.('checksum');
  const sha256 = options.sha256 ?? (await hashFile(file));
  if (expected && sha256 !== expected.sha256) {
    throw new VerificationError({
      key: 'verify.checksumMismatch',
      params: { file, expected: expected.sha256, actual: sha256 },
      hintKey: 'verify.retry.hint',
    });
  }
  options.onStep?.('header');
  const version = await readArchiveVersion(file);
  if (version === null)
    throw new VerificationError({ key: 'verify.notADump', params: { file }, hintKey: 'verify.retry.hint' });
  // Loaded here, after a download: the process runner (execa) need not sit in memory while bytes stream.
  const { listArchive, localPgRestoreVersion, readWholeArchive } = await import('../postgres/dump-tool.js');
  const { defaultPgTools } = await import('../process/pg-tools.js');
  const tools = options.tools ?? defaultPgTools();
  const local = await (options.localRestoreVersion ?? (() => localPgRestoreVersion(tools)))();
  if (!archiveVersionReadable(version, local.major)) {
    throw new VerificationError({
      key: 'verify.archiveTooNew',
      params: {
        file,
        version,
        local: local.version,
        newest: newestReadableArchiveVersion(local.major),
        needed: pgRestoreNeededFor(version),
      },
      hintKey: 'verify.archiveTooNew.hint',
      // Every pg_restore found and where the search looked: none of them reads this archive.
      details: await tools.describeSearch('pg_restore'),
    });
  }
  options.onStep?.('list');
  const listing = await listArchive(file, { signal: options.signal, tools });
  options.onStep?.('fullRead');
  await readWholeArchive(file, { signal: options.signal, tools });
  return { size, sha256, listing };
}

/** `1.15` from the 3 bytes after `PGDMP`, or null when the magic is missing. */
export async function readArchiveVersion(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead < 8 || head.subarray(0, 5).toString('latin1') !== 'PGDMP') return null;
    return `${head[5]}.${head[6]}`;
  } finally {
    await handle.close();
  }
}

/** The PostgreSQL client major that reads an archive version (1.14: 12–15, 1.15: 16, 1.16: 17). */
function pgRestoreNeededFor(version: string): string {
  const minor = Number(/^1\.(\d+)/.exec(version)?.[1] ?? NaN);
  if (minor === 15) return '16';
  if (minor === 16) return '17';
  if (minor > 16) return '18+';
  return '12';
}
