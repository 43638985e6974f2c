/**
 * The lab server's restore: `pg_restore -x -O --exit-on-error -j 2` of a dump into a staging database, the
 * WebORCA session tables emptied, then a swap by rename (the old database refuses new connections, is
 * renamed away, the staging one takes its name, the old one is dropped). A failure before the swap leaves
 * the old database as it was.
 */
import type { DatabaseConfig } from '../../core/config-schema.js';
import { connectDatabase, type PgClient } from '../../adapters/postgres/connect.js';
import { libpqEnv, mapClientToolError } from '../../adapters/postgres/dump-tool.js';
import { findPgBinary, runProcess } from '../../adapters/process/run.js';
import { SESSION_TABLES } from '../orca/schema-ddl.js';
import type { ProgressReporter } from './jobs.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function quote(name: string): string {
  if (!NAME.test(name)) throw new Error(`unexpected database name ${JSON.stringify(name)}`);
  return `"${name}"`;
}

function sideName(database: string, tag: string): string {
  return `${database.slice(0, 40)}_${tag}_${Date.now().toString(36)}`;
}

export interface RestoreOptions {
  jobs?: number;
  signal?: AbortSignal;
}

export async function restoreIntoDatabase(db: DatabaseConfig, file: string, report: ProgressReporter, opts: RestoreOptions = {}): Promise<void> {
  const staging = sideName(db.database, 'staging');
  const admin = await connectDatabase(db, { database: 'postgres', env: 'lab restore' });
  try {
    report(0.05, 'staging');
    await admin.query(`CREATE DATABASE ${quote(staging)} TEMPLATE template0 ENCODING 'UTF8'`);
    try {
      report(0.1, 'restoring');
      await runPgRestore(db, staging, file, opts);
      report(0.8, 'cleaning');
      await emptySessionTables(db, staging);
      report(0.9, 'swapping');
      await swapIn(admin, db.database, staging);
    } catch (error) {
      await admin.query(`DROP DATABASE IF EXISTS ${quote(staging)} WITH (FORCE)`).catch(() => undefined);
      throw error;
    }
  } finally {
    await admin.end().catch(() => undefined);
  }
}

async function runPgRestore(db: DatabaseConfig, staging: string, file: string, opts: RestoreOptions): Promise<void> {
  const args = [
    '--no-owner', '--no-privileges', '--exit-on-error', `--jobs=${opts.jobs ?? 2}`,
    `--host=${db.host}`, `--port=${db.port}`, `--username=${db.user}`, '--no-password', `--dbname=${staging}`, file,
  ];
  try {
    await runProcess(findPgBinary('pg_restore'), args, { env: libpqEnv(db), signal: opts.signal });
  } catch (error) {
    throw mapClientToolError(error, db, 'lab restore');
  }
}

async function emptySessionTables(db: DatabaseConfig, database: string): Promise<void> {
  const client = await connectDatabase(db, { database, env: 'lab restore' });
  try {
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public'
         AND (tablename = ANY($1::text[]) OR tablename LIKE 'monbatch%' OR tablename LIKE 'aps\\_%')`,
      [[...SESSION_TABLES]],
    );
    for (const { tablename } of rows) await client.query(`TRUNCATE ${quote(tablename)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function swapIn(admin: PgClient, target: string, staging: string): Promise<void> {
  const previous = sideName(target, 'old');
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [target])).rowCount ?? 0;
  if (exists > 0) {
    await admin.query(`ALTER DATABASE ${quote(target)} ALLOW_CONNECTIONS false`);
    try {
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [target]);
      await renameWhenFree(admin, target, previous);
    } catch (error) {
      await admin.query(`ALTER DATABASE ${quote(target)} ALLOW_CONNECTIONS true`).catch(() => undefined);
      throw error;
    }
  }
  try {
    await admin.query(`ALTER DATABASE ${quote(staging)} RENAME TO ${quote(target)}`);
  } catch (error) {
    if (exists > 0) {
      await admin.query(`ALTER DATABASE ${quote(previous)} RENAME TO ${quote(target)}`).catch(() => undefined);
      await admin.query(`ALTER DATABASE ${quote(target)} ALLOW_CONNECTIONS true`).catch(() => undefined);
    }
    throw error;
  }
  if (exists > 0) await admin.query(`DROP DATABASE ${quote(previous)} WITH (FORCE)`);
}

/** `pg_terminate_backend` only signals: retry the rename while the terminated sessions are still exiting. */
async function renameWhenFree(admin: PgClient, from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`ALTER DATABASE ${quote(from)} RENAME TO ${quote(to)}`);
      return;
    } catch (error) {
      const busy = (error as { code?: string }).code === '55006';
      if (!busy || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [from]);
    }
  }
}
