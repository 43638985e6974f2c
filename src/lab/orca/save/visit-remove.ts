/**
 * The first half of a correction (訂正), ORCSCGAIRAI `10011-TEISEI-SYORI1-SEC`: the slip's 受診履歴 rows of
 * the visit's day and insurance (path key6) are read; for each of their 剤 the visit's count is taken back
 * from 算定履歴, its day-table cell zeroed (`4500112-TEISEI-SRYACCT-SEC`) and the 剤 deleted with its
 * `tbl_sryact`, `tbl_ptcom`, sub and `tbl_sryacctplus` rows when no count is left (`45001121-ZAINUM-DELETE-
 * SEC`); then the row is deleted. What each department's rows carried (`rennum`, `kaikei_rennum`) is
 * returned for the re-save.
 */
import { SANTEI_RRKKBN } from '../clinic-catalog.js';
import type { Book } from '../book/book.js';
import type { Row } from '../orca-row.js';
import { updated, type Audit } from './audit.js';
import { DayTable } from './day-table.js';
import { removeSantei } from './santei.js';
import { writeMonthRow } from './zai-save.js';

export interface CorrectedSlip {
  ptid: number;
  denpnum: number;
  sryymd: string;
  hkncombinum: string;
}

export type OldNumbers = Map<string, { rennum: number; kaikeiRennum: number }>;

function santeiCodes(sryact: readonly Row[]): string[] {
  const codes: string[] = [];
  for (const row of sryact) {
    if (row.srykbn === '95' || row.srykbn === '96') continue;
    for (let i = 1; i <= 5; i++) {
      const code = String(row[`srycd${i}`] ?? '');
      if ((code.startsWith('1') || code.startsWith('099')) && SANTEI_RRKKBN[code]) codes.push(code);
    }
  }
  return codes;
}

function releaseZai(book: Book, visit: Row, zainum: number, audit: Audit): void {
  const month = {
    hospnum: 1,
    nyugaikbn: visit.nyugaikbn,
    ptid: visit.ptid,
    sryka: visit.sryka,
    sryym: String(visit.sryymd).slice(0, 6),
  };
  const main = book.find('tbl_sryacct_main', { ...month, zainum })[0];
  if (!main) return;
  const key = { hospnum: 1, ptid: visit.ptid, zainum };
  const table = DayTable.fromRows(main, book.find('tbl_sryacct_sub', key));
  const day = Number(String(visit.sryymd).slice(6, 8));
  const rennum = Number(visit.rennum);
  const kaisu = table.visitCount(rennum, day);
  const sryact = book.find('tbl_sryact', { ...month, zainum });
  if (visit.hkncombinum !== '9999') {
    for (const srycd of santeiCodes(sryact)) {
      const use = { ptid: Number(visit.ptid), srycd, nyugaikbn: String(visit.nyugaikbn), sryka: String(visit.sryka) };
      removeSantei(
        book,
        { ...use, sryymd: String(visit.sryymd), kaisu, santeirrkkbn: SANTEI_RRKKBN[srycd] ?? 0 },
        audit,
      );
    }
  }
  table.clear(rennum, day);
  if (table.zaikaisu() > 0) {
    writeMonthRow(book, { ...main, ...updated(audit) }, table, false);
    return;
  }
  for (const row of sryact) book.delete('tbl_sryact', row);
  for (const row of book.find('tbl_ptcom', key)) book.delete('tbl_ptcom', row);
  for (const row of book.find('tbl_sryacct_sub', key)) book.delete('tbl_sryacct_sub', row);
  book.delete('tbl_sryacct_main', main);
  for (const row of book.find('tbl_sryacctplus', { ...month, zainum })) book.delete('tbl_sryacctplus', row);
}

export function removeVisit(book: Book, slip: CorrectedSlip, audit: Audit): OldNumbers {
  const old: OldNumbers = new Map();
  const rows = book
    .find('tbl_jyurrk', { hospnum: 1, ptid: slip.ptid, nyugaikbn: '2', denpnum: slip.denpnum })
    .filter((r) => r.sryymd === slip.sryymd && r.hkncombinum === slip.hkncombinum)
    .sort((a, b) => Number(a.rennum) - Number(b.rennum) || Number(a.edanum) - Number(b.edanum));
  for (const row of rows) {
    for (let i = 1; i <= 15; i++) {
      const zainum = Number(row[`zainum${i}`] ?? 0);
      if (zainum !== 0) releaseZai(book, row, zainum, audit);
    }
    old.set(String(row.sryka), { rennum: Number(row.rennum), kaikeiRennum: Number(row.kaikei_rennum) });
    book.delete('tbl_jyurrk', row);
  }
  return old;
}
