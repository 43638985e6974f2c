/**
 * Numbers ORCA issues from counters: no slip number used twice, every slip's 収納 where ORCA writes one,
 * and every number issued at most the counter it came from (0041, 0042, 1009, the day's 受付 control row,
 * the per-patient 保険ID / 公費ID / 保険組合せ counters of `tbl_ptnum`).
 */
import type { Check } from './visit-checks.js';

export const NUMBER_CHECKS: readonly Check[] = [
  {
    name: 'slip-used-once',
    rule: 'a slip number belongs to one patient and one (day, insurance, department) visit',
    source: 'ORCSCGAIRAI 45001-DENPNUM-SET-SEC, 1002-SYUNOU-OUT-SEC',
    sql: `SELECT 'jyurrk' AS source, denpnum, count(DISTINCT (ptid, sryymd, hkncombinum, sryka)) AS uses FROM tbl_jyurrk
           WHERE nyugaikbn = '2' GROUP BY denpnum HAVING count(DISTINCT (ptid, sryymd, hkncombinum, sryka)) > 1
          UNION ALL
          SELECT 'syunou', denpnum, count(DISTINCT ptid) FROM tbl_syunou_main GROUP BY nyugaikbn, denpnum
          HAVING count(DISTINCT ptid) > 1`,
  },
  {
    name: 'slip-has-syunou',
    rule: "an outpatient visit's slip has its 収納 row, except a 包括 ('9999') pair, which has none",
    source: 'ORCSCGAIRAI 1002-SYUNOU-OUT-SEC, 10021-SYUNOU-SYORI-SEC',
    sql: `SELECT j.ptid, j.denpnum, j.hkncombinum FROM tbl_jyurrk j
           WHERE j.nyugaikbn = '2' AND j.edanum = 1
             AND (j.hkncombinum <> '9999') <> EXISTS (SELECT 1 FROM tbl_syunou_main s
                   WHERE s.hospnum = j.hospnum AND s.nyugaikbn = '2' AND s.ptid = j.ptid AND s.denpnum = j.denpnum)`,
  },
  {
    name: 'issued-within-counters',
    rule: 'every slip, patient id and patient serial issued is at most its counter',
    source: 'ORCSCGAIRAI 45001-DENPNUM-SET-SEC; ORCGI04 4801-DENPNUM-SET-SEC; ORCSP01; ORCGP029 280-PTNUM-SYORI-SEC',
    sql: `WITH k AS (SELECT kanricd, rpad(kanritbl, 42) AS t FROM tbl_syskanri
                     WHERE hospnum = 1 AND kbncd = '*' AND styukymd <= to_char(now(), 'YYYYMMDD') AND edyukymd >= to_char(now(), 'YYYYMMDD')),
          c AS (SELECT (SELECT COALESCE(NULLIF(trim(substr(t, 1, 8)), ''), '0')::bigint FROM k WHERE kanricd = '0041') AS slip,
                       (SELECT COALESCE(NULLIF(trim(substr(t, 1, 8)), ''), '0')::bigint FROM k WHERE kanricd = '0042') AS inslip,
                       (SELECT COALESCE(NULLIF(trim(substr(t, 21, 10)), ''), '0')::bigint FROM k WHERE kanricd = '1009') AS serial,
                       (SELECT COALESCE(NULLIF(trim(substr(t, 31, 10)), ''), '0')::bigint FROM k WHERE kanricd = '1009') AS ptid,
                       (SELECT substr(t, 5, 1) FROM k WHERE kanricd = '1009') AS kind)
          SELECT 'outpatient slip' AS counter, max(denpnum) AS issued, (SELECT slip FROM c) AS counter_value
            FROM (SELECT denpnum FROM tbl_jyurrk WHERE nyugaikbn = '2' UNION ALL SELECT denpnum FROM tbl_syunou_main WHERE nyugaikbn = '2') s
          HAVING max(denpnum) > (SELECT slip FROM c)
          UNION ALL
          SELECT 'inpatient slip', max(denpnum), (SELECT inslip FROM c) FROM tbl_syunou_main WHERE nyugaikbn = '1'
          HAVING max(denpnum) > (SELECT inslip FROM c)
          UNION ALL
          SELECT 'patient id', max(ptid), (SELECT ptid FROM c) FROM tbl_ptnum HAVING max(ptid) > (SELECT ptid FROM c)
          UNION ALL
          SELECT 'patient serial', max(trim(ptnum)::bigint), (SELECT serial FROM c) FROM tbl_ptnum
           WHERE trim(ptnum) ~ '^[0-9]+$' AND (SELECT kind FROM c) IN ('3', '4')
          HAVING max(trim(ptnum)::bigint) > (SELECT serial FROM c)`,
  },
  {
    name: 'reception-within-control-row',
    rule: "a day's 受付IDs are at most the control row's last id (ukeid 0)",
    source: 'ORAPI011S1V2 200224-UKETUKE-INS-SEC',
    sql: `SELECT u.ukeymd, max(u.ukeid) AS issued, c.ptid AS counter_value FROM tbl_uketuke u
            LEFT JOIN tbl_uketuke c ON c.hospnum = u.hospnum AND c.ukeymd = u.ukeymd AND c.ukeid = 0
           WHERE u.ukeid <> 0 GROUP BY u.ukeymd, c.ptid HAVING c.ptid IS NULL OR max(u.ukeid) > c.ptid`,
  },
  {
    name: 'patient-ids-within-ptnum',
    rule: "a patient's 保険ID, 公費ID and 保険組合せ番号 are at most the counters in tbl_ptnum",
    source: 'ORCGP02D 49012-PTHKNINF-HEN-SEC, 49013-PTKOHINF-HEN-SEC; ORCGP02W3 200-NUMBNEW-SEC',
    sql: `SELECT 'hknid' AS counter, h.ptid, h.hknid AS issued FROM tbl_pthkninf h JOIN tbl_ptnum n USING (hospnum, ptid) WHERE h.hknid > n.hknid
          UNION ALL
          SELECT 'kohid', k.ptid, k.kohid FROM tbl_ptkohinf k JOIN tbl_ptnum n USING (hospnum, ptid) WHERE k.kohid > n.kohid
          UNION ALL
          SELECT 'hkncombinum', c.ptid, c.hkncombinum FROM tbl_hkncombi c JOIN tbl_ptnum n USING (hospnum, ptid)
           WHERE c.hkncombinum < 9000 AND c.hkncombinum > n.autocombinum`,
  },
];
