/**
 * One 剤 of a visit into the patient's book, as ORCSCGAIRAI `4501-SRYACT-KOU-SEC` does: the identical 剤 of
 * the month (ORCSCZAICHK) keeps its `zainum`, otherwise `tbl_ptinf.maxzainum + 1` (`45013-ZAINUM-SET-SEC`,
 * whole `tbl_ptinf` row rewritten); the 剤's 回数 is added to the visit's day table (`45014`) and the month
 * row written through ORCDBACCT's mapping; only a new 剤 gets its `tbl_sryact`, `tbl_ptcom` and
 * `tbl_sryacctplus` rows (`4501-SRYACT-SYORI-SEC`, `45011-PTCOM-SYROI-SEC`, `4503-SRYACCTPLUS-SYORI-SEC`).
 */
import type { ZaiTemplate } from '../clinic-catalog.js';
import type { Book } from '../book/book.js';
import { orcaRow, type Row } from '../orca-row.js';
import { created, updated, type Audit } from './audit.js';
import { DayTable } from './day-table.js';
import { plusRow, sryactRows } from './zai-rows.js';
import { cellsOf, totalsOf, type ZaiTotals } from './zai-cells.js';
import { inputCells, normaliseSrysyukbn, sameCells, sameTotals, storedCells } from './zai-identity.js';

/** Where a 剤 is saved: the visit's patient, 入外, department, day, insurance combination and 同日連番. */
export interface ZaiScope {
  ptid: number;
  nyugaikbn: string;
  sryka: string;
  sryymd: string;
  hkncombi: number;
  /** 受診履歴 `rennum` of the visit: its count goes to day table rennum + 1. */
  rennum: number;
}

export interface SavedZai {
  zainum: number;
  reused: boolean;
}

const monthKey = (s: ZaiScope): Row => ({
  hospnum: 1,
  nyugaikbn: s.nyugaikbn,
  ptid: s.ptid,
  sryka: s.sryka,
  sryym: s.sryymd.slice(0, 6),
});

/** ORCSCZAICHK: the first identical 剤 of the month in `zainum` order, or 0. */
export function findIdenticalZai(book: Book, zai: ZaiTemplate, scope: ZaiScope, totals: ZaiTotals): number {
  const wantedKind = normaliseSrysyukbn(zai.srysyukbn, zai.srykbn);
  const wantedCells = inputCells(cellsOf(zai));
  const candidates = book
    .find('tbl_sryacct_main', { ...monthKey(scope), srykbn: zai.srykbn })
    .sort((a, b) => Number(a.zainum) - Number(b.zainum));
  for (const main of candidates) {
    if (!sameTotals(main, scope.hkncombi, totals)) continue;
    const zainum = Number(main.zainum);
    const sryact = book.find('tbl_sryact', { ...monthKey(scope), zainum });
    const ptcom = book.find('tbl_ptcom', { hospnum: 1, ptid: scope.ptid, zainum });
    if (sameCells(wantedCells, storedCells(sryact, ptcom, wantedKind))) return zainum;
  }
  return 0;
}

/** `45013-ZAINUM-SET-SEC`: `maxzainum` (all 9s → 0) + 1, the whole patient row written back. */
function nextZainum(book: Book, ptid: number, audit: Audit): number {
  const ptinf = book.get('tbl_ptinf', { hospnum: 1, ptid });
  if (!ptinf) throw new Error(`tbl_ptinf has no patient ${ptid} (ORCA error 0002)`);
  const current = Number(ptinf.maxzainum) === 99_999_999 ? 0 : Number(ptinf.maxzainum);
  book.update('tbl_ptinf', { ...ptinf, maxzainum: current + 1, ...updated(audit) });
  return current + 1;
}

/** ORCDBACCT insert/update: all sub rows of the 剤 deleted, the non-zero cells inserted, then the main row. */
export function writeMonthRow(book: Book, main: Row, table: DayTable, isNew: boolean): void {
  const key = { hospnum: 1, ptid: main.ptid, zainum: main.zainum };
  for (const sub of book.find('tbl_sryacct_sub', key)) book.delete('tbl_sryacct_sub', sub);
  for (const cell of table.subCells()) book.insert('tbl_sryacct_sub', orcaRow('tbl_sryacct_sub', { ...key, ...cell }));
  const row = { ...main, ...table.mainColumns(), zaikaisu: table.zaikaisu() };
  if (isNew) book.insert('tbl_sryacct_main', row);
  else book.update('tbl_sryacct_main', row);
}

/** Saves one 剤 of a visit; null when it has no code ORCA counts (`meisaisu` 0: nothing is written). */
export function saveZai(book: Book, zai: ZaiTemplate, scope: ZaiScope, audit: Audit): SavedZai | null {
  const cells = cellsOf(zai);
  const totals = totalsOf(zai, cells);
  if (totals.meisaisu === 0) return null;
  const found = findIdenticalZai(book, zai, scope, totals);
  const zainum = found || nextZainum(book, scope.ptid, audit);
  const day = Number(scope.sryymd.slice(6, 8));
  const existing = found ? book.get('tbl_sryacct_main', { hospnum: 1, ptid: scope.ptid, zainum }) : undefined;
  const table = existing
    ? DayTable.fromRows(existing, book.find('tbl_sryacct_sub', { hospnum: 1, ptid: scope.ptid, zainum }))
    : new DayTable();
  table.add(scope.rennum, day, totals.zaikaisu);
  const drug = ['21', '22', '23'].includes(zai.srykbn);
  const syuten1 = drug ? 0 : totals.zaiten;
  if (zai.srykbn === '23' && syuten1 === 0 && totals.zaikaisu === 1 && table.visitCount(scope.rennum, day) > 1) {
    throw new Error('ORCA refuses a 外用 剤 without 手技 twice in one visit (error 0052)');
  }
  const main = existing
    ? { ...existing, ...updated(audit) }
    : orcaRow('tbl_sryacct_main', {
        ...monthKey(scope),
        srykbn: zai.srykbn,
        zainum,
        hkncombi: scope.hkncombi,
        jihokbn: totals.jihokbn,
        zaiten: totals.zaiten,
        srycdtotal: totals.srycdtotal,
        suryoutotal: totals.suryoutotal,
        meisaisu: totals.meisaisu,
        syuten1,
        ykzten: drug ? totals.zaiten : 0,
        zaireqflg: zai.plus ? '1' : '',
        ...created(audit),
      });
  writeMonthRow(book, main, table, !existing);
  if (!existing) {
    const { sryact, ptcom } = sryactRows(zai, cells, { ...scope, zainum }, audit);
    for (const row of ptcom) book.insert('tbl_ptcom', row);
    for (const row of sryact) book.insert('tbl_sryact', row);
    if (zai.plus) book.insert('tbl_sryacctplus', plusRow(zai, { ...scope, zainum }, audit));
  }
  return { zainum, reused: found !== 0 };
}
