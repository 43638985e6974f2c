/**
 * What a lab environment's database says about itself, read where WebORCA reads it (docs/orca-data.md §2):
 * the 医療機関コード and name from `tbl_syskanri` 1001, the versions from `tbl_dbkanri` ORCADB00.
 */
import pg from 'pg';
import type { DatabaseConfig } from '../../core/config-schema.js';
import { readDatabaseIdentity } from '../../adapters/postgres/clinic-identity-sql.js';
import { mapPgError, type PgClient } from '../../adapters/postgres/connect.js';
import { toYmd } from '../../adapters/postgres/sequences-sql.js';
import { institutionNameOf } from '../orca/system-rows.js';

export interface ClinicInfo {
  /** `tbl_dbkanri` ORCADB00 version, e.g. `050200-1`; '' when absent. */
  version: string;
  /** 医療機関コード (10 digits) from `tbl_syskanri` 1001; '' when it cannot be read. */
  institutionCode: string;
  /** The hospnum of the clinic (the only one in `tbl_sysbase`), null when there is not exactly one. */
  hospnum: number | null;
  /** 医療機関名称 of the 1001 row; '' when absent. */
  institutionName: string;
  /** `tbl_dbkanri` ORCADB00 dbsversion1 / dbsversion2, as systeminfv2 answers them; '' when absent. */
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

export async function readClinicInfo(client: PgClient, at: Date = new Date()): Promise<ClinicInfo> {
  const date = toYmd(at);
  const identity = await readDatabaseIdentity(client, date);
  const hospnum = identity.hospnums.length === 1 ? identity.hospnums[0]! : null;
  const versions = await client.query<{ dbsversion1: string | null; dbsversion2: string | null }>(
    `SELECT dbsversion1, dbsversion2 FROM tbl_dbkanri WHERE kanricd = 'ORCADB00'`,
  );
  const record =
    hospnum === null
      ? undefined
      : await client.query<{ kanritbl: string | null }>(
          `SELECT kanritbl FROM tbl_syskanri WHERE hospnum = $1 AND kanricd = '1001' AND kbncd = '*'
              AND styukymd <= $2 AND edyukymd >= $2 ORDER BY styukymd DESC LIMIT 1`,
          [hospnum, date],
        );
  return {
    version: identity.structureVersion ?? '',
    institutionCode: identity.institutionCode ?? '',
    hospnum,
    institutionName: institutionNameOf(record?.rows[0]?.kanritbl ?? ''),
    localVersion: (versions.rows[0]?.dbsversion1 ?? '').trim(),
    newVersion: (versions.rows[0]?.dbsversion2 ?? '').trim(),
  };
}
