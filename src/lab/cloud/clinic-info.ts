/** What a lab environment's database says about itself: WebORCA version and clinic identity. */
import pg from 'pg';
import type { DatabaseConfig } from '../../core/config-schema.js';
import { mapPgError, type PgClient } from '../../adapters/postgres/connect.js';

export interface ClinicInfo {
  /** `tbl_dbkanri` ORCADB00 version, e.g. `050200-1`; '' when absent. */
  version: string;
  /** 医療機関コード (10 digits) from `tbl_sysbase.hospcd`; '' when absent. */
  institutionCode: string;
  institutionName: string;
  /** `tbl_dbkanri` dbsversion1 / dbrversion1 (program and structure patch levels); '' when absent. */
  localVersion: string;
  newVersion: string;
}

const pools = new Map<string, pg.Pool>();

/**
 * A few kept-open connections per database, as a real server keeps a pool: a new connection per request
 * (a backend process and a SCRAM exchange each) made the lab itself the slowest part of every `status`.
 * A restore's swap terminates these sessions; the pool then drops them and connects anew.
 */
function poolFor(db: DatabaseConfig): pg.Pool {
  const key = JSON.stringify(db);
  let pool = pools.get(key);
  if (!pool) {
    pool = new pg.Pool({
      host: db.host,
      port: db.port,
      database: db.database,
      user: db.user,
      password: db.password,
      ssl: false,
      max: 4,
      idleTimeoutMillis: 5_000,
      allowExitOnIdle: true,
      connectionTimeoutMillis: 5_000,
      statement_timeout: 30_000,
      application_name: 'orca-hybrid lab',
    });
    // An idle session terminated by a restore's swap reports here; the pool discards it.
    pool.on('error', () => undefined);
    pools.set(key, pool);
  }
  return pool;
}

/** Runs `fn` on a pooled connection to the environment's database. */
export async function withDatabase<T>(db: DatabaseConfig, fn: (client: PgClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient;
  try {
    client = await poolFor(db).connect();
  } catch (error) {
    throw mapPgError(error, { env: 'lab server', host: db.host, port: db.port, user: db.user });
  }
  let failed = false;
  try {
    return await fn(client as unknown as PgClient);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    // A session that saw an error (terminated, lost, aborted mid-statement) is not handed out again.
    client.release(failed);
  }
}

/** Closes the pool of `db` (a lab server stopping). */
export async function closeDatabasePool(db: DatabaseConfig): Promise<void> {
  const key = JSON.stringify(db);
  const pool = pools.get(key);
  pools.delete(key);
  await pool?.end().catch(() => undefined);
}

export async function readClinicInfo(client: PgClient): Promise<ClinicInfo> {
  const version = await client.query<{
    version: string | null;
    dbsversion1: string | null;
    dbrversion1: string | null;
  }>(`SELECT version, dbsversion1, dbrversion1 FROM tbl_dbkanri WHERE kanricd = 'ORCADB00'`);
  const base = await client.query<{ hospcd: string | null; hospname: string | null }>(
    'SELECT hospcd, hospname FROM tbl_sysbase ORDER BY grpnum LIMIT 1',
  );
  const code = (base.rows[0]?.hospcd ?? '').trim();
  return {
    version: (version.rows[0]?.version ?? '').trim(),
    institutionCode: /^\d{10}$/.test(code) ? code : '',
    institutionName: (base.rows[0]?.hospname ?? '').trim(),
    localVersion: (version.rows[0]?.dbsversion1 ?? '').trim(),
    newVersion: (version.rows[0]?.dbrversion1 ?? '').trim(),
  };
}
