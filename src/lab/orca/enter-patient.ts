/** Patients as the simulator reads and writes them: registration (1009 numbers), lookup, renaming. */
import type pg from 'pg';
import { CONDITIONS, type Condition } from './clinic-catalog.js';
import { insertRows } from './bulk-insert.js';
import { issuePatient, lockCounters, writeCounters } from './counters.js';
import { renamePatient } from './names.js';
import { planPatient, type PatientPlan } from './patient-plan.js';
import type { Rng } from './prng.js';
import { hkncombiRows, ptinfRow, ptnumRow, pthkninfRows } from './rows.js';
import { HOSPNUM, type Audit } from './zai.js';

/** Registers a new patient: ptid = PTID + 1 and the next serial's patient number, counters written back. */
export async function registerPatientSql(
  client: pg.Client,
  rng: Rng,
  date: string,
  audit: Audit,
): Promise<PatientPlan> {
  const counters = await lockCounters(client, date);
  const ids = issuePatient(counters);
  await writeCounters(client, counters, audit);
  const patient = planPatient(rng, { ptid: ids.ptid, ptnum: ids.ptnum }, date, date);
  await insertRows(client, 'tbl_ptnum', [ptnumRow(patient, audit)]);
  await insertRows(client, 'tbl_ptinf', [ptinfRow(patient, 0, audit)]);
  await insertRows(client, 'tbl_pthkninf', pthkninfRows(patient, audit));
  await insertRows(client, 'tbl_hkncombi', hkncombiRows(patient, audit));
  return patient;
}

export interface KnownPatient {
  ptid: number;
  patientNumber: string;
  name: string;
  kananame: string;
  birthday: string;
}

export async function listPatients(client: pg.Client): Promise<KnownPatient[]> {
  const result = await client.query<{
    ptid: string;
    ptnum: string;
    name: string | null;
    kananame: string | null;
    birthday: string | null;
  }>(
    `SELECT p.ptid, n.ptnum, p.name, p.kananame, p.birthday FROM tbl_ptinf p
       JOIN tbl_ptnum n ON n.hospnum = p.hospnum AND n.ptid = p.ptid
      WHERE p.hospnum = $1 ORDER BY p.ptid`,
    [HOSPNUM],
  );
  return result.rows.map((r) => ({
    ptid: Number(r.ptid),
    patientNumber: r.ptnum.trim(),
    name: r.name ?? '',
    kananame: r.kananame ?? '',
    birthday: r.birthday ?? '',
  }));
}

export interface PatientContext {
  /** Departments visited before, most recent first. */
  departments: string[];
  /** Chronic conditions still open (no 転帰), by department. */
  conditions: Condition[];
  /** Days of the latest oral prescription (the patient's usual interval). */
  rxDays: number;
  combination: { hkncombinum: number; rate: number } | null;
}

export async function loadPatientContext(client: pg.Client, ptid: number, date: string): Promise<PatientContext> {
  const departments = await client.query<{ sryka: string }>(
    'SELECT sryka FROM tbl_srykarrk WHERE hospnum = $1 AND ptid = $2 ORDER BY lastymd DESC, sryka',
    [HOSPNUM, ptid],
  );
  const diseases = await client.query<{ sryka: string; khnbyomeicd: string }>(
    `SELECT sryka, khnbyomeicd FROM tbl_ptbyomei WHERE hospnum = $1 AND ptid = $2
        AND COALESCE(NULLIF(trim(tenkikbn), ''), '0') = '0' AND dltflg IS NULL`,
    [HOSPNUM, ptid],
  );
  const open = new Set(diseases.rows.map((d) => `${d.sryka}|${d.khnbyomeicd}`));
  const rx = await client.query<{ zaikaisu: number }>(
    `SELECT zaikaisu FROM tbl_sryacct_main WHERE hospnum = $1 AND ptid = $2 AND srykbn = '21'
      ORDER BY sryym DESC, zainum DESC LIMIT 1`,
    [HOSPNUM, ptid],
  );
  const combination = await client.query<{ hkncombinum: number; hknftnrate: number }>(
    `SELECT hkncombinum, hknftnrate FROM tbl_hkncombi WHERE hospnum = $1 AND ptid = $2 AND tekstymd <= $3 AND tekedymd >= $3
      ORDER BY hkncombinum DESC LIMIT 1`,
    [HOSPNUM, ptid, date],
  );
  const combo = combination.rows[0];
  return {
    departments: departments.rows.map((d) => d.sryka),
    conditions: CONDITIONS.filter((c) => open.has(`${c.sryka}|${c.disease.code}`)),
    rxDays: Number(rx.rows[0]?.zaikaisu ?? 28) || 28,
    combination: combo ? { hkncombinum: Number(combo.hkncombinum), rate: Number(combo.hknftnrate) || 30 } : null,
  };
}

/** 氏名変更: a new surname (kanji and kana), as after a marriage. */
export async function renamePatientSql(
  client: pg.Client,
  rng: Rng,
  patient: KnownPatient,
  audit: Audit,
): Promise<{ name: string; kananame: string }> {
  const renamed = renamePatient(rng, patient);
  await client.query(
    `UPDATE tbl_ptinf SET name = $3, kananame = $4, upymd = $5, uphms = $6, opid = $7 WHERE hospnum = $1 AND ptid = $2`,
    [HOSPNUM, patient.ptid, renamed.name, renamed.kananame, audit.ymd, audit.hms, audit.opid],
  );
  return renamed;
}
