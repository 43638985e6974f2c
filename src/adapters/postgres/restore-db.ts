/**
 * A local restore equivalent to WebORCA's own import (docs/orca-data.md §2): `pg_restore -x -O -j <cores>
 * --exit-on-error` into a staging database, the importer's clean-up, key tables and counters checked,
 * ANALYZE, then the swap by rename in one transaction (`restore-db-swap.ts`). Until the swap the database
 * in use is never touched, so any failure before it — or a kill — leaves it exactly as it was. What
 * happens to the replaced database afterwards is the caller's (`restore-target.ts`).
 */
import { availableParallelism } from 'node:os';
import type { DatabaseConfig } from '../../core/config-schema.js';
import { CancelledError, isOrcaError } from '../../core/errors.js';
import type { RestoreStep, RestoreWarning } from '../../core/ports.js';
import { defaultPgTools, type PgTools } from '../process/pg-tools.js';
import { runProcess } from '../process/run.js';
import { connectDatabase, type PgClient } from './connect.js';
import { libpqEnv, mapClientToolError } from './dump-tool.js';
import { analyzeInParallel } from './restore-analyze.js';
import { checkRestored, cleanLikeWebOrca } from './restore-checks.js';
import { quoteIdent, recoverLeftovers, sideNames, swapIn, type ClosedSession } from './restore-db-swap.js';

export interface LocalRestoreOptions {
  /** Environment name for messages. */
  env: string;
  /** pg_restore `--jobs` and ANALYZE connections; the number of CPU cores by default. */
  jobs?: number;
  onStep?: (step: RestoreStep) => void;
  signal?: AbortSignal;
  /** Where pg_restore is (the `postgres.binDir` setting); the standard search by default. */
  tools?: PgTools;
}

/** How loading and swapping ended; `failed` guarantees the database in use is as it was. */
export type LoadOutcome =
  | {
      kind: 'swapped';
      /** The replaced database, now under this name (null: there was none). */
      old: string | null;
      closed: ClosedSession[];
      warnings: RestoreWarning[];
    }
  | { kind: 'failed'; step: RestoreStep; error: unknown };

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
 * Restores `file` into `db.database` by staging and swap. Returns `failed` (with the step) when anything
 * before the swap went wrong — the database in use untouched and the staging database dropped; throws only
 * when a failed swap could not re-open the database in use (`restore.swapUndoFailed`).
 */
export async function loadAndSwap(db: DatabaseConfig, file: string, opts: LocalRestoreOptions): Promise<LoadOutcome> {
  let step: RestoreStep = 'preparing';
  const enter = (next: RestoreStep): void => {
    if (opts.signal?.aborted) throw new CancelledError({ key: 'error.cancelled' });
    step = next;
    opts.onStep?.(next);
  };
  const jobs = Math.max(1, opts.jobs ?? availableParallelism());
  const warnings: RestoreWarning[] = [];
  let admin: PgClient | null = null;
  let staging: string | null = null;
  try {
    enter('preparing');
    admin = await connectMaintenance(db, opts.env, opts.signal);
    const leftovers = await recoverLeftovers(admin, db.database);
    if (leftovers.renamedBack)
      warnings.push({ key: 'restore.warn.renamedBack', params: { env: opts.env, name: leftovers.renamedBack } });
    if (leftovers.reopened && !leftovers.renamedBack)
      warnings.push({ key: 'restore.warn.reopened', params: { env: opts.env, database: db.database } });
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
    await runPgRestore(db, names.staging, file, jobs, opts);
    await withDatabase(db, names.staging, opts, async (client) => {
      enter('cleaning');
      await cleanLikeWebOrca(client);
      enter('checking');
      await checkRestored(client);
    });
    enter('analyzing');
    await analyzeInParallel(db, names.staging, { env: opts.env, jobs, signal: opts.signal });
    enter('swapping');
    const { oldExists, closed } = await swapIn(admin, db.database, names.staging, names.old);
    staging = null;
    if (closed.length > 0)
      warnings.push({
        key: 'restore.warn.sessionsClosed',
        params: {
          env: opts.env,
          count: closed.length,
          sessions: closed.map((s) => `${s.user}@${s.client} (${s.application || '-'})`).join(', '),
        },
      });
    return { kind: 'swapped', old: oldExists ? names.old : null, closed, warnings };
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

async function runPgRestore(
  db: DatabaseConfig,
  staging: string,
  file: string,
  jobs: number,
  opts: LocalRestoreOptions,
): Promise<void> {
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
    const pgRestore = await (opts.tools ?? defaultPgTools()).path('pg_restore');
    await runProcess(pgRestore, args, { env: libpqEnv(db), signal: opts.signal });
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
