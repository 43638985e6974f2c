/**
 * Saving and removing one 剤 of a visit over SQL, as ORCA's outpatient save does (ORCA-DATA.md §4.1):
 * look for an identical 剤 of the patient in the month (ORCSCZAICHK's columns, then the codes and the
 * comment) and raise its day count, or take `tbl_ptinf.maxzainum + 1` (row locked) and insert the 剤.
 * Call inside a transaction.
 */
import type pg from 'pg';
import type { ZaiTemplate } from './clinic-catalog.js';
import { insertRows } from './bulk-insert.js';
import {
  HOSPNUM,
  OUTPATIENT,
  ptcomRows,
  sryacctMainRow,
  sryacctplusRows,
  sryacctSubRow,
  sryactRows,
  zaiFromRows,
  zaiKey,
  zaiTotals,
  type Audit,
  type Row,
  type ZaiScope,
} from './zai.js';

const dayColumn = (day: number): string => {
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new RangeError(`day ${day}`);
  return `day_${day}`;
};

/** The zainum of an identical 剤 of this patient in the month, or null. Locks the candidate rows. */
export async function findIdenticalZai(client: pg.Client, zai: ZaiTemplate, scope: ZaiScope): Promise<number | null> {
  const totals = zaiTotals(zai);
  const candidates = await client.query<{ zainum: number; zaikaisu: number }>(
    `SELECT zainum, zaikaisu FROM tbl_sryacct_main
      WHERE hospnum = $1 AND nyugaikbn = $2 AND ptid = $3 AND sryka = $4 AND sryym = $5 AND srykbn = $6
        AND srysyukbn = $7 AND hkncombi = $8 AND srycdtotal = $9 AND zaiten = $10 AND meisaisu = $11
        AND suryoutotal = round($12::numeric, 5) AND zaikaisu = $13
      ORDER BY zainum FOR UPDATE`,
    [
      HOSPNUM,
      OUTPATIENT,
      scope.ptid,
      scope.sryka,
      scope.sryym,
      zai.srykbn,
      zai.srysyukbn,
      scope.hkncombi,
      totals.srycdtotal,
      totals.zaiten,
      totals.meisaisu,
      totals.suryoutotal,
      totals.zaikaisu,
    ],
  );
  const wanted = zaiKey(zai, scope);
  for (const candidate of candidates.rows) {
    const stored = await loadZai(client, scope, candidate.zainum, candidate.zaikaisu);
    if (stored && zaiKey(stored, scope) === wanted) return candidate.zainum;
  }
  return null;
}

/** Rebuilds a stored 剤 from its sryact rows and comment (null when it has no sryact rows). */
export async function loadZai(
  client: pg.Client,
  scope: Pick<ZaiScope, 'ptid' | 'sryka' | 'sryym'>,
  zainum: number,
  zaikaisu: number,
): Promise<ZaiTemplate | null> {
  const rows = await client.query<Row>(
    `SELECT * FROM tbl_sryact WHERE hospnum = $1 AND nyugaikbn = $2 AND ptid = $3 AND sryka = $4 AND sryym = $5 AND zainum = $6
      ORDER BY rennum`,
    [HOSPNUM, OUTPATIENT, scope.ptid, scope.sryka, scope.sryym, zainum],
  );
  if (rows.rows.length === 0) return null;
  const comment = await client.query<{ srycd: string; inputcoment: string | null }>(
    `SELECT srycd, inputcoment FROM tbl_ptcom WHERE hospnum = $1 AND ptid = $2 AND zainum = $3 ORDER BY srycd, rennum LIMIT 1`,
    [HOSPNUM, scope.ptid, zainum],
  );
  const first = comment.rows[0];
  return zaiFromRows(rows.rows, first ? { srycd: first.srycd.trim(), text: first.inputcoment ?? '' } : null, zaikaisu);
}

/** Saves the 剤 for day `day` of the month; returns its zainum and whether it was reused. */
export async function saveZaiSql(
  client: pg.Client,
  zai: ZaiTemplate,
  scope: ZaiScope,
  day: number,
  audit: Audit,
): Promise<{ zainum: number; reused: boolean }> {
  const column = dayColumn(day);
  const found = await findIdenticalZai(client, zai, scope);
  if (found !== null) {
    const updated = await client.query<{ count: number }>(
      `UPDATE tbl_sryacct_main SET ${column} = ${column} + 1, upymd = $4, uphms = $5, opid = $6
        WHERE hospnum = $1 AND ptid = $2 AND zainum = $3 RETURNING ${column} AS count`,
      [HOSPNUM, scope.ptid, found, audit.ymd, audit.hms, audit.opid],
    );
    const nth = updated.rows[0]?.count ?? 1;
    if (nth >= 2 && nth <= 9) await insertRows(client, 'tbl_sryacct_sub', [sryacctSubRow(scope.ptid, found, nth, day)]);
    return { zainum: found, reused: true };
  }
  const raised = await client.query<{ maxzainum: number }>(
    `UPDATE tbl_ptinf SET maxzainum = COALESCE(maxzainum, 0) + 1 WHERE hospnum = $1 AND ptid = $2 RETURNING maxzainum`,
    [HOSPNUM, scope.ptid],
  );
  const zainum = raised.rows[0]?.maxzainum;
  if (zainum === undefined) throw new Error(`patient ${scope.ptid} not found`);
  const days = new Array<number>(31).fill(0);
  days[day - 1] = 1;
  await insertRows(client, 'tbl_sryact', sryactRows(zai, scope, zainum, audit));
  await insertRows(client, 'tbl_sryacct_main', [sryacctMainRow(zai, scope, zainum, days, audit)]);
  await insertRows(client, 'tbl_ptcom', ptcomRows(zai, scope.ptid, zainum, audit));
  await insertRows(client, 'tbl_sryacctplus', sryacctplusRows(zai, scope, zainum, audit));
  return { zainum, reused: false };
}

/**
 * Takes one day's use of a 剤 back (a correction removes the visit's old 剤): lowers `day_N`, drops the
 * matching sub cell, and deletes the 剤's rows when no day uses it any more. `maxzainum` never goes down.
 */
export async function releaseZaiDay(
  client: pg.Client,
  scope: Pick<ZaiScope, 'ptid' | 'sryka' | 'sryym'>,
  zainum: number,
  day: number,
  audit: Audit,
): Promise<void> {
  const column = dayColumn(day);
  const updated = await client.query<Row>(
    `UPDATE tbl_sryacct_main SET ${column} = GREATEST(${column} - 1, 0), upymd = $3, uphms = $4
      WHERE hospnum = $1 AND ptid = $2 AND zainum = $5 RETURNING *`,
    [HOSPNUM, scope.ptid, audit.ymd, audit.hms, zainum],
  );
  const row = updated.rows[0];
  if (!row) return;
  const left = Number(row[column]);
  await client.query(
    'DELETE FROM tbl_sryacct_sub WHERE hospnum = $1 AND ptid = $2 AND zainum = $3 AND date_hi = $4 AND rennum > $5',
    [HOSPNUM, scope.ptid, zainum, day, left],
  );
  const stillUsed = Array.from({ length: 31 }, (_, i) => Number(row[`day_${i + 1}`])).some((count) => count > 0);
  if (stillUsed) return;
  const key = [HOSPNUM, scope.ptid, zainum];
  await client.query('DELETE FROM tbl_sryacct_main WHERE hospnum = $1 AND ptid = $2 AND zainum = $3', key);
  await client.query('DELETE FROM tbl_sryacct_sub WHERE hospnum = $1 AND ptid = $2 AND zainum = $3', key);
  await client.query('DELETE FROM tbl_ptcom WHERE hospnum = $1 AND ptid = $2 AND zainum = $3', key);
  const scoped = [HOSPNUM, OUTPATIENT, scope.ptid, scope.sryka, scope.sryym, zainum];
  await client.query(
    'DELETE FROM tbl_sryact WHERE hospnum = $1 AND nyugaikbn = $2 AND ptid = $3 AND sryka = $4 AND sryym = $5 AND zainum = $6',
    scoped,
  );
  await client.query(
    'DELETE FROM tbl_sryacctplus WHERE hospnum = $1 AND nyugaikbn = $2 AND ptid = $3 AND sryka = $4 AND sryym = $5 AND zainum = $6',
    scoped,
  );
}
