/**
 * When the generator's in-memory rows are final and go to the database. ORCA only rewrites a month's 剤,
 * 受診履歴, slips and 算定履歴 while that month is entered (and a correction only touches the day's visit),
 * so month-bound rows are written once the month is over; 受診履歴 and receipt marks one month later, because
 * a disease change up to the 10th marks the previous month's receipts from them (ORCSRECEUPD 処理 1). 算定履歴 keeps each
 * code's latest row in memory for the next month's 初回算定日 (written once, never again).
 */
import type { Book } from '../book/book.js';
import type { RowBuffer } from '../bulk-insert.js';
import type { Row } from '../orca-row.js';

const MONTH_TABLES: Record<string, (row: Row) => string> = {
  tbl_sryacct_main: (r) => String(r.sryym),
  tbl_sryact: (r) => String(r.sryym),
  tbl_sryacctplus: (r) => String(r.sryym),
  tbl_syunou_main: (r) => String(r.skyedymd).slice(0, 6),
  tbl_syunou_nyuin: () => '',
  tbl_syumei: (r) => String(r.creymd).slice(0, 6),
  tbl_syurrk: (r) => String(r.creymd).slice(0, 6),
  tbl_syutotal: (r) => String(r.sryymd).slice(0, 6),
};

const previousMonth = (ym: string): string => {
  const month = Number(ym.slice(4, 6));
  return month === 1 ? `${Number(ym.slice(0, 4)) - 1}12` : `${ym.slice(0, 4)}${String(month - 1).padStart(2, '0')}`;
};

export class Flusher {
  /** 算定履歴 rows already written (kept in memory only as the previous row of their code). */
  private readonly written = new Set<string>();

  constructor(private readonly buffer: RowBuffer) {}

  private async write(table: string, rows: Row[]): Promise<void> {
    if (rows.length > 0) await this.buffer.add(table, ...rows);
  }

  /** Rows of months before `month` (受診履歴: before the previous month); `month` '' writes everything. */
  async flushMonths(book: Book, month: string): Promise<void> {
    const before = (ym: string): boolean => month === '' || ym < month;
    const zainums = new Set<number>();
    for (const [table, monthOf] of Object.entries(MONTH_TABLES)) {
      const taken = book.take(table, (r) => before(monthOf(r)));
      if (table === 'tbl_sryacct_main') for (const r of taken) zainums.add(Number(r.zainum));
      await this.write(table, taken);
    }
    await this.write(
      'tbl_sryacct_sub',
      book.take('tbl_sryacct_sub', (r) => zainums.has(Number(r.zainum))),
    );
    await this.write(
      'tbl_ptcom',
      book.take('tbl_ptcom', (r) => zainums.has(Number(r.zainum))),
    );
    const lastMonth = month === '' ? '' : previousMonth(month);
    const kept = (ym: string): boolean => lastMonth !== '' && ym >= lastMonth;
    await this.write(
      'tbl_jyurrk',
      book.take('tbl_jyurrk', (r) => !kept(String(r.sryymd).slice(0, 6))),
    );
    await this.write(
      'tbl_receupd',
      book.take('tbl_receupd', (r) => !kept(String(r.sryym))),
    );
    await this.flushSantei(book, month);
  }

  private async flushSantei(book: Book, month: string): Promise<void> {
    const old = book.take('tbl_santei', (r) => month === '' || String(r.sryym) < month);
    const pk = (r: Row): string => `${r.srycd}|${r.nyugaikbn}|${r.sryka}|${r.hkncombinum}|${r.ptid}`;
    const fresh = old.filter((r) => !this.written.delete(`${pk(r)}|${r.sryym}`));
    await this.write('tbl_santei', fresh);
    if (month === '') return;
    const latest = new Map<string, Row>();
    for (const row of old) if (String(latest.get(pk(row))?.sryym ?? '') < String(row.sryym)) latest.set(pk(row), row);
    book.load('tbl_santei', [...latest.values()]);
    for (const row of latest.values()) this.written.add(`${pk(row)}|${row.sryym}`);
  }

  /** Rows that live as long as the patient: written at the end. */
  async flushPatient(book: Book): Promise<void> {
    for (const table of [
      'tbl_ptinf',
      'tbl_srykarrk',
      'tbl_ptbyomei',
      'tbl_ptnyuinrrk',
      'tbl_ptnum',
      'tbl_pthkninf',
      'tbl_ptkohinf',
      'tbl_hkncombi',
    ]) {
      await this.write(table, book.take(table));
    }
  }
}
