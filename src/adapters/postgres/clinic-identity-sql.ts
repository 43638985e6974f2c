/**
 * The clinic identity of a live ORCA database (docs/orca-data.md §2): `tbl_sysbase` hospnums, the
 * `tbl_syskanri` 1001 rows and `tbl_dbkanri` ORCADB00, read in one snapshot and judged by core's
 * `readClinicIdentity`. A table or column that does not exist reads as an absent table, never as an error:
 * a database that is not (yet) ORCA names no clinic and says why.
 */
import { readClinicIdentity, type ClinicIdentity } from '../../core/clinic-identity.js';
import type { CopyRow } from '../../core/copy-text.js';
import type { PgClient } from './connect.js';

const QUERIES = {
  sysbase: 'SELECT hospnum::text AS hospnum FROM tbl_sysbase',
  syskanri: `SELECT hospnum::text AS hospnum, kanricd, kbncd, styukymd, edyukymd, kanritbl
               FROM tbl_syskanri WHERE kanricd = '1001'`,
  dbkanri: `SELECT kanricd, version FROM tbl_dbkanri WHERE kanricd = 'ORCADB00'`,
} as const;

/** The identity for `date` (`YYYYMMDD`); query failures other than a missing table or column are thrown. */
export async function readDatabaseIdentity(client: PgClient, date: string): Promise<ClinicIdentity> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const rows = {
      sysbase: await rowsOrNull(client, QUERIES.sysbase),
      syskanri: await rowsOrNull(client, QUERIES.syskanri),
      dbkanri: await rowsOrNull(client, QUERIES.dbkanri),
    };
    return readClinicIdentity(rows, date);
  } finally {
    await client.query('ROLLBACK').catch(() => undefined);
  }
}

async function rowsOrNull(client: PgClient, sql: string): Promise<CopyRow[] | null> {
  await client.query('SAVEPOINT identity_read');
  try {
    const { rows } = await client.query<CopyRow>(sql);
    await client.query('RELEASE SAVEPOINT identity_read');
    return rows;
  } catch (error) {
    // 42P01 undefined_table, 42703 undefined_column.
    const code = (error as { code?: string }).code;
    if (code !== '42P01' && code !== '42703') throw error;
    await client.query('ROLLBACK TO SAVEPOINT identity_read');
    return null;
  }
}
