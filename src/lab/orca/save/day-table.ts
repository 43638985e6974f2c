/**
 * ORCA's logical 診療会計 counts of one 剤 in one month: 10 tables × 31 days (`cobol/copy/CPSRYACCT.INC`).
 * Table 1 is the day's total; table k (2…10) is the count of the day's (k−1)-th visit (受診履歴 `rennum`).
 * Stored as `ORCDBACCT.CBL` maps it: `tbl_sryacct_main.day_N` = table 1, `tbl_sryacct_sub` one row per
 * non-zero cell of tables 3…10 (`rennum` = table − 1, `date_hi` = day), `rennummax` = the highest sub
 * `rennum` written; table 2 is never stored and reads back as `day_N − Σ sub(day N)`.
 */
import type { Row } from '../orca-row.js';

export const DAY_TABLES = 10;
const DAYS = 31;

export class DayTable {
  /** counts[t][d]: table t+1, day d+1. */
  private readonly counts: number[][] = Array.from({ length: DAY_TABLES }, () => new Array<number>(DAYS).fill(0));

  /** ORCDBACCT `2001-SRYACCTM-FET-SEC`: tables 1 and 2 from `day_N`, then each sub cell moved out of table 2. */
  static fromRows(main: Row, subs: readonly Row[]): DayTable {
    const table = new DayTable();
    for (let d = 0; d < DAYS; d++) {
      const total = Number(main[`day_${d + 1}`] ?? 0);
      table.counts[0]![d] = total;
      table.counts[1]![d] = total;
    }
    for (const sub of subs) {
      const t = Number(sub.rennum);
      const d = Number(sub.date_hi) - 1;
      const count = Number(sub.day_cnt ?? 0);
      table.counts[t]![d] = count;
      table.counts[1]![d] = table.counts[1]![d]! - count;
    }
    return table;
  }

  /** The count of the day's `rennum`-th visit (table rennum + 1). */
  visitCount(rennum: number, day: number): number {
    return this.counts[rennum]![day - 1]!;
  }

  /** ORCSCGAIRAI `45014-SRYACCT-HEN-SEC`: the 剤's 回数 goes to table rennum + 1 on that day. */
  add(rennum: number, day: number, kaisu: number): void {
    if (rennum < 1 || rennum > DAY_TABLES - 1) throw new RangeError(`同日連番 ${rennum} outside 1..9`);
    this.counts[rennum]![day - 1]! += kaisu;
    this.resum(day);
  }

  /** A correction zeroes the visit's cell (ORCSCGAIRAI `4500112-TEISEI-SRYACCT-SEC`). */
  clear(rennum: number, day: number): void {
    this.counts[rennum]![day - 1] = 0;
    this.resum(day);
  }

  /** `450140-ZAIKAISU-HEN-SEC`: table 1 re-summed from tables 2…10 for the day. */
  private resum(day: number): void {
    let total = 0;
    for (let t = 1; t < DAY_TABLES; t++) total += this.counts[t]![day - 1]!;
    this.counts[0]![day - 1] = total;
  }

  /** `zaikaisu`: the month's total (Σ table 1). */
  zaikaisu(): number {
    return this.counts[0]!.reduce((sum, n) => sum + (n > 0 ? n : 0), 0);
  }

  /** `day_1 … day_31` and `rennummax` for the main row. */
  mainColumns(): Row {
    const row: Row = {};
    for (let d = 0; d < DAYS; d++) row[`day_${d + 1}`] = this.counts[0]![d]!;
    row.rennummax = this.subCells().reduce((max, cell) => Math.max(max, cell.rennum), 0);
    return row;
  }

  /** ORCDBACCT `2001-SRYACCTS-INS-SEC`: one sub row per non-zero cell of tables 3…10, table-major. */
  subCells(): { rennum: number; date_hi: number; day_cnt: number }[] {
    const cells: { rennum: number; date_hi: number; day_cnt: number }[] = [];
    for (let t = 2; t < DAY_TABLES; t++) {
      for (let d = 0; d < DAYS; d++) {
        const count = this.counts[t]![d]!;
        if (count > 0) cells.push({ rennum: t, date_hi: d + 1, day_cnt: count });
      }
    }
    return cells;
  }
}
