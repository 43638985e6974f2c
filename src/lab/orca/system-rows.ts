/**
 * The lab's rows of ORCA's three system tables, written where real ORCA keeps them (docs/orca-data.md §2):
 * the clinic in `tbl_sysbase` (grpnum 1, hospnum), its 医療機関コード and name in `tbl_syskanri` kanricd
 * 1001 (`kanritbl` = prefecture 2 + point table 1 + code 7, 種別 1, 医療機関ID 24, name from character 36),
 * the structure version in `tbl_dbkanri` ORCADB00.
 */
import type pg from 'pg';

export interface ClinicIdentityRows {
  institutionCode: string;
  clinicName: string;
  hospnum?: number;
  /** Date for the audit columns, `YYYYMMDD`. */
  ymd: string;
}

/** 医療機関種別 (character 11) the lab writes: 2 = 診療所 per the API's `Institution_Speciation` (unverified). */
const CLINIC_KIND = '2';

/** The 1001 `kanritbl` text: the fields up to the name; ORCA trims the trailing filler. */
export function institutionRecord(code: string, name: string): string {
  return code + CLINIC_KIND + ' '.repeat(24) + name;
}

/** The name in a 1001 `kanritbl` (characters 36–155, trimmed). */
export function institutionNameOf(kanritbl: string): string {
  return Array.from(kanritbl).slice(35, 155).join('').trim();
}

/** Replaces the clinic's `tbl_sysbase` row (grpnum 1) and its valid-forever 1001 row. */
export async function writeClinicIdentity(client: pg.Client, rows: ClinicIdentityRows): Promise<void> {
  const hospnum = rows.hospnum ?? 1;
  await client.query('DELETE FROM tbl_sysbase WHERE grpnum = 1');
  await client.query(
    `INSERT INTO tbl_sysbase (grpnum, hospnum, hospname, creymd, upymd, uphms) VALUES (1, $1, $2, $3, $3, '000000')`,
    [hospnum, rows.clinicName, rows.ymd],
  );
  await client.query(`DELETE FROM tbl_syskanri WHERE hospnum = $1 AND kanricd = '1001'`, [hospnum]);
  await client.query(
    `INSERT INTO tbl_syskanri (hospnum, kanricd, kbncd, styukymd, edyukymd, kanritbl, termid, opid, creymd, upymd, uphms)
     VALUES ($1, '1001', '*', '00000000', '99999999', $2, 'lab', 'lab', $3, $3, '000000')`,
    [hospnum, institutionRecord(rows.institutionCode, rows.clinicName), rows.ymd],
  );
}

/** Replaces the ORCADB00 row of `tbl_dbkanri`. */
export async function writeStructureVersion(client: pg.Client, version: string, ymd: string): Promise<void> {
  await client.query(`DELETE FROM tbl_dbkanri WHERE kanricd = 'ORCADB00'`);
  await client.query(
    `INSERT INTO tbl_dbkanri (kanricd, version, dbsversion1, dbsversion2, termid, opid, creymd, upymd, uphms)
     VALUES ('ORCADB00', $1, '', '', 'lab', 'lab', $2, $2, '000000')`,
    [version, ymd],
  );
}
