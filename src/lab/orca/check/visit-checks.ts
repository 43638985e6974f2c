/**
 * ORCA's own consistency of visits and 剤, as SQL that returns offending rows (empty = the rule holds).
 * The day-table rules follow ORCSCGAIRAI `45014`/`450140` and ORCDBACCT: a visit with 同日連番 r on day d
 * counts in table r + 1 — table 2 is `day_d` minus the day's sub rows, tables 3…10 are sub rows.
 */
export interface Check {
  name: string;
  rule: string;
  source: string;
  sql: string;
}

const SLOTS = Array.from({ length: 15 }, (_, i) => `j.zainum${i + 1}`).join(', ');
const DAYS = Array.from({ length: 31 }, (_, i) => `m.day_${i + 1}`).join(', ');
const REFS = `SELECT DISTINCT j.ptid, j.nyugaikbn, j.sryka, substr(j.sryymd, 1, 6) AS sryym,
    substr(j.sryymd, 7, 2)::int AS day, j.rennum::int AS rennum, z.zainum, true AS referenced
  FROM tbl_jyurrk j CROSS JOIN LATERAL unnest(ARRAY[${SLOTS}]) AS z(zainum) WHERE COALESCE(z.zainum, 0) <> 0`;
const CELLS = `WITH subsum AS (
      SELECT hospnum, ptid, zainum, date_hi, sum(day_cnt) AS n FROM tbl_sryacct_sub GROUP BY hospnum, ptid, zainum, date_hi)
  SELECT m.ptid, m.nyugaikbn, m.sryka, m.sryym, d.day::int AS day, 1 AS rennum, m.zainum, d.n - COALESCE(s.n, 0) AS n
    FROM tbl_sryacct_main m CROSS JOIN LATERAL unnest(ARRAY[${DAYS}]) WITH ORDINALITY AS d(n, day)
    LEFT JOIN subsum s ON s.hospnum = m.hospnum AND s.ptid = m.ptid AND s.zainum = m.zainum AND s.date_hi = d.day
   WHERE d.n <> 0
  UNION ALL
  SELECT m.ptid, m.nyugaikbn, m.sryka, m.sryym, s.date_hi::int, s.rennum::int, m.zainum, s.day_cnt
    FROM tbl_sryacct_sub s JOIN tbl_sryacct_main m ON m.hospnum = s.hospnum AND m.ptid = s.ptid AND m.zainum = s.zainum`;

export const VISIT_CHECKS: readonly Check[] = [
  {
    name: 'visit-zai-exists',
    rule: "every visit's zainumN has a tbl_sryacct_main row of its patient, 入外, department and month",
    source: 'ORCSCGAIRAI 45001-JYURRK-SYORI2-SEC; ORAPI021R1V2 20034-ZAISET-HEN-SEC (path key5)',
    sql: `SELECT r.* FROM (${REFS}) r WHERE NOT EXISTS (SELECT 1 FROM tbl_sryacct_main m
            WHERE m.ptid = r.ptid AND m.zainum = r.zainum AND m.nyugaikbn = r.nyugaikbn AND m.sryka = r.sryka AND m.sryym = r.sryym)`,
  },
  {
    name: 'day-counts-match-visits',
    rule: 'a visit (rennum r, day d) counts its 剤 in table r + 1 of that day, and every non-zero count belongs to a visit',
    source: 'ORCSCGAIRAI 45014-SRYACCT-HEN-SEC; ORCDBACCT 2001-SRYACCTM-FET-SEC, 2001-SRYACCTS-INS-SEC',
    sql: `SELECT * FROM (${REFS}) r FULL JOIN (SELECT *, true AS counted FROM (${CELLS}) c WHERE c.n > 0) c
            USING (ptid, nyugaikbn, sryka, sryym, day, rennum, zainum)
           WHERE r.referenced IS NULL OR c.counted IS NULL`,
  },
  {
    name: 'zaikaisu-is-month-total',
    rule: 'zaikaisu = Σ day_N of the month',
    source: 'ORCSCGAIRAI 450140-ZAIKAISU-HEN-SEC',
    sql: `SELECT m.ptid, m.zainum, m.zaikaisu, t.total FROM tbl_sryacct_main m
           CROSS JOIN LATERAL (SELECT COALESCE(sum(n), 0) AS total FROM unnest(ARRAY[${DAYS}]) n WHERE n > 0) t
           WHERE m.zaikaisu IS DISTINCT FROM t.total`,
  },
  {
    name: 'sub-rows',
    rule: 'sub rows hold only the 2nd…9th visit of a day with a positive count not above day_N; rennummax = highest sub rennum',
    source: 'ORCDBACCT 2001-SRYACCTS-INS-SEC, 2001-SRYACCTM-UPD-SEC',
    sql: `SELECT 'cell' AS problem, s.ptid, s.zainum, s.rennum, s.date_hi FROM tbl_sryacct_sub s
           WHERE s.rennum NOT BETWEEN 2 AND 9 OR s.day_cnt <= 0 OR NOT EXISTS (SELECT 1 FROM tbl_sryacct_main m
             WHERE m.hospnum = s.hospnum AND m.ptid = s.ptid AND m.zainum = s.zainum)
          UNION ALL
          SELECT 'rennummax', m.ptid, m.zainum, m.rennummax, NULL FROM tbl_sryacct_main m
           WHERE m.rennummax <> COALESCE((SELECT max(s.rennum) FROM tbl_sryacct_sub s
                                           WHERE s.hospnum = m.hospnum AND s.ptid = m.ptid AND s.zainum = m.zainum), 0)`,
  },
  {
    name: 'maxzainum-covers-zainums',
    rule: 'tbl_ptinf.maxzainum ≥ every zainum of the patient (剤 rows and visit references)',
    source: 'ORCSCGAIRAI 45013-ZAINUM-SET-SEC',
    sql: `WITH used AS (
            SELECT ptid, max(zainum) AS zainum FROM (
                SELECT ptid, zainum FROM tbl_sryacct_main
                UNION ALL SELECT ptid, zainum FROM tbl_sryact
                UNION ALL SELECT ptid, zainum FROM tbl_ptcom
                UNION ALL SELECT ptid, zainum FROM tbl_sryacctplus
                UNION ALL SELECT ptid, GREATEST(${SLOTS.replaceAll('j.', '')}) FROM tbl_jyurrk) t
             GROUP BY ptid)
          SELECT u.ptid, u.zainum, p.maxzainum FROM used u LEFT JOIN tbl_ptinf p ON p.hospnum = 1 AND p.ptid = u.ptid
           WHERE p.ptid IS NULL OR u.zainum > p.maxzainum`,
  },
  {
    name: 'sryact-belongs-to-zai',
    rule: 'every tbl_sryact row belongs to a 剤 (its tbl_sryacct_main row), and every 剤 has rows 1…n',
    source: 'ORCSCGAIRAI 4501-SRYACT-SYORI-SEC; 45001121-ZAINUM-DELETE-SEC',
    sql: `SELECT 'orphan' AS problem, a.ptid, a.zainum, a.rennum FROM tbl_sryact a WHERE NOT EXISTS (
              SELECT 1 FROM tbl_sryacct_main m WHERE m.hospnum = a.hospnum AND m.nyugaikbn = a.nyugaikbn AND m.ptid = a.ptid
                 AND m.sryka = a.sryka AND m.sryym = a.sryym AND m.zainum = a.zainum)
          UNION ALL
          SELECT 'rows', m.ptid, m.zainum, count(a.*) FROM tbl_sryacct_main m LEFT JOIN tbl_sryact a
              ON a.hospnum = m.hospnum AND a.nyugaikbn = m.nyugaikbn AND a.ptid = m.ptid AND a.sryka = m.sryka
             AND a.sryym = m.sryym AND a.zainum = m.zainum
           GROUP BY m.ptid, m.zainum HAVING count(a.*) = 0 OR max(a.rennum) <> count(a.*)`,
  },
  {
    name: 'ptcom-matches-inputnum',
    rule: 'each tbl_ptcom row is the comment of a tbl_sryact cell with that code and inputnum = its rennum',
    source: 'ORCSCGAIRAI 45011-PTCOM-SYROI-SEC; ORCSCZAICHK 1002-SRYACCT-CHK-SEC',
    sql: `WITH cells AS (
            SELECT a.hospnum, a.ptid, a.zainum, cell.srycd, cell.inputnum FROM tbl_sryact a
             CROSS JOIN LATERAL (VALUES (a.srycd1, a.inputnum1), (a.srycd2, a.inputnum2), (a.srycd3, a.inputnum3),
                                        (a.srycd4, a.inputnum4), (a.srycd5, a.inputnum5)) AS cell(srycd, inputnum)
             WHERE cell.inputnum > 0)
          SELECT c.ptid, c.zainum, c.srycd, c.rennum, x.inputnum FROM tbl_ptcom c FULL JOIN cells x
              ON x.hospnum = c.hospnum AND x.ptid = c.ptid AND x.zainum = c.zainum AND x.srycd = c.srycd AND x.inputnum = c.rennum
           WHERE c.ptid IS NULL OR x.ptid IS NULL`,
  },
  {
    name: 'visit-numbering',
    rule: 'an outpatient department-day numbers its visits 1…n (at most 9), each visit its rows edanum 1…k',
    source: 'ORCSCGAIRAI 1003-JYURRK-SYORI1-SEC, 45001-JYURRK-SYORI2-SEC (rennum 9(01))',
    sql: `SELECT 'rennum' AS problem, ptid, sryka, sryymd, array_agg(DISTINCT rennum ORDER BY rennum)::text AS seen
            FROM tbl_jyurrk WHERE nyugaikbn = '2' GROUP BY ptid, sryka, sryymd
          HAVING max(rennum) <> count(DISTINCT rennum) OR max(rennum) > 9
          UNION ALL
          SELECT 'edanum', ptid, sryka, sryymd, array_agg(edanum ORDER BY edanum)::text
            FROM tbl_jyurrk GROUP BY ptid, nyugaikbn, sryka, sryymd, rennum, douji_rennum, kaikei_rennum
          HAVING max(edanum) <> count(*)`,
  },
  {
    name: 'disease-numbering',
    rule: 'diseases of a department and start date are numbered 1…n',
    source: 'ORCGC02 3201-BYOMEI-COPY-KOUSIN-SEC (path key7)',
    sql: `SELECT ptid, sryka, sryymd, array_agg(rennum ORDER BY rennum)::text AS seen FROM tbl_ptbyomei
           GROUP BY ptid, sryka, sryymd HAVING max(rennum) <> count(*)`,
  },
];
