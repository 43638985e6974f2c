/**
 * A local restore equivalent to WebORCA's own import (ORCA-DATA.md §6): `pg_restore -x -O -j <cores>
 * --exit-on-error` into a staging database, WebORCA's session tables emptied, key tables and counters
 * checked, the swap by rename (`restore-db-swap.ts`), then ANALYZE beside dropping the old database. Until
 * the swap the database in use is never touched, so any failure before it — or a kill — leaves it exactly
 * as it was.
 */
import { availableParallelism } from 'node:os';
import type { DatabaseConfig } from '../../core/config-schema.js';
import { CancelledError, GuardError, UnexpectedError, isOrcaError } from '../../core/errors.js';
import type { RestoreOutcome, RestoreStep } from '../../core/ports.js';
import { findPgBinary, runProcess } from '../process/run.js';
import { connectDatabase, type PgClient } from './connect.js';
import { libpqEnv, mapClientToolError } from './dump-tool.js';
import { dropOld, quoteIdent, recoverLeftovers, sideNames, swapIn } from './restore-db-swap.js';
import { readSequences } from './sequences-sql.js';

/** Tables WebORCA's importer empties (sessions, locks, job queues); `monbatch*` and `aps_*` by pattern. */
export const WEBORCA_SESSION_TABLES = [
  'tbl_lock',
  'tbl_jobkanri',
  'tbl_para',
  'tbl_spa_tmp',
  'tbl_api_para',
  'monpushevent',
] as const;
/** Tables a restored ORCA database must have and let us read. */
export const KEY_TABLES = [
  'tbl_syskanri',
  'tbl_sysbase',
  'tbl_dbkanri',
  'tbl_ptnum',
  'tbl_ptinf',
  'tbl_jyurrk',
] as const;

export interface LocalRestoreOptions {
  /** Environment name for messages. */
  env: string;
  /** pg_restore `--jobs`; the number of CPU cores by default. */
  jobs?: number;
  onStep?: (step: RestoreStep) => void;
  signal?: AbortSignal;
}

/** Connects to a maintenance database of the target's server (`postgres`, else `template1`). */
export async function connectMaintenance(db: DatabaseConfig, env: string, signal?: AbortSignal): Promise<PgClient> {
  try {
    return await connectDatabase(db, { database: 'postgres', env, signal });
  } catch (error) {
    if (!isOrcaError(error) || error.key !== 'postgres.unreachable') throw error;
    return connectDatabase(db, { database: 'template1', env, signal });
  }
}

/**
 * Restores `file` into `db.database`. Returns `failed` (with the step) when anything before the swap
 * went wrong — the database in use untouched and the staging database dropped; throws only when the
 * swap could not be undone (`restore.swapUndoFailed`: the next run repairs it).
 */
export async function restoreIntoDatabase(
  db: DatabaseConfig,
  file: string,
  opts: LocalRestoreOptions,
): Promise<RestoreOutcome> {
  let step: RestoreStep = 'preparing';
  const enter = (next: RestoreStep): void => {
    if (opts.signal?.aborted) throw new CancelledError({ key: 'error.cancelled' });
    step = next;
    opts.onStep?.(next);
  };
  const warnings: Array<{ key: string; params: Record<string, string | number> }> = [];
  let admin: PgClient | null = null;
  let staging: string | null = null;
  try {
    enter('preparing');
    admin = await connectMaintenance(db, opts.env, opts.signal);
    const leftovers = await recoverLeftovers(admin, db.database);
    if (leftovers.renamedBack)
      warnings.push({ key: 'restore.warn.renamedBack', params: { env: opts.env, name: leftovers.renamedBack } });
    if (leftovers.dropped.length > 0)
      warnings.push({
        key: 'restore.warn.leftoversDropped',
        params: { env: opts.env, names: leftovers.dropped.join(', ') },
      });
    const names = sideNames(db.database);
    enter('staging');
    await admin.query(
      `CREATE DATABASE ${quoteIdent(names.staging)} TEMPLATE template0 ${await creationSettings(admin, db.database)}`,
    );
    staging = names.staging;
    enter('restoring');
    await runPgRestore(db, names.staging, file, opts);
    await withDatabase(db, names.staging, opts, async (client) => {
      enter('cleaning');
      await emptySessionTables(client);
      enter('checking');
      await checkRestored(client);
    });
    enter('swapping');
    const { oldExists } = await swapIn(admin, db.database, names.staging, names.old);
    staging = null;
    // The restore is done: no cancellation from here on. ANALYZE (CPU) and dropping the old database (a
    // checkpoint: I/O) overlap; a failure of either is a warning, never a failed restore.
    step = 'analyzing';
    opts.onStep?.('analyzing');
    const [oldDropped, analyzed] = await Promise.all([
      oldExists ? dropOld(admin, names.old) : Promise.resolve(true),
      analyzeInParallel(db, db.database, opts).then(
        () => null,
        (error: unknown) => error,
      ),
    ]);
    if (!oldDropped) warnings.push({ key: 'restore.warn.oldKept', params: { env: opts.env, name: names.old } });
    if (analyzed !== null)
      warnings.push({ key: 'restore.warn.analyzeFailed', params: { env: opts.env, database: db.database } });
    return { kind: 'restored', warnings };
  } catch (error) {
    if (isOrcaError(error) && error.key === 'restore.swapUndoFailed') throw error;
    if (admin !== null && staging !== null) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(staging)} WITH (FORCE)`).catch(() => undefined);
    }
    return { kind: 'failed', step, error };
  } finally {
    await admin?.end().catch(() => undefined);
  }
}

/** ENCODING/LC_* of the database being replaced (WebORCA: UTF8, C), so the restored one matches. */
async function creationSettings(admin: PgClient, target: string): Promise<string> {
  const { rows } = await admin.query<{ encoding: string; collate: string; ctype: string }>(
    'SELECT pg_encoding_to_char(encoding) AS encoding, datcollate AS collate, datctype AS ctype FROM pg_database WHERE datname = $1',
    [target],
  );
  const found = rows[0] ?? { encoding: 'UTF8', collate: 'C', ctype: 'C' };
  const literal = (value: string): string => `'${value.replace(/'/g, "''")}'`;
  return `ENCODING ${literal(found.encoding)} LC_COLLATE ${literal(found.collate)} LC_CTYPE ${literal(found.ctype)}`;
}

/**
 * ANALYZE of every table over `jobs` connections, largest tables first (as `vacuumdb --analyze-only -j`):
 * on a restored database it costs nearly as much as the restore itself when run on one connection.
 */
async function analyzeInParallel(db: DatabaseConfig, database: string, opts: LocalRestoreOptions): Promise<void> {
  const first = await connectDatabase(db, { database, env: opts.env, signal: opts.signal });
  const clients = [first];
  try {
    const { rows } = await first.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
        ORDER BY pg_total_relation_size(c.oid) DESC`,
    );
    const queue = rows.map((r) => r.name);
    const workers = Math.max(1, Math.min(jobsOf(opts), queue.length));
    const more = await Promise.allSettled(
      Array.from({ length: workers - 1 }, () => connectDatabase(db, { database, env: opts.env, signal: opts.signal })),
    );
    for (const r of more) if (r.status === 'fulfilled') clients.push(r.value);
    for (const r of more) if (r.status === 'rejected') throw r.reason;
    await Promise.all(
      clients.map(async (client) => {
        for (let table = queue.shift(); table !== undefined; table = queue.shift())
          await client.query(`ANALYZE ${table}`);
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}

function jobsOf(opts: LocalRestoreOptions): number {
  return Math.max(1, opts.jobs ?? availableParallelism());
}

async function runPgRestore(
  db: DatabaseConfig,
  staging: string,
  file: string,
  opts: LocalRestoreOptions,
): Promise<void> {
  const jobs = jobsOf(opts);
  const args = [
    '--no-privileges',
    '--no-owner',
    '--exit-on-error',
    `--jobs=${jobs}`,
    `--host=${db.host}`,
    `--port=${db.port}`,
    `--username=${db.user}`,
    '--no-password',
    `--dbname=${staging}`,
    file,
  ];
  try {
    await runProcess(findPgBinary('pg_restore'), args, { env: libpqEnv(db), signal: opts.signal });
  } catch (error) {
    throw mapClientToolError(error, db, opts.env);
  }
}

async function withDatabase<T>(
  db: DatabaseConfig,
  database: string,
  opts: LocalRestoreOptions,
  fn: (client: PgClient) => Promise<T>,
): Promise<T> {
  const client = await connectDatabase(db, { database, env: opts.env, signal: opts.signal });
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function emptySessionTables(client: PgClient): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
      WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
        AND (tablename = ANY($1::text[]) OR tablename LIKE 'monbatch%' OR tablename LIKE 'aps\\_%')`,
    [[...WEBORCA_SESSION_TABLES]],
  );
  if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((r) => r.name).join(', ')}`);
}

/** The key tables answer a query and the 管理連番 rows parse: the restored database is usable. */
async function checkRestored(client: PgClient): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT relname AS name FROM pg_class WHERE relname = ANY($1::text[]) AND relkind IN ('r', 'p')",
    [[...KEY_TABLES]],
  );
  const missing = KEY_TABLES.filter((t) => !rows.some((r) => r.name === t));
  if (missing.length > 0)
    throw new GuardError({
      key: 'restore.check.missingTables',
      params: { tables: missing.join(', ') },
      hintKey: 'restore.check.missingTables.hint',
    });
  for (const table of KEY_TABLES) await client.query(`SELECT 1 FROM ${quoteIdent(table)} LIMIT 1`);
  try {
    await readSequences(client, undefined, { env: 'staging' });
  } catch (error) {
    if (isOrcaError(error)) throw error;
    throw new UnexpectedError({ key: 'restore.check.counters', cause: error });
  }
}
