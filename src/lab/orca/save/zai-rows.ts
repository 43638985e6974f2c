/**
 * The rows a new 剤 gets (ORCSCGAIRAI `4501-SRYACT-SYORI-SEC`): one `tbl_sryact` row per work row of five
 * cells (`rennum` 1, 2, …), `meiskyflg` from the cell's flags ('1' 自動算定 T, '2' 関連コメント, '3' 多剤投与,
 * 'R' 労災読替 from 2013-07-01), and a `tbl_ptcom` row for each comment code that carries text or input
 * values, numbered by a counter restarted for every 剤 — the same number written into that cell's
 * `inputnum` (`45011-PTCOM-SYROI-SEC`, WRK-MEIBAN reset at the top of the 剤).
 */
import { POINTS, type ZaiTemplate } from '../clinic-catalog.js';
import { orcaRow, type Row } from '../orca-row.js';
import { created, type Audit } from './audit.js';
import { isCommentCode, rowsOf, type CodeCell } from './zai-cells.js';
import type { ZaiScope } from './zai-save.js';

const MEISKYFLG_OF_INPUTKBN: Record<string, string> = { '1': '2', '2': '3' };

function meiskyflg(cell: CodeCell, sryymd: string): string {
  if (cell.inputkbn === 'R') return sryymd >= '20130701' ? 'R' : '';
  return MEISKYFLG_OF_INPUTKBN[cell.inputkbn] ?? (cell.autokbn === 'T' ? '1' : '');
}

/** The key a 剤's rows share in `tbl_sryact` and `tbl_sryacctplus` (the month, not the day). */
function zaiKey(scope: ZaiScope & { zainum: number }): Row {
  return {
    hospnum: 1,
    nyugaikbn: scope.nyugaikbn,
    ptid: scope.ptid,
    sryka: scope.sryka,
    sryym: scope.sryymd.slice(0, 6),
    zainum: scope.zainum,
  };
}

export function sryactRows(
  zai: ZaiTemplate,
  cells: readonly CodeCell[],
  scope: ZaiScope & { zainum: number },
  audit: Audit,
): { sryact: Row[]; ptcom: Row[] } {
  const key = zaiKey(scope);
  const sryact: Row[] = [];
  const ptcom: Row[] = [];
  let commentNumber = 0;
  rowsOf(cells).forEach((row, index) => {
    const values: Row = {
      ...key,
      rennum: index + 1,
      srysyukbn: zai.srysyukbn,
      srykbn: zai.srykbn,
      jihimoneytotal: row.reduce((sum, c) => sum + c.jihimoney, 0),
      ...created(audit),
    };
    row.forEach((cell, i) => {
      const n = i + 1;
      Object.assign(values, {
        [`srycd${n}`]: cell.srycd,
        [`srysuryo${n}`]: cell.suryo,
        [`srykaisu${n}`]: cell.kaisu,
        [`meiskyflg${n}`]: meiskyflg(cell, scope.sryymd),
        [`autokbn${n}`]: cell.autokbn === 'T' ? '' : cell.autokbn,
        [`jihimoney${n}`]: cell.jihimoney,
        [`kansuryo${n}`]: cell.kansuryo,
      });
      if (isCommentCode(cell.srycd) && (cell.comment !== '' || cell.inputs.some((v) => v !== ''))) {
        commentNumber += 1;
        values[`inputnum${n}`] = commentNumber;
        ptcom.push(
          orcaRow('tbl_ptcom', {
            hospnum: 1,
            ptid: scope.ptid,
            zainum: scope.zainum,
            srycd: cell.srycd,
            rennum: commentNumber,
            inputcoment: cell.comment,
            ...Object.fromEntries(cell.inputs.map((v, k) => [`inputchi${k + 1}`, v])),
            ...created(audit),
          }),
        );
      }
    });
    sryact.push(orcaRow('tbl_sryact', values));
  });
  return { sryact, ptcom };
}

/** `4503-SRYACCTPLUS-SYORI-SEC`: `rennum` 1 of a 剤 with 付加情報 (its codes with their 手技 points). */
export function plusRow(zai: ZaiTemplate, scope: ZaiScope & { zainum: number }, audit: Audit): Row {
  const values: Row = {
    ...zaiKey(scope),
    rennum: 1,
    pluskbn: 1,
    ...created(audit),
  };
  zai.codes.slice(0, 5).forEach(([code, suryo], i) => {
    values[`srycd${i + 1}`] = code;
    values[`syuten${i + 1}`] = Math.round((POINTS[code] ?? 0) * suryo);
  });
  return orcaRow('tbl_sryacctplus', values);
}
