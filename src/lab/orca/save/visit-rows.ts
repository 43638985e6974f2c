/**
 * 受診履歴 (`tbl_jyurrk`) of one (insurance combination, department) pair of an outpatient save.
 * Numbering (ORCSCGAIRAI `1003-JYURRK-SYORI1-SEC`, rows read by path key4 = same patient, 入外, department
 * and day ordered by rennum, douji_rennum, edanum; the last one decides): a department saved under several
 * insurances at once keeps one `rennum` and counts `douji_rennum` 1, 2, …; otherwise `rennum` = last + 1 and
 * `douji_rennum` 0. A correction keeps the old `rennum` and writes `kaikei_rennum` = old + 1.
 * Rows (`45001-JYURRK-SYORI2/3-SEC`, `45001-JYURRK-SYOKI-SEC`): each 剤 sets its 診療区分 flag, then its
 * `zainum` goes into the next free slot unless the pair already listed it; a 16th slot writes the row and
 * starts the next (`edanum` + 1, flags cleared).
 */
import type { Book } from '../book/book.js';
import { orcaRow, type Row } from '../orca-row.js';
import { created, type Audit } from './audit.js';

/** 診療区分 → the `srykbnN` flag it sets ('01'). */
const SRYKBN_FLAG: Record<string, number> = {
  '11': 1, '12': 1, '13': 1, '14': 1, '21': 2, '22': 3, '23': 4, '31': 5, '32': 5, '33': 5,
  '40': 6, '50': 7, '54': 8, '60': 9, '64': 9, '70': 10, '80': 11,
}; // prettier-ignore

/** The `srykbnN` column a 剤 of this 診療区分 flags, if any. */
export function srykbnColumn(srykbn: string): string | undefined {
  const flag = SRYKBN_FLAG[srykbn];
  return flag === undefined ? undefined : `srykbn${flag}`;
}

export interface VisitNumbers {
  rennum: number;
  doujiRennum: number;
  kaikeiRennum: number;
}

export interface PairPlace {
  /** How many insurances this department is saved under in this save (WRK-SRYKA-MAX). */
  insurancesOfDepartment: number;
  /** Which of them this pair is, from 1 (WRK-SRYKA-REN). */
  insuranceIndex: number;
  /** A correction's numbers of this department's old rows (WRK-TEI-RENNUM / -KAIKEI-RENNUM). */
  corrected?: { rennum: number; kaikeiRennum: number };
}

export function numberVisit(book: Book, key: Row, place: PairPlace): VisitNumbers {
  const rows = book
    .find('tbl_jyurrk', key)
    .filter((r) => !place.corrected || Number(r.rennum) === place.corrected.rennum)
    .sort((a, b) => Number(a.rennum) - Number(b.rennum) || Number(a.douji_rennum) - Number(b.douji_rennum));
  const last = rows[rows.length - 1];
  const lastRennum = Number(last?.rennum ?? 0);
  const lastDouji = Number(last?.douji_rennum ?? 0);
  const several = place.insurancesOfDepartment > 1;
  if (several && place.insuranceIndex > 1) {
    return { rennum: lastRennum, doujiRennum: lastDouji + 1, kaikeiRennum: (place.corrected?.kaikeiRennum ?? 0) + 1 };
  }
  if (place.corrected) {
    return {
      rennum: place.corrected.rennum,
      doujiRennum: several ? 1 : 0,
      kaikeiRennum: place.corrected.kaikeiRennum + 1,
    };
  }
  if (lastRennum >= 9) throw new Error('ORCA allows 9 visits a day per department (同日連番 is 9(01); error 0105)');
  return { rennum: lastRennum + 1, doujiRennum: several ? 1 : 0, kaikeiRennum: 1 };
}

/** Collects a pair's 剤 into jyurrk rows and inserts them when the pair is done. */
export class VisitRows {
  private readonly rows: Row[] = [];
  private current: Row;
  private slot = 0;
  private readonly listed = new Set<number>();

  constructor(
    private readonly base: Row,
    private readonly audit: Audit,
  ) {
    this.current = this.start(1);
  }

  private start(edanum: number): Row {
    return orcaRow('tbl_jyurrk', { ...this.base, edanum, ...created(this.audit) });
  }

  add(srykbn: string, zainum: number): void {
    const column = srykbnColumn(srykbn);
    if (column) this.current[column] = '01';
    if (this.listed.has(zainum)) return;
    this.listed.add(zainum);
    this.slot += 1;
    if (this.slot > 15) {
      this.rows.push(this.current);
      this.current = this.start(Number(this.current.edanum) + 1);
      this.slot = 1;
    }
    this.current[`zainum${this.slot}`] = zainum;
  }

  /** `45001-JYURRK-SYORI3-SEC`: the rows, inserted in edanum order. */
  write(book: Book): Row[] {
    const rows = [...this.rows, this.current];
    for (const row of rows) book.insert('tbl_jyurrk', row);
    return rows;
  }
}
