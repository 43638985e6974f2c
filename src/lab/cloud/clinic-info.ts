/**
 * What a lab environment's database says about itself, read where WebORCA reads it (docs/orca-data.md §2):
 * the 医療機関コード and name from `tbl_syskanri` 1001, the versions from `tbl_dbkanri` ORCADB00.
 */
import type { DatabaseConfig } from '../../core/config-schema.js';
import { readDatabaseIdentity } from '../../adapters/postgres/clinic-identity-sql.js';
import { connectDatabase, type PgClient } from '../../adapters/postgres/connect.js';
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

/** Opens a short connection to the environment's database and runs `fn` on it. */
export async function withDatabase<T>(db: DatabaseConfig, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await connectDatabase(db, { env: 'lab server', connectTimeoutMs: 5_000, statementTimeoutMs: 30_000 });
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
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
