/**
 * What an outpatient save writes besides the visit itself: 診療科履歴 (`1003-SRYKARRK-SAKUSEI-SEC`,
 * `45010-SRYKARRK-SYORI-SEC`), the 会計時間 of the day's 受付 (`45003-UKETUKE-SEC`) and, after a correction
 * only, the receipt-redo marks (`3009-RECEUPD-UPDATE-SEC` → ORCSRECEUPD).
 */
import type { Book } from '../book/book.js';
import { orcaRow, type Row } from '../orca-row.js';
import { created, updated, type Audit } from './audit.js';

/**
 * First insurance of a department, not 包括: an existing row gets `lastymd` = max, a new one 初診日 1 and the
 * last date; 初診日 2 is set when the pair holds a 初診 (診療区分 11). A correction of a department that has
 * a row leaves it to ORCSKARRK, which the lab does not model (the row is left as it is).
 */
export function touchDepartmentHistory(
  book: Book,
  v: { ptid: number; sryka: string; sryymd: string; firstVisitCode: boolean; correction: boolean },
  audit: Audit,
): void {
  const row = book.get('tbl_srykarrk', { hospnum: 1, ptid: v.ptid, sryka: v.sryka });
  if (row && v.correction) return;
  const syosin2 = v.firstVisitCode ? { syosinymd2: v.sryymd } : {};
  if (row) {
    const lastymd = String(row.lastymd) < v.sryymd ? v.sryymd : row.lastymd;
    book.update('tbl_srykarrk', { ...row, lastymd, ...syosin2, ...updated(audit) });
    return;
  }
  book.insert(
    'tbl_srykarrk',
    orcaRow('tbl_srykarrk', {
      hospnum: 1,
      ptid: v.ptid,
      sryka: v.sryka,
      syosinymd1: v.sryymd,
      lastymd: v.sryymd,
      ...syosin2,
      ...created(audit),
    }),
  );
}

/** A new save on the day itself: the patient's 受付 rows of a saved department without 会計時間 get HHMM. */
export function stampReception(clinic: Book, v: { ptid: number; today: string; departments: string[] }, audit: Audit) {
  for (const row of clinic.find('tbl_uketuke', { hospnum: 1, ukeymd: v.today, ptid: v.ptid })) {
    if (Number(row.ukeid) === 0 || !v.departments.includes(String(row.sryka)) || Number(row.kaikeitime) !== 0) continue;
    clinic.update('tbl_uketuke', { ...row, kaikeitime: Number(audit.hms.slice(0, 4)), ...updated(audit) });
  }
}

/**
 * ORCSRECEUPD (処理 2, outpatient 医保): when the month's 一括作成 ran (`tbl_recekanri` path key7: 帳票 HC06,
 * 処理区分 1, 診療年月, 入外, レセプト区分 0), every (department, month, 保険区分) of the patient's outpatient
 * 受診履歴 that month (path key28) gets a `tbl_receupd` row with `hknkbn2` blank and `onlupd` '1'.
 */
export function markReceiptRedo(
  clinic: Book,
  book: Book,
  v: { ptid: number; sryym: string; termid: string },
  audit: Audit,
): void {
  const batch = clinic.find('tbl_recekanri', {
    hospnum: 1,
    prtid: 'HC06',
    syokbn: '1',
    sryym: v.sryym,
    nyugaikbn: '2',
  });
  if (!batch.some((r) => r.recekbn === '0')) return;
  markMonth(book, { ...v, where: { nyugaikbn: '2', hknkbn: '0' } }, audit);
}

/**
 * ORCSRECEUPD 処理 1 (after a disease is added, ended or deleted, ORCGC02 `450221-RECEUPD-UPDATE-SEC`): no
 * batch check; the month is the machine date's, or the month before up to the 10th; every (入外, department,
 * 保険区分) of the patient's 受診履歴 that month (path key27) is marked.
 */
export function markReceiptRedoForDiseases(
  book: Book,
  v: { ptid: number; today: string; termid: string },
  audit: Audit,
) {
  let sryym = v.today.slice(0, 6);
  if (Number(v.today.slice(6, 8)) <= 10) {
    const month = Number(sryym.slice(4, 6));
    sryym =
      month === 1 ? `${Number(sryym.slice(0, 4)) - 1}12` : `${sryym.slice(0, 4)}${String(month - 1).padStart(2, '0')}`;
  }
  markMonth(book, { ptid: v.ptid, sryym, termid: v.termid, where: {} }, audit);
}

function markMonth(book: Book, v: { ptid: number; sryym: string; termid: string; where: Row }, audit: Audit): void {
  const seen = new Set<string>();
  for (const visit of book.find('tbl_jyurrk', { hospnum: 1, ptid: v.ptid, ...v.where })) {
    const id = `${visit.nyugaikbn}|${visit.sryka}|${visit.hknkbn}`;
    if (!String(visit.sryymd).startsWith(v.sryym) || seen.has(id)) continue;
    seen.add(id);
    const key = {
      hospnum: 1,
      ptid: v.ptid,
      nyugaikbn: visit.nyugaikbn,
      sryka: visit.sryka,
      sryym: v.sryym,
      hknkbn: visit.hknkbn,
      hknkbn2: '',
    };
    const row = book.get('tbl_receupd', key);
    if (row) book.update('tbl_receupd', { ...row, onlupd: '1', ...updated(audit) });
    else
      book.insert('tbl_receupd', orcaRow('tbl_receupd', { ...key, onlupd: '1', termid: v.termid, ...created(audit) }));
  }
}
