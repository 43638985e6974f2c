/**
 * pg_dump / pg_restore through the process runner: custom-format dumps, TOC listing, full-read verification
 * and the local pg_restore version. Passwords reach the child through a password file (`libpq-env.ts`), never
 * argv or the environment.
 */
import { lstatSync, rmSync } from 'node:fs';
import { devNull } from 'node:os';
import { createOwnFile } from '../fs/no-follow.js';
import type { DatabaseConfig } from '../../core/config-schema.js';
import { parseArchiveListing, parsePgToolVersion, type ArchiveListing } from '../../core/dump-header.js';
import {
  AuthError,
  GuardError,
  OrcaError,
  UnexpectedError,
  TlsVerificationError,
  UnreachableError,
  VerificationError,
} from '../../core/errors.js';
import { defaultPgTools, type PgTools } from '../process/pg-tools.js';
import { ProcessError, runProcess } from '../process/run.js';
import { withLibpqEnv } from './libpq-env.js';

export interface DumpOptions {
  /** Environment name for messages. */
  env?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Tables whose rows are left out (`--exclude-table-data`), e.g. session tables. */
  excludeTableData?: string[];
  /** Where the PostgreSQL programs are (the `postgres.binDir` setting); the standard search by default. */
  tools?: PgTools;
  /** The private folder for the password file (the state folder); a private temporary one when absent. */
  secretsDir?: string;
}

export interface DumpResult {
  /** Where the dump was written: `<file>.partial`. The caller verifies it, then renames it to `file`. */
  partialFile: string;
  bytes: number;
}

/**
 * Runs `pg_dump -Fc` of `db` into `<file>.partial` (mode 0600, any stale partial replaced). On failure the
 * partial file is removed and the error is typed (AuthError, UnreachableError, or ProcessError with stderr).
 */
export async function dumpDatabase(db: DatabaseConfig, file: string, opts: DumpOptions = {}): Promise<DumpResult> {
  const partialFile = `${file}.partial`;
  // Created new and exclusive, so pg_dump writes into our file, never through a link planted there.
  await (await createOwnFile(partialFile)).close();
  const args = [
    '--format=custom',
    `--host=${db.host}`,
    `--port=${db.port}`,
    `--username=${db.user}`,
    '--no-password',
    `--file=${partialFile}`,
  ];
  for (const table of opts.excludeTableData ?? []) args.push(`--exclude-table-data=${table}`);
  args.push(`--dbname=${db.database}`);
  const tools = opts.tools ?? defaultPgTools();
  try {
    const pgDump = await tools.path('pg_dump');
    await withLibpqEnv(db, opts.secretsDir, (env) =>
      runProcess(pgDump, args, { env, signal: opts.signal, timeoutMs: opts.timeoutMs }),
    );
  } catch (error) {
    rmSync(partialFile, { force: true });
    // A server newer than every pg_dump found: say which were found and where the search looked.
    const search = isServerTooNew(error) ? await tools.describeSearch('pg_dump') : [];
    throw mapClientToolError(error, db, opts.env ?? `${db.host}:${db.port}/${db.database}`, search);
  }
  return { partialFile, bytes: lstatSync(partialFile).size };
}

function isServerTooNew(error: unknown): boolean {
  return error instanceof ProcessError && error.stderrTail.some((line) => /server version mismatch/i.test(line));
}

/**
 * Maps a failed libpq client tool (pg_dump, pg_restore -d) from its stderr to the typed hierarchy;
 * `search` (the programs found and the places searched) is added to a version mismatch's details.
 */
export function mapClientToolError(error: unknown, db: DatabaseConfig, env: string, search: string[] = []): OrcaError {
  if (!(error instanceof ProcessError) || error.processExitCode === null)
    return error instanceof OrcaError ? error : toUnexpected(error);
  const text = error.stderrTail.join('\n');
  if (/password authentication failed|no password supplied|authentication failed|pg_hba\.conf rejects/i.test(text)) {
    return new AuthError({
      key: 'postgres.authFailed',
      params: { env, user: db.user },
      hintKey: 'postgres.authFailed.hint',
      details: error.stderrTail,
      cause: error,
    });
  }
  const certificate = error.stderrTail.find((line) => /certificate verify failed|does not match host name/i.test(line));
  if (certificate !== undefined) {
    // The server's certificate failed libpq's check against database.caFile: a possible interception.
    const store = db.caFile === undefined ? 'System' : 'CaFile';
    return new TlsVerificationError({
      key: `postgres.tls.untrusted${store}`,
      params: { env, code: 'SSL', reason: certificate.replace(/^.*?SSL error: /, ''), caFile: db.caFile ?? '-' },
      hintKey: `postgres.tls.untrusted${store}.hint`,
      details: error.stderrTail,
      cause: error,
    });
  }
  if (
    /Connection refused|could not connect|timeout expired|could not translate host name|No route to host|Network is unreachable/i.test(
      text,
    )
  ) {
    return new UnreachableError({
      key: 'postgres.unreachable',
      params: { env, host: db.host, port: db.port, reason: 'connection failed' },
      hintKey: 'postgres.unreachable.hint',
      details: error.stderrTail,
      cause: error,
    });
  }
  if (/server version mismatch/i.test(text)) {
    return new GuardError({
      key: 'dump.serverTooNew',
      params: { env },
      hintKey: 'dump.serverTooNew.hint',
      details: [...error.stderrTail, ...search],
      cause: error,
    });
  }
  return error;
}

function toUnexpected(error: unknown): OrcaError {
  return new UnexpectedError({
    key: 'error.unexpected',
    params: { message: error instanceof Error ? error.message : String(error) },
    cause: error,
  });
}

export interface ArchiveReadOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  tools?: PgTools;
}

/**
 * Reads the header and TOC of a custom-format archive (`pg_restore --list`, no full read). Throws
 * GuardError when the local pg_restore is too old for the archive, VerificationError when it is unreadable.
 */
export async function listArchive(file: string, opts: ArchiveReadOptions = {}): Promise<ArchiveListing> {
  let stdout: string;
  try {
    ({ stdout } = await runProcess(await (opts.tools ?? defaultPgTools()).path('pg_restore'), ['--list', file], {
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
    }));
  } catch (error) {
    throw mapArchiveError(error, file, 'dump.listFailed');
  }
  const listing = parseArchiveListing(stdout);
  if (listing === null || listing.header.dumpVersion === null) {
    throw new VerificationError({
      key: 'dump.headerUnparsable',
      params: { file },
      hintKey: 'dump.headerUnparsable.hint',
    });
  }
  return listing;
}

/**
 * Reads the whole archive (`pg_restore --file=<null device>`); a truncated or corrupt dump fails with
 * VerificationError.
 */
export async function readWholeArchive(file: string, opts: ArchiveReadOptions = {}): Promise<void> {
  try {
    await runProcess(await (opts.tools ?? defaultPgTools()).path('pg_restore'), [`--file=${devNull}`, file], {
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
    });
  } catch (error) {
    throw mapArchiveError(error, file, 'dump.readFailed');
  }
}

function mapArchiveError(error: unknown, file: string, key: string): OrcaError {
  if (!(error instanceof ProcessError) || error.processExitCode === null)
    return error instanceof OrcaError ? error : toUnexpected(error);
  const unsupported = error.stderrTail
    .map((line) => /unsupported version \(([\d.]+)\) in file header/.exec(line))
    .find(Boolean);
  if (unsupported) {
    return new GuardError({
      key: 'dump.unsupportedVersion',
      params: { file, version: unsupported[1] },
      hintKey: 'dump.unsupportedVersion.hint',
      details: error.stderrTail,
      cause: error,
    });
  }
  return new VerificationError({
    key,
    params: { file },
    hintKey: `${key}.hint`,
    details: error.stderrTail,
    cause: error,
  });
}

export interface PgToolVersion {
  /** e.g. `15.18`. */
  version: string;
  major: number;
  path: string;
}

/** The version of the pg_restore the tool runs (the newest found). */
export async function localPgRestoreVersion(tools: PgTools = defaultPgTools()): Promise<PgToolVersion> {
  const path = await tools.path('pg_restore');
  const { stdout } = await runProcess(path, ['--version'], { timeoutMs: 30_000 });
  const parsed = parsePgToolVersion(stdout);
  if (parsed === null)
    throw new UnexpectedError({
      key: 'dump.versionUnknown',
      params: { output: stdout.trim().slice(0, 120) },
      hintKey: 'dump.versionUnknown.hint',
    });
  return { ...parsed, path };
}
