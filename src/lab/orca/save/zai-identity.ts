/**
 * ORCSCZAICHK (診療会計同一剤チェック): is a 剤 being saved identical to one already stored for the patient
 * this month? Candidates are the month's 剤 of the same 入外, 診療科 and 診療区分 in `zainum` order (path
 * key3); the first that passes both tests wins (`100-CHK-SYORI-SEC`):
 * 1. its `tbl_sryacct_main` row has the same `hkncombi`, `srycdtotal`, `zaiten`, `meisaisu`, `suryoutotal`
 *    (a stored 0 counts as 1) and `jihokbn` (a stored '0' counts as blank) — `zaikaisu` is not compared;
 * 2. (`1002-SRYACCT-CHK-SEC`) its `tbl_sryact` rows whose 診療種別 equals the input's, both normalised
 *    (blank, 210, 230 → blank; blank with 診療区分 70 → 700), give the same cells as the input, order
 *    ignored: code, 数量, 回数, comment text and input values (`tbl_ptcom` by the cell's `inputnum`), 換算数量,
 *    入力区分 (from `meiskyflg` 2 → 1, 3 → 2, R → R), 自費金額 and the 投薬予約 flags folded from a following
 *    0992099xx code.
 */
import type { Row } from '../orca-row.js';
import { round5, type CodeCell, type ZaiTotals } from './zai-cells.js';

interface ComparableCell {
  srycd: string;
  suryo: number;
  kaisu: number;
  comment: string;
  inputs: string;
  kansuryo: number;
  inputkbn: string;
  jihimoney: number;
  flags: string[];
}

const MAX_CELLS = 50;
const RESERVATION_FLAGS: Record<string, number> = {
  '099209903': 0,
  '099209905': 1,
  '099209906': 2,
  '099209907': 3,
  '099209908': 4,
};

/** 診療種別 as ORCSCZAICHK compares it. */
export function normaliseSrysyukbn(srysyukbn: string, srykbn: string): string {
  if (srysyukbn === '' || srysyukbn === '210' || srysyukbn === '230')
    return srysyukbn === '' && srykbn === '70' ? '700' : '';
  return srysyukbn;
}

/** Appends a cell, or folds a 0992099xx reservation code into the preceding drug cell's flags. */
function push(cells: ComparableCell[], cell: Omit<ComparableCell, 'flags'>): void {
  const previous = cells[cells.length - 1];
  const flag = RESERVATION_FLAGS[cell.srycd];
  if (previous && previous.srycd.startsWith('6') && flag !== undefined) {
    previous.flags[flag] = '1';
    return;
  }
  if (cells.length < MAX_CELLS) cells.push({ ...cell, flags: ['', '', '', '', ''] });
}

const inputsText = (inputs: readonly string[]): string => [0, 1, 2, 3, 4].map((i) => inputs[i] ?? '').join('\u0001');

export function inputCells(cells: readonly CodeCell[]): ComparableCell[] {
  const out: ComparableCell[] = [];
  for (const c of cells) {
    push(out, {
      srycd: c.srycd,
      suryo: round5(c.suryo),
      kaisu: c.kaisu,
      comment: c.comment,
      inputs: inputsText(c.inputs),
      kansuryo: round5(c.kansuryo),
      inputkbn: c.inputkbn,
      jihimoney: c.jihimoney,
    });
  }
  return out;
}

const INPUTKBN_OF_MEISKYFLG: Record<string, string> = { '2': '1', '3': '2', R: 'R' };

/** The stored 剤's cells from its `tbl_sryact` rows (by rennum) and `tbl_ptcom` rows. */
export function storedCells(sryact: readonly Row[], ptcom: readonly Row[], srysyukbn: string): ComparableCell[] {
  const out: ComparableCell[] = [];
  for (const row of [...sryact].sort((a, b) => Number(a.rennum) - Number(b.rennum))) {
    if (normaliseSrysyukbn(String(row.srysyukbn), String(row.srykbn)) !== srysyukbn) continue;
    for (let i = 1; i <= 5; i++) {
      const srycd = String(row[`srycd${i}`] ?? '');
      if (srycd === '') break;
      const comment = ptcom.find((p) => p.srycd === srycd && Number(p.rennum) === Number(row[`inputnum${i}`]));
      push(out, {
        srycd,
        suryo: round5(Number(row[`srysuryo${i}`])),
        kaisu: Number(row[`srykaisu${i}`]),
        comment: comment ? String(comment.inputcoment ?? '') : '',
        inputs: comment
          ? inputsText([1, 2, 3, 4, 5].map((k) => String(comment[`inputchi${k}`] ?? '')))
          : inputsText([]),
        kansuryo: round5(Number(row[`kansuryo${i}`])),
        inputkbn: INPUTKBN_OF_MEISKYFLG[String(row[`meiskyflg${i}`])] ?? '',
        jihimoney: Number(row[`jihimoney${i}`]),
      });
    }
  }
  return out;
}

const sameCell = (a: ComparableCell, b: ComparableCell): boolean =>
  a.srycd === b.srycd &&
  a.suryo === b.suryo &&
  a.kaisu === b.kaisu &&
  a.comment === b.comment &&
  a.inputs === b.inputs &&
  a.kansuryo === b.kansuryo &&
  a.inputkbn === b.inputkbn &&
  a.jihimoney === b.jihimoney &&
  a.flags.join() === b.flags.join();

/** Test 1: the `tbl_sryacct_main` columns. */
export function sameTotals(main: Row, hkncombi: number, totals: ZaiTotals): boolean {
  const suryoutotal = Number(main.suryoutotal) === 0 ? 1 : round5(Number(main.suryoutotal));
  const jihokbn = main.jihokbn === '0' ? '' : String(main.jihokbn ?? '');
  return (
    Number(main.hkncombi) === hkncombi &&
    Number(main.srycdtotal) === totals.srycdtotal &&
    Number(main.zaiten) === totals.zaiten &&
    Number(main.meisaisu) === totals.meisaisu &&
    suryoutotal === totals.suryoutotal &&
    jihokbn === totals.jihokbn
  );
}

/** Test 2: same number of cells, every input cell matched by a distinct stored cell. */
export function sameCells(input: readonly ComparableCell[], stored: readonly ComparableCell[]): boolean {
  if (input.length !== stored.length) return false;
  const used = new Array<boolean>(stored.length).fill(false);
  return input.every((cell) => {
    const at = stored.findIndex((s, i) => !used[i] && sameCell(cell, s));
    if (at < 0) return false;
    used[at] = true;
    return true;
  });
}
