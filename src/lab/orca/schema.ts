/**
 * Creates the lab's ORCA tables in an empty database — every recorded definition of `ddl/registry.ts` —
 * and seeds the system rows WebORCA's installer would have written: `tbl_sysbase` (the clinic),
 * `tbl_syskanri` 1001 (its institution code and name), `tbl_dbkanri` (structure version) and the counter
 * rows of `tbl_syskanri` (0041, 0042, 1009).
 */
import type pg from 'pg';
import type { Sequences } from '../../core/domain.js';
import { spliceSequences } from '../../core/sequences.js';
import { RECORDED_TABLES } from './ddl/registry.js';
import { createTableStatements } from './ddl/table-definition.js';
import { writeClinicIdentity, writeStructureVersion } from './system-rows.js';

/** Every statement that creates the lab's ORCA schema, in order. */
export function orcaSchemaStatements(): string[] {
  return RECORDED_TABLES.flatMap(createTableStatements);
}

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
    for (const statement of orcaSchemaStatements()) await client.query(statement);
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
