/**
 * Whether the local emergency VM's database holds patient data written after a point in time: the tables
 * staff write during an outage (patients, visits, acts, accounts, payments, diseases), each stamped with
 * `upymd` (YYYYMMDD) and `uphms` (HHMMSS) by ORCA (record/tbl_*.db in jma-receipt). ORCA writes them in the
 * server's local time; `since` is formatted in this computer's local time (a clinic PC and its VM share
 * one time zone), and the caller leaves a margin for clocks that differ.
 */
import type { DatabaseConfig } from '../../core/config-schema.js';
import type { EnvironmentName } from '../../core/domain.js';
import { connectDatabase, mapQueryError } from './connect.js';

export const PATIENT_DATA_TABLES = [
  'tbl_ptinf',
  'tbl_jyurrk',
  'tbl_sryact',
  'tbl_sryacct_main',
  'tbl_syunou_main',
  'tbl_ptbyomei',
] as const;

/** `YYYYMMDDHHMMSS` in local time, the order `upymd || uphms` sorts in. */
export function orcaStamp(at: Date): string {
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return (
    `${pad(at.getFullYear(), 4)}${pad(at.getMonth() + 1)}${pad(at.getDate())}` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
  );
}

/**
 * Rows of those tables written after `since` (any row when null); tables missing from the database (a
 * clean install, another ORCA version) count as empty. Throws the database errors of `connectDatabase`.
 */
export async function countEntriesSince(
  db: DatabaseConfig,
  env: EnvironmentName,
  since: Date | null,
  signal?: AbortSignal,
): Promise<{ rows: number; tables: string[] }> {
  const client = await connectDatabase(db, { env, signal, connectTimeoutMs: 5000, statementTimeoutMs: 120_000 });
  try {
    const { rows: present } = await client.query<{ name: string }>(
      `SELECT c.table_name AS name FROM information_schema.columns c
        WHERE c.table_schema = current_schema() AND c.table_name = ANY($1) AND c.column_name IN ('upymd', 'uphms')
        GROUP BY c.table_name HAVING count(*) = 2 ORDER BY 1`,
      [PATIENT_DATA_TABLES],
    );
    let total = 0;
    const tables: string[] = [];
    for (const { name } of present) {
      // Names come from the fixed list above, checked against the catalog: safe to splice.
      const where = since === null ? '' : ` WHERE (coalesce(upymd, '') || coalesce(uphms, '')) > $1`;
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${name}${where}`,
        since === null ? [] : [orcaStamp(since)],
      );
      const n = Number(rows[0]?.n ?? 0);
      if (n > 0) tables.push(name);
      total += n;
    }
    return { rows: total, tables };
  } catch (error) {
    throw mapQueryError(error, env);
  } finally {
    await client.end().catch(() => undefined);
  }
}
