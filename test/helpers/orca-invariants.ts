/**
 * ORCA's data rules as SQL checks, shared by the lab generator and simulator tests. Each function returns
 * the offending rows (empty = the rule holds), so a failing test shows what broke.
 */
import type pg from 'pg';

const ZAINUM_REFS = Array.from({ length: 15 }, (_, i) => `j.zainum${i + 1}`).join(', ');
const DAY_COLUMNS = Array.from({ length: 31 }, (_, i) => `m.day_${i + 1}`).join(', ');

/** Each 剤's day_N equals the number of visit rows on day N of its month that reference it. */
export async function dayCountMismatches(client: pg.Client): Promise<unknown[]> {
  const result = await client.query(`
    WITH refs AS (
      SELECT j.ptid, z.zainum, substr(j.sryymd, 1, 6) AS sryym, substr(j.sryymd, 7, 2)::int AS day, count(*)::int AS n
        FROM tbl_jyurrk j CROSS JOIN LATERAL unnest(ARRAY[${ZAINUM_REFS}]) AS z(zainum)
       WHERE COALESCE(z.zainum, 0) <> 0
       GROUP BY 1, 2, 3, 4),
    days AS (
      SELECT m.ptid, m.zainum, m.sryym, d.day::int AS day, d.n::int AS n
        FROM tbl_sryacct_main m CROSS JOIN LATERAL unnest(ARRAY[${DAY_COLUMNS}]) WITH ORDINALITY AS d(n, day)
       WHERE d.n <> 0)
    SELECT * FROM refs FULL JOIN days USING (ptid, zainum, sryym, day)
     WHERE refs.n IS DISTINCT FROM days.n LIMIT 20`);
  return result.rows;
}

/** Every non-zero jyurrk zainumN points to a sryacct_main row of the same patient, department and month. */
export async function danglingZaiReferences(client: pg.Client): Promise<unknown[]> {
  const result = await client.query(`
    SELECT j.ptid, j.sryka, j.sryymd, z.zainum
      FROM tbl_jyurrk j CROSS JOIN LATERAL unnest(ARRAY[${ZAINUM_REFS}]) AS z(zainum)
     WHERE COALESCE(z.zainum, 0) <> 0 AND NOT EXISTS (
       SELECT 1 FROM tbl_sryacct_main m
        WHERE m.hospnum = j.hospnum AND m.ptid = j.ptid AND m.zainum = z.zainum AND m.nyugaikbn = j.nyugaikbn
          AND m.sryka = j.sryka AND m.sryym = substr(j.sryymd, 1, 6))
     LIMIT 20`);
  return result.rows;
}

/** Every 剤 month row has its tbl_sryact rows (rennum 1..rennummax). */
export async function zaiWithoutCodes(client: pg.Client): Promise<unknown[]> {
  const result = await client.query(`
    SELECT m.ptid, m.zainum, m.rennummax, count(a.*) AS rows
      FROM tbl_sryacct_main m LEFT JOIN tbl_sryact a
        ON a.hospnum = m.hospnum AND a.nyugaikbn = m.nyugaikbn AND a.ptid = m.ptid AND a.sryka = m.sryka
       AND a.sryym = m.sryym AND a.zainum = m.zainum
     GROUP BY 1, 2, 3 HAVING count(a.*) <> m.rennummax OR count(a.*) = 0 LIMIT 20`);
  return result.rows;
}

/** No zainum (in any 剤 table) above the patient's maxzainum. */
export async function zainumsAboveMax(client: pg.Client): Promise<unknown[]> {
  const result = await client.query(`
    SELECT t.source, t.ptid, t.zainum, p.maxzainum FROM (
        SELECT 'main' AS source, ptid, zainum FROM tbl_sryacct_main
        UNION ALL SELECT 'sryact', ptid, zainum FROM tbl_sryact
        UNION ALL SELECT 'ptcom', ptid, zainum FROM tbl_ptcom) t
      LEFT JOIN tbl_ptinf p ON p.hospnum = 1 AND p.ptid = t.ptid
     WHERE p.ptid IS NULL OR t.zainum > p.maxzainum LIMIT 20`);
  return result.rows;
}

/** The largest numbers actually issued: slips (jyurrk and 収納), patient ids and patient-number serials. */
export async function issuedMaxima(client: pg.Client): Promise<{ slip: number; ptid: number; serial: number }> {
  const result = await client.query<{ slip: string | null; ptid: string | null; serial: string | null }>(`
    SELECT (SELECT GREATEST(MAX(j.denpnum), (SELECT MAX(denpnum) FROM tbl_syunou_main)) FROM tbl_jyurrk j) AS slip,
           (SELECT MAX(ptid) FROM tbl_ptinf) AS ptid,
           (SELECT MAX(trim(ptnum)::bigint) FROM tbl_ptnum) AS serial`);
  const row = result.rows[0];
  return { slip: Number(row?.slip ?? 0), ptid: Number(row?.ptid ?? 0), serial: Number(row?.serial ?? 0) };
}

/** Visits per (patient, department, day) numbered 1..n; the same for diseases per start date. */
export async function rennumGaps(client: pg.Client): Promise<unknown[]> {
  const result = await client.query(`
    SELECT 'jyurrk' AS source, ptid, sryka, sryymd, array_agg(DISTINCT rennum ORDER BY rennum) AS rennums
      FROM tbl_jyurrk GROUP BY ptid, sryka, sryymd HAVING MAX(rennum) <> count(DISTINCT rennum) OR MAX(rennum) > 9
    UNION ALL
    SELECT 'ptbyomei', ptid, sryka, sryymd, array_agg(rennum ORDER BY rennum)
      FROM tbl_ptbyomei GROUP BY ptid, sryka, sryymd HAVING MAX(rennum) <> count(*)
    LIMIT 20`);
  return result.rows;
}

/** Slip numbers are unique, and every visit's slip has its 収納 row. */
export async function slipProblems(client: pg.Client): Promise<unknown[]> {
  const result = await client.query(`
    SELECT 'duplicate' AS problem, denpnum FROM tbl_jyurrk GROUP BY denpnum HAVING count(DISTINCT (ptid, sryka, sryymd, rennum)) > 1
    UNION ALL
    SELECT 'no syunou', j.denpnum FROM tbl_jyurrk j
     WHERE NOT EXISTS (SELECT 1 FROM tbl_syunou_main s WHERE s.hospnum = j.hospnum AND s.nyugaikbn = j.nyugaikbn AND s.ptid = j.ptid AND s.denpnum = j.denpnum)
    LIMIT 20`);
  return result.rows;
}

/** md5 of each table's rows in a stable order, for comparing two databases. */
export async function tableHashes(client: pg.Client, tables: readonly string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const result = await client.query<{ hash: string | null }>(
      `SELECT md5(string_agg(t::text, E'\\n' ORDER BY t::text)) AS hash FROM ${table} t`,
    );
    out[table] = result.rows[0]?.hash ?? 'empty';
  }
  return out;
}
