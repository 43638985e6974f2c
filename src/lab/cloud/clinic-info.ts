/** What a lab environment's database says about itself: WebORCA version and clinic identity. */
import type { DatabaseConfig } from '../../core/config-schema.js';
import { connectDatabase, type PgClient } from '../../adapters/postgres/connect.js';

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

/** Opens a short connection to the environment's database and runs `fn` on it. */
export async function withDatabase<T>(db: DatabaseConfig, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await connectDatabase(db, { env: 'lab server', connectTimeoutMs: 5_000, statementTimeoutMs: 30_000 });
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
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
