/**
 * A 剤 as ORCA's outpatient save sees it: code cells five to a row (the `CPWKSRYACT` work rows that become
 * `tbl_sryact` rows), and the totals ORCSCGAIRAI `4501-SRYACCT-SYORI-SEC` computes from them for the
 * identical-剤 check and the `tbl_sryacct_main` row.
 */
import { POINTS, type ZaiTemplate } from '../clinic-catalog.js';

export interface CodeCell {
  srycd: string;
  suryo: number;
  kaisu: number;
  /** 入力コメント of a comment code; with `inputs` stored in `tbl_ptcom`. */
  comment: string;
  /** 入力値 1…5. */
  inputs: readonly string[];
  jihimoney: number;
  kansuryo: number;
  /** 入力区分: '1' 関連コメント, '2' 多剤投与, 'R' 労災読替, '' none. */
  inputkbn: string;
  autokbn: string;
}

export const CELLS_PER_ROW = 5;

/** The 剤's cells in entry order: its codes, then its comment (as a comment-code cell). */
export function cellsOf(zai: ZaiTemplate): CodeCell[] {
  const blank = { comment: '', inputs: [], jihimoney: 0, kansuryo: 0, inputkbn: '', autokbn: '' };
  const cells: CodeCell[] = zai.codes.map(([srycd, suryo, kaisu]) => ({ ...blank, srycd, suryo, kaisu }));
  if (zai.comment) cells.push({ ...blank, srycd: zai.comment.srycd, suryo: 0, kaisu: 0, comment: zai.comment.text });
  return cells;
}

/** The cells split into work rows of five (`tbl_sryact.rennum` 1, 2, …). */
export function rowsOf(cells: readonly CodeCell[]): CodeCell[][] {
  const rows: CodeCell[][] = [];
  for (let i = 0; i < cells.length; i += CELLS_PER_ROW) rows.push(cells.slice(i, i + CELLS_PER_ROW));
  return rows;
}

/** A code ORCA keeps a comment for: 8…, 008…, 001…, 0992081… (ORCSCGAIRAI `4501-SRYACT-SYORI-SEC`). */
export const isCommentCode = (srycd: string): boolean =>
  srycd.startsWith('8') || srycd.startsWith('008') || srycd.startsWith('001') || srycd.startsWith('0992081');

export interface ZaiTotals {
  /** 診療コード計: the numeric codes added as numbers. */
  srycdtotal: number;
  /** 数量計 of the numeric codes. */
  suryoutotal: number;
  /** 明細数: numeric codes and `S…` codes. */
  meisaisu: number;
  /** 剤点数 (自費 95/96: the 自費金額). */
  zaiten: number;
  /** 剤回数 (`ZAIKAIKEI`). */
  zaikaisu: number;
  /** 包括剤 (`CONTKBN 'H'`) → '1'. */
  jihokbn: string;
}

export const round5 = (n: number): number => Math.round(n * 1e5) / 1e5;

export function totalsOf(zai: ZaiTemplate, cells: readonly CodeCell[]): ZaiTotals {
  let srycdtotal = 0;
  let suryoutotal = 0;
  let meisaisu = 0;
  for (const cell of cells) {
    if (/^\d+$/.test(cell.srycd)) {
      srycdtotal += Number(cell.srycd);
      suryoutotal += cell.suryo;
      meisaisu += 1;
    } else if (cell.srycd.startsWith('S')) meisaisu += 1;
  }
  const points = zai.codes.reduce((sum, [code, suryo]) => sum + (POINTS[code] ?? 0) * suryo, 0);
  const selfPay = zai.srykbn === '95' || zai.srykbn === '96';
  return {
    srycdtotal,
    suryoutotal: round5(suryoutotal),
    meisaisu,
    zaiten: selfPay ? cells.reduce((sum, c) => sum + c.jihimoney, 0) : Math.max(1, Math.round(points)),
    zaikaisu: zai.zaikaisu,
    jihokbn: zai.contkbn === 'H' ? '1' : '',
  };
}
