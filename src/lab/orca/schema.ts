/**
 * Creates the ORCA subset (`schema-ddl.ts`) in an empty database and seeds the system rows WebORCA's
 * installer would have written: `tbl_sysbase` (the clinic), `tbl_syskanri` 1001 (its institution code and
 * name), `tbl_dbkanri` (structure version) and the counter rows of `tbl_syskanri` (0041, 0042, 1009).
 */
import type pg from 'pg';
import type { Sequences } from '../../core/domain.js';
import { spliceSequences } from '../../core/sequences.js';
import { ORCA_DDL } from './schema-ddl.js';
import { writeClinicIdentity, writeStructureVersion } from './system-rows.js';

export { ORCA_DDL, SESSION_TABLES } from './schema-ddl.js';

/** The `tbl_dbkanri.version` the lab writes (ORCADB00; value format unverified, ORCA-DATA.md §8). */
export const LAB_DB_VERSION = '050200-1';

/**
 * 1009 layout chars 1–20 (ORCA-DATA.md §3): 標準構成 (2), 連番のみ (4), 西暦, 6-digit serial, NEN 2024.
 * The patient number is then the serial's last 6 digits.
 */
const PTNUM_LAYOUT_1009 = '2' + '0' + '00' + '4' + '2' + '0' + '06' + '0' + '000000' + '2024';

/** Creates every table and index in one transaction. Fails if a table already exists. */
export async function createOrcaSchema(client: pg.Client): Promise<void> {
  await client.query('BEGIN');
  try {
    for (const statement of ORCA_DDL) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** True when the database already has the ORCA subset (checked by `tbl_syskanri`). */
export async function hasOrcaSchema(client: pg.Client): Promise<boolean> {
  const result = await client.query(`SELECT to_regclass('tbl_syskanri') IS NOT NULL AS present`);
  return Boolean(result.rows[0]?.present);
}

export interface SystemSeed {
  institutionCode: string;
  clinicName: string;
  /** Counter values (last issued); 0 by default. */
  sequences?: Partial<Sequences>;
  version?: string;
  /** Date for the audit columns, `YYYYMMDD`. */
  ymd: string;
}

/** Writes the system rows (replacing existing ones). */
export async function seedOrcaSystem(client: pg.Client, seed: SystemSeed): Promise<void> {
  const values: Sequences = { outpatientSlip: 0, inpatientSlip: 0, patientSerial: 0, patientId: 0, ...seed.sequences };
  const rows = spliceSequences({ '0041': '', '0042': '', '1009': PTNUM_LAYOUT_1009 + ' '.repeat(20) + '01' }, values);
  await writeClinicIdentity(client, {
    institutionCode: seed.institutionCode,
    clinicName: seed.clinicName,
    ymd: seed.ymd,
  });
  await writeStructureVersion(client, seed.version ?? LAB_DB_VERSION, seed.ymd);
  await client.query(`DELETE FROM tbl_syskanri WHERE kanricd IN ('0041', '0042', '1009')`);
  for (const [kanricd, kanritbl] of Object.entries(rows)) {
    await client.query(
      `INSERT INTO tbl_syskanri (hospnum, kanricd, kbncd, styukymd, edyukymd, kanritbl, termid, opid, creymd, upymd, uphms)
       VALUES (1, $1, '*', '00000000', '99999999', $2, 'lab', 'lab', $3, $3, '000000')`,
      [kanricd, kanritbl, seed.ymd],
    );
  }
}

/**
 * The patient number for a serial under the 1009 row's layout: the last HJNKSIRENNUMKETA (chars 8–9)
 * digits of the serial, prefixed with the year (NEN, chars 17–20) when HJNKSIKBN (char 5) is 1 or 2.
 * Check digits (kinds 1 and 3) are not modelled: the lab's layout is 連番のみ.
 */
export function formatPatientNumber(kanritbl1009: string, serial: number): string {
  const text = kanritbl1009.padEnd(42, ' ');
  const digits = Number(text.slice(7, 9)) || 6;
  const body = String(serial).padStart(digits, '0').slice(-digits);
  const kind = text[4];
  return kind === '1' || kind === '2' ? text.slice(16, 20) + body : body;
}

/**
 * A few rows in WebORCA's session tables, as a running server leaves them (a lock, a job, parameters,
 * a batch and its log, a migration), so a restore's emptying of them can be checked.
 */
export async function seedSessionRows(client: pg.Client, ymd: string): Promise<void> {
  const statements = [
    `INSERT INTO tbl_lock (hospnum, tbl_key, tbl_group, lock_id, termid, opid, lockymd, lockhms)
     VALUES (1, 'PTID0000000001', 'PATIENT', 'lab-lock-1', 'lab', 'ormaster', '${ymd}', '090000')`,
    `INSERT INTO tbl_jobkanri (hospnum, jobid, shellid, pgid, stsymd, termid, opid, creymd, upymd, uphms)
     VALUES (1, 1, 'ORCBJOB', 'ORCGM01', '${ymd}', 'lab', 'ormaster', '${ymd}', '${ymd}', '090000')`,
    `INSERT INTO tbl_para (hospnum, termid, pgid, para) VALUES (1, 'lab', 'ORCGK01', 'lab session parameters')`,
    `INSERT INTO tbl_spa_tmp (termid, kbn, spa) VALUES ('lab', 'SPA', 'lab session work area')`,
    `INSERT INTO tbl_api_para (hospnum, apikey, para) VALUES (1, 'lab-api-session', 'lab api parameters')`,
    `INSERT INTO monbatch (id, name, status, created_at) VALUES (1, 'daily', 'done', '${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)} 03:00')`,
    `INSERT INTO monbatch_log (id, batch_id, message, created_at) VALUES (1, 1, 'ok', '${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)} 03:01')`,
    `INSERT INTO aps_migrations (version, applied_at) VALUES ('${LAB_DB_VERSION}', '${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6)} 00:00')`,
  ];
  for (const table of SESSION_TABLES_TO_RESET) await client.query(`DELETE FROM ${table}`);
  for (const statement of statements) await client.query(statement);
}

const SESSION_TABLES_TO_RESET = [
  'tbl_lock',
  'tbl_jobkanri',
  'tbl_para',
  'tbl_spa_tmp',
  'tbl_api_para',
  'monbatch',
  'monbatch_log',
  'aps_migrations',
];
