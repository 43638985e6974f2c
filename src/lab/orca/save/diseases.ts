/**
 * 患者病名 as the 病名 screen (ORCGC02) writes it: a new disease gets `rennum` = the last of its (department,
 * start date) + 1 (path key7; 99 is the last, error 0089); 転帰 (治ゆ 1, 死亡 2, 中止 3, 移行 8) and its date
 * rewrite the row; a deletion is soft: `dltflg` '1' and `dlt_opid` (`3202-BYOMEI-DELETE-KOUSIN-SEC`). Each
 * change then marks the month's receipts for redoing (`450221-RECEUPD-UPDATE-SEC`).
 */
import type { Book } from '../book/book.js';
import type { Disease } from '../clinic-catalog.js';
import { orcaRow, type Row } from '../orca-row.js';
import { created, updated, type Audit } from './audit.js';
import { markReceiptRedoForDiseases } from './visit-extras.js';

export interface DiseaseInput {
  ptid: number;
  sryka: string;
  /** 診療開始日. */
  sryymd: string;
  disease: Disease;
  hkncombi: number;
  main: boolean;
  nyugaikbn: string;
}

export interface Staff {
  today: string;
  termid: string;
}

export function addDisease(book: Book, d: DiseaseInput, staff: Staff, audit: Audit): Row {
  const same = book.find('tbl_ptbyomei', { hospnum: 1, ptid: d.ptid, sryka: d.sryka, sryymd: d.sryymd });
  const last = same.reduce((max, r) => Math.max(max, Number(r.rennum)), 0);
  if (last >= 99) throw new Error('病名の連番が上限です (ORCA error 0089)');
  const values: Row = {
    hospnum: 1,
    ptid: d.ptid,
    sryka: d.sryka,
    sryymd: d.sryymd,
    rennum: last + 1,
    khnbyomeicd: d.disease.code,
    byomeiinputcd_1: d.disease.inputCode,
    byomeicdsu: 1,
    byomeicd_1: d.disease.code,
    syubyoflg: d.main ? '1' : '',
    nyugaikbn: d.nyugaikbn,
    hkncombi: d.hkncombi,
    byomei: d.disease.name,
    byomeimoji: Array.from(d.disease.name).length,
    ...created(audit),
    crehms: audit.hms,
  };
  const row = book.insert('tbl_ptbyomei', orcaRow('tbl_ptbyomei', values));
  markReceiptRedoForDiseases(book, { ptid: d.ptid, ...staff }, audit);
  return row;
}

export function endDisease(
  book: Book,
  key: Row,
  outcome: { tenkikbn: string; tenkiymd: string },
  staff: Staff,
  audit: Audit,
) {
  const row = book.get('tbl_ptbyomei', key);
  if (!row) throw new Error('no such disease');
  book.update('tbl_ptbyomei', { ...row, ...outcome, ...updated(audit) });
  markReceiptRedoForDiseases(book, { ptid: Number(row.ptid), ...staff }, audit);
}

export function deleteDisease(book: Book, key: Row, staff: Staff, audit: Audit): void {
  const row = book.get('tbl_ptbyomei', key);
  if (!row) throw new Error('no such disease');
  book.update('tbl_ptbyomei', { ...row, dltflg: '1', dlt_opid: audit.opid, ...updated(audit) });
  markReceiptRedoForDiseases(book, { ptid: Number(row.ptid), ...staff }, audit);
}
