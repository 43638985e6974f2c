/**
 * One outpatient visit saved over SQL the way ORCA writes it, and its correction (訂正). Each function
 * runs inside the caller's transaction and takes the 管理連番 rows with `FOR UPDATE` only when it issues
 * a slip number.
 */
import type pg from 'pg';
import { UsageError } from '../../core/errors.js';
import type { Condition, ZaiTemplate } from './clinic-catalog.js';
import { insertRows } from './bulk-insert.js';
import { issueSlip, lockCounters, writeCounters } from './counters.js';
import { dayOfMonth } from './dates.js';
import { jyurrkRow, ptbyomeiRow, syunouRow, type VisitRecord } from './rows.js';
import { loadZai, releaseZaiDay, saveZaiSql } from './zai-sql.js';
import { HOSPNUM, OUTPATIENT, zaiKey, zaiPoints, type Audit, type Row, type ZaiScope } from './zai.js';

export interface VisitInput {
  ptid: number;
  patientNumber: string;
  sryka: string;
  sryymd: string;
  drcd: string;
  hkncombi: number;
  rate: number;
  zais: ZaiTemplate[];
  /** Diseases diagnosed at this visit (start date = the visit date). */
  diseases: { condition: Condition; acute: boolean }[];
}

export interface SavedVisit {
  ptid: number;
  sryka: string;
  sryymd: string;
  rennum: number;
  kaikeiRennum: number;
  denpnum: number;
  zainums: number[];
  /** The zainums that were an identical 剤 already in the month (day count raised). */
  reusedZainums: number[];
}

/** Saves a visit: rennum = max + 1 for the day (at most 9), a new slip from 0041, 剤, slip row, diseases. */
export async function saveVisitSql(client: pg.Client, input: VisitInput, audit: Audit): Promise<SavedVisit> {
  const rennum = await nextVisitRennum(client, input);
  const counters = await lockCounters(client, input.sryymd);
  const denpnum = issueSlip(counters);
  await writeCounters(client, counters, audit);
  const saved = await writeVisitRows(client, input, { rennum, kaikeiRennum: 1, denpnum }, audit);
  for (const [index, { condition, acute }] of input.diseases.entries()) {
    const next = await client.query<{ rennum: number }>(
      `SELECT COALESCE(MAX(rennum), 0) + 1 AS rennum FROM tbl_ptbyomei WHERE hospnum = $1 AND ptid = $2 AND sryka = $3 AND sryymd = $4`,
      [HOSPNUM, input.ptid, input.sryka, input.sryymd],
    );
    await insertRows(client, 'tbl_ptbyomei', [
      ptbyomeiRow(
        {
          ptid: input.ptid,
          sryka: input.sryka,
          sryymd: input.sryymd,
          rennum: next.rows[0]?.rennum ?? 1,
          disease: condition.disease,
          hkncombi: input.hkncombi,
          main: index === 0 && !acute,
          cured: null,
        },
        audit,
      ),
    ]);
  }
  await touchDepartmentHistory(client, input.ptid, input.sryka, input.sryymd, audit);
  return saved;
}

async function nextVisitRennum(client: pg.Client, input: VisitInput): Promise<number> {
  const result = await client.query<{ rennum: number }>(
    `SELECT COALESCE(MAX(rennum), 0) + 1 AS rennum FROM tbl_jyurrk
      WHERE hospnum = $1 AND ptid = $2 AND nyugaikbn = $3 AND sryka = $4 AND sryymd = $5`,
    [HOSPNUM, input.ptid, OUTPATIENT, input.sryka, input.sryymd],
  );
  const rennum = result.rows[0]?.rennum ?? 1;
  if (rennum > 9) {
    throw new UsageError({
      key: 'lab.data.tooManyVisits',
      params: { patient: input.patientNumber, department: input.sryka, date: input.sryymd },
      hintKey: 'lab.data.tooManyVisits.hint',
    });
  }
  return rennum;
}

async function writeVisitRows(
  client: pg.Client,
  input: VisitInput,
  numbers: { rennum: number; kaikeiRennum: number; denpnum: number },
  audit: Audit,
): Promise<SavedVisit> {
  const scope: ZaiScope = {
    ptid: input.ptid,
    sryka: input.sryka,
    sryym: input.sryymd.slice(0, 6),
    hkncombi: input.hkncombi,
    drcd: input.drcd,
  };
  const zais: { srykbn: string; zainum: number }[] = [];
  const reused: number[] = [];
  for (const zai of input.zais) {
    const result = await saveZaiSql(client, zai, scope, dayOfMonth(input.sryymd), audit);
    zais.push({ srykbn: zai.srykbn, zainum: result.zainum });
    if (result.reused) reused.push(result.zainum);
  }
  const record: VisitRecord = {
    ptid: input.ptid,
    sryka: input.sryka,
    sryymd: input.sryymd,
    rennum: numbers.rennum,
    kaikeiRennum: numbers.kaikeiRennum,
    drcd: input.drcd,
    hkncombinum: input.hkncombi,
    denpnum: numbers.denpnum,
    zais,
  };
  await insertRows(client, 'tbl_jyurrk', [jyurrkRow(record, audit)]);
  const points = input.zais.reduce((sum, zai) => sum + zaiPoints(zai), 0);
  const slip = syunouRow(record, points, input.rate, audit);
  await client.query(
    'DELETE FROM tbl_syunou_main WHERE hospnum = $1 AND nyugaikbn = $2 AND ptid = $3 AND denpnum = $4',
    [HOSPNUM, OUTPATIENT, input.ptid, numbers.denpnum],
  );
  await insertRows(client, 'tbl_syunou_main', [slip]);
  return {
    ptid: input.ptid,
    sryka: input.sryka,
    sryymd: input.sryymd,
    rennum: numbers.rennum,
    kaikeiRennum: numbers.kaikeiRennum,
    denpnum: numbers.denpnum,
    zainums: zais.map((z) => z.zainum),
    reusedZainums: reused,
  };
}

async function touchDepartmentHistory(
  client: pg.Client,
  ptid: number,
  sryka: string,
  ymd: string,
  audit: Audit,
): Promise<void> {
  const updated = await client.query(
    `UPDATE tbl_srykarrk SET lastymd = GREATEST(lastymd, $4), upymd = $5, uphms = $6 WHERE hospnum = $1 AND ptid = $2 AND sryka = $3`,
    [HOSPNUM, ptid, sryka, ymd, audit.ymd, audit.hms],
  );
  if (updated.rowCount) return;
  await client.query(
    `INSERT INTO tbl_srykarrk (hospnum, ptid, sryka, syosinymd1, lastymd, termid, opid, creymd, upymd, uphms)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $7, $8)`,
    [HOSPNUM, ptid, sryka, ymd, audit.termid, audit.opid, audit.ymd, audit.hms],
  );
}

/**
 * 訂正: the visit's jyurrk rows are deleted and re-inserted with `kaikei_rennum + 1` and the corrected 剤
 * (its old 剤 plus the first of `additions` it lacks), under the same slip number. The old 剤 give their
 * day back first.
 */
export async function correctVisitSql(
  client: pg.Client,
  visit: SavedVisit,
  input: VisitInput,
  additions: readonly ZaiTemplate[],
  audit: Audit,
): Promise<SavedVisit> {
  const current = await client.query<Row>(
    `SELECT * FROM tbl_jyurrk WHERE hospnum = $1 AND ptid = $2 AND nyugaikbn = $3 AND sryka = $4 AND sryymd = $5 AND rennum = $6
      ORDER BY kaikei_rennum DESC, edanum FOR UPDATE`,
    [HOSPNUM, visit.ptid, OUTPATIENT, visit.sryka, visit.sryymd, visit.rennum],
  );
  const latest = current.rows[0];
  if (!latest) throw new Error(`visit ${visit.ptid}/${visit.sryka}/${visit.sryymd}/${visit.rennum} not found`);
  const kaikeiRennum = Number(latest.kaikei_rennum);
  const scope = { ptid: visit.ptid, sryka: visit.sryka, sryym: visit.sryymd.slice(0, 6) };
  const oldZais: ZaiTemplate[] = [];
  for (const row of current.rows.filter((r) => Number(r.kaikei_rennum) === kaikeiRennum)) {
    for (let i = 1; i <= 15; i += 1) {
      const zainum = Number(row[`zainum${i}`] ?? 0);
      if (zainum === 0) continue;
      const main = await client.query<{ zaikaisu: number }>(
        'SELECT zaikaisu FROM tbl_sryacct_main WHERE hospnum = $1 AND ptid = $2 AND zainum = $3',
        [HOSPNUM, visit.ptid, zainum],
      );
      const zai = await loadZai(client, scope, zainum, Number(main.rows[0]?.zaikaisu ?? 1));
      if (zai) oldZais.push(zai);
      await releaseZaiDay(client, scope, zainum, dayOfMonth(visit.sryymd), audit);
    }
  }
  await client.query(
    `DELETE FROM tbl_jyurrk WHERE hospnum = $1 AND ptid = $2 AND nyugaikbn = $3 AND sryka = $4 AND sryymd = $5 AND rennum = $6`,
    [HOSPNUM, visit.ptid, OUTPATIENT, visit.sryka, visit.sryymd, visit.rennum],
  );
  const scopeKey = { sryka: visit.sryka, sryym: scope.sryym, hkncombi: input.hkncombi };
  const present = new Set(oldZais.map((zai) => zaiKey(zai, scopeKey)));
  const added = additions.find((zai) => !present.has(zaiKey(zai, scopeKey)));
  const zais = added ? [...oldZais, added] : oldZais;
  return writeVisitRows(
    client,
    { ...input, zais },
    { rennum: visit.rennum, kaikeiRennum: kaikeiRennum + 1, denpnum: visit.denpnum },
    audit,
  );
}
