/**
 * 算定履歴 (`tbl_santei`) as the outpatient save keeps it: for each code of a 剤 that starts with 1 or 099
 * (not 自費 95/96, not a 包括 '9999' pair) whose 点数マスタ `santeirrkkbn` is not 0 (ORCSCGAIRAI
 * `4502-SANTEI-SYORI-SEC`), ORCSSANTEI adds the 剤's 回数 to the day and to the month count (`200-SINKI-
 * SYORI-SEC`, program K03). The key's 入外 and 診療科 are kept or zeroed by `santeirrkkbn` (1: neither,
 * 2: 入外 only, 3: 診療科 only, 4: both); `hkncombinum` is 0 for 医保. A new row's 初回算定日 is the one of
 * the code's latest earlier row still counted, else the visit's date (`100-SYOKAI-SEC`, for codes outside
 * its special tables). A correction subtracts the visit's count and deletes a row whose month count
 * reaches 0 (`300-DELETE-SYORI-SEC`).
 */
import type { Book } from '../book/book.js';
import { orcaRow, type Row } from '../orca-row.js';
import { created, updated, type Audit } from './audit.js';

export interface SanteiUse {
  ptid: number;
  srycd: string;
  nyugaikbn: string;
  sryka: string;
  sryymd: string;
  kaisu: number;
  /** The code's 点数マスタ 算定履歴区分 (1–4). */
  santeirrkkbn: number;
}

function keyOf(use: SanteiUse): Row {
  return {
    hospnum: 1,
    ptid: use.ptid,
    srycd: use.srycd,
    nyugaikbn: use.santeirrkkbn === 2 || use.santeirrkkbn === 4 ? use.nyugaikbn : '0',
    sryka: use.santeirrkkbn === 3 || use.santeirrkkbn === 4 ? use.sryka : '00',
    hkncombinum: 0,
  };
}

const dd = (day: number): string => String(day).padStart(2, '0');

/** Recounts `msanteicnt` and the first day (`msanteid`) from the day columns. */
function recount(row: Row): Row {
  let count = 0;
  let first = 0;
  for (let d = 1; d <= 31; d++) {
    const n = Number(row[`day${d}`]);
    if (n > 0 && first === 0) first = d;
    count += n;
  }
  return { ...row, msanteicnt: count, msanteid: first === 0 ? '' : dd(first) };
}

export function addSantei(book: Book, use: SanteiUse, audit: Audit): void {
  const key = keyOf(use);
  const sryym = use.sryymd.slice(0, 6);
  const day = Number(use.sryymd.slice(6, 8));
  const row = book.get('tbl_santei', { ...key, sryym });
  if (row) {
    const first = Number(row.msanteid) || 99;
    book.update('tbl_santei', {
      ...row,
      msanteid: day < first ? dd(day) : row.msanteid,
      msanteicnt: Number(row.msanteicnt) + use.kaisu,
      [`day${day}`]: Number(row[`day${day}`]) + use.kaisu,
      ...updated(audit),
    });
    return;
  }
  const earlier = book
    .find('tbl_santei', key)
    .filter((r) => String(r.sryym) <= sryym)
    .sort((a, b) => String(b.sryym).localeCompare(String(a.sryym)))[0];
  const chained =
    earlier &&
    Number(earlier.msanteicnt) > 0 &&
    String(earlier.fsanteiymd) !== '' &&
    String(earlier.fsanteiymd) <= use.sryymd;
  book.insert(
    'tbl_santei',
    orcaRow('tbl_santei', {
      ...key,
      sryym,
      fsanteiymd: chained ? String(earlier.fsanteiymd) : use.sryymd,
      msanteid: dd(day),
      msanteicnt: use.kaisu,
      [`day${day}`]: use.kaisu,
      ...created(audit),
    }),
  );
}

export function removeSantei(book: Book, use: SanteiUse, audit: Audit): void {
  const row = book.get('tbl_santei', { ...keyOf(use), sryym: use.sryymd.slice(0, 6) });
  if (!row) return;
  const day = Number(use.sryymd.slice(6, 8));
  const next = recount({ ...row, [`day${day}`]: Math.max(0, Number(row[`day${day}`]) - use.kaisu), ...updated(audit) });
  if (Number(next.msanteicnt) === 0) book.delete('tbl_santei', row);
  else book.update('tbl_santei', next);
}
