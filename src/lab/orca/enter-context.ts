/**
 * What `lab enter` reads to decide what staff do next: the patients, a patient's departments, open diseases,
 * usual prescription length and insurance combinations, and the 剤 a patient already has this month.
 */
import type pg from 'pg';
import { CONDITIONS, type Condition, type ZaiTemplate } from './clinic-catalog.js';

export interface KnownPatient {
  ptid: number;
  patientNumber: string;
  name: string;
  kananame: string;
  birthday: string;
}

export async function listPatients(client: pg.Client): Promise<KnownPatient[]> {
  const result = await client.query<{ ptid: string; ptnum: string; name: string; kananame: string; birthday: string }>(
    `SELECT p.ptid, n.ptnum, p.name, p.kananame, p.birthday FROM tbl_ptinf p
       JOIN tbl_ptnum n ON n.hospnum = p.hospnum AND n.ptid = p.ptid
      WHERE p.hospnum = 1 ORDER BY p.ptid`,
  );
  return result.rows.map((r) => ({
    ptid: Number(r.ptid),
    patientNumber: r.ptnum.trim(),
    name: r.name ?? '',
    kananame: r.kananame ?? '',
    birthday: (r.birthday ?? '').trim(),
  }));
}

export interface Combination {
  hkncombinum: number;
  rate: number;
}

export interface PatientContext {
  /** Departments visited before, most recent first. */
  departments: string[];
  /** Chronic conditions still open (no 転帰, not deleted). */
  conditions: Condition[];
  /** Open diseases as stored, for ending or deleting one. */
  openDiseases: { sryka: string; sryymd: string; rennum: number }[];
  /** Days of the latest oral prescription (its largest count on one day). */
  rxDays: number;
  insurance: Combination | null;
  kohi: Combination | null;
}

export async function loadPatientContext(client: pg.Client, ptid: number, date: string): Promise<PatientContext> {
  const departments = await client.query<{ sryka: string }>(
    'SELECT sryka FROM tbl_srykarrk WHERE hospnum = 1 AND ptid = $1 ORDER BY lastymd DESC, sryka',
    [ptid],
  );
  const diseases = await client.query<{ sryka: string; sryymd: string; rennum: number; khnbyomeicd: string }>(
    `SELECT sryka, sryymd, rennum, khnbyomeicd FROM tbl_ptbyomei
      WHERE hospnum = 1 AND ptid = $1 AND trim(tenkikbn) = '' AND trim(dltflg) = '' ORDER BY sryymd, sryka, rennum`,
    [ptid],
  );
  const open = new Set(diseases.rows.map((d) => `${d.sryka}|${d.khnbyomeicd}`));
  const days = Array.from({ length: 31 }, (_, i) => `day_${i + 1}`).join(', ');
  const rx = await client.query<{ days: number }>(
    `SELECT GREATEST(${days}) AS days FROM tbl_sryacct_main WHERE hospnum = 1 AND ptid = $1 AND srykbn = '21'
      ORDER BY sryym DESC, zainum DESC LIMIT 1`,
    [ptid],
  );
  const combinations = await client.query<{ hkncombinum: number; rate: number; koh1id: string }>(
    `SELECT hkncombinum, gai_kftnrate AS rate, koh1id FROM tbl_hkncombi
      WHERE hospnum = 1 AND ptid = $1 AND tekstymd <= $2 AND tekedymd >= $2 ORDER BY hkncombinum DESC`,
    [ptid, date],
  );
  const pick = (kohi: boolean): Combination | null => {
    const row = combinations.rows.find((r) => Number(r.koh1id) > 0 === kohi);
    return row ? { hkncombinum: Number(row.hkncombinum), rate: Number(row.rate) || 30 } : null;
  };
  return {
    departments: departments.rows.map((d) => d.sryka),
    conditions: CONDITIONS.filter((c) => open.has(`${c.sryka}|${c.disease.code}`)),
    openDiseases: diseases.rows.map((d) => ({ sryka: d.sryka, sryymd: d.sryymd, rennum: Number(d.rennum) })),
    rxDays: Number(rx.rows[0]?.days ?? 28) || 28,
    insurance: pick(false),
    kohi: pick(true),
  };
}

/**
 * A 剤 the patient already has in the month, rebuilt from its stored rows as staff would enter it again (the
 * same codes, quantities, counts and comment; 回数 = its largest count on one day).
 */
export async function zaiOfMonth(
  client: pg.Client,
  ptid: number,
  sryym: string,
): Promise<{ sryka: string; hkncombi: number; zai: ZaiTemplate } | null> {
  const main = await client.query(
    `SELECT * FROM tbl_sryacct_main WHERE hospnum = 1 AND ptid = $1 AND nyugaikbn = '2' AND sryym = $2 AND hkncombi <> 9999
      ORDER BY srykbn = '21' DESC, zainum LIMIT 1`,
    [ptid, sryym],
  );
  const m = main.rows[0];
  if (!m) return null;
  const rows = await client.query(
    `SELECT * FROM tbl_sryact WHERE hospnum = 1 AND nyugaikbn = '2' AND ptid = $1 AND sryym = $2 AND zainum = $3 ORDER BY rennum`,
    [ptid, sryym, m.zainum],
  );
  const comments = await client.query(
    'SELECT srycd, rennum, inputcoment FROM tbl_ptcom WHERE hospnum = 1 AND ptid = $1 AND zainum = $2',
    [ptid, m.zainum],
  );
  const codes: [string, number, number][] = [];
  let comment: { srycd: string; text: string } | undefined;
  for (const row of rows.rows) {
    for (let i = 1; i <= 5; i++) {
      const srycd = String(row[`srycd${i}`] ?? '').trim();
      if (srycd === '') break;
      const text = comments.rows.find(
        (c) => c.srycd.trim() === srycd && Number(c.rennum) === Number(row[`inputnum${i}`]),
      );
      if (text) comment = { srycd, text: text.inputcoment ?? '' };
      else codes.push([srycd, Number(row[`srysuryo${i}`]), Number(row[`srykaisu${i}`])]);
    }
  }
  const kaisu = Math.max(...Array.from({ length: 31 }, (_, i) => Number(m[`day_${i + 1}`])));
  const first = rows.rows[0] ?? {};
  const zai: ZaiTemplate = {
    srykbn: String(m.srykbn).trim(),
    srysyukbn: String(first.srysyukbn ?? '').trim(),
    codes,
    zaikaisu: kaisu,
    ...(comment ? { comment } : {}),
    ...(String(m.zaireqflg).trim() === '1' ? { plus: true } : {}),
    ...(String(m.jihokbn).trim() === '1' ? { contkbn: 'H' as const } : {}),
  };
  return { sryka: String(m.sryka).trim(), hkncombi: Number(m.hkncombi), zai };
}
