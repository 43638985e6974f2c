/**
 * The 管理連番 as ORCA's programs move them: read the `tbl_syskanri` row valid on a date (path key10:
 * kbncd '*', styukymd ≤ date ≤ edyukymd) without locking, change the field, write the whole row back by its
 * primary key. At REPEATABLE READ (panda's sessions) a concurrent writer of the same row then fails with a
 * serialization error instead of issuing a number twice.
 */
import { SEQUENCE_FIELDS } from '../../../core/sequences.js';
import type { SequenceName } from '../../../core/domain.js';
import type { Book } from '../book/book.js';
import type { Row } from '../orca-row.js';
import { updated, type Audit } from './audit.js';

/** The counter row of `kanricd` valid on `ymd` (ORCA's key10), or an error as ORCA's 0005 / 1011. */
export function counterRow(clinic: Book, kanricd: string, ymd: string): Row {
  const row = clinic
    .rows('tbl_syskanri')
    .find((r) => r.kanricd === kanricd && r.kbncd === '*' && String(r.styukymd) <= ymd && String(r.edyukymd) >= ymd);
  if (!row) throw new Error(`tbl_syskanri ${kanricd} has no row valid on ${ymd}`);
  return row;
}

export function readField(row: Row, name: SequenceName): number {
  const { start, length } = SEQUENCE_FIELDS[name];
  const text = Array.from(String(row.kanritbl ?? '').padEnd(start + length - 1))
    .slice(start - 1, start - 1 + length)
    .join('')
    .trim();
  return text === '' ? 0 : Number(text);
}

export function withField(row: Row, name: SequenceName, value: number): Row {
  const { start, length } = SEQUENCE_FIELDS[name];
  const chars = Array.from(String(row.kanritbl ?? '').padEnd(start + length - 1));
  chars.splice(start - 1, length, ...String(value).padStart(length, '0').slice(-length));
  return { ...row, kanritbl: chars.join('') };
}

/**
 * ORCSCGAIRAI `45001-DENPNUM-SET-SEC`: 0041 valid on the 診療日, DENPNUMMAX + 1 (9(08): past 99999999 it
 * wraps to 0, and 0 becomes 1), whole row written back. The slip carries only the low 7 digits
 * (`WRK-DENPNUM PIC 9(07)`).
 */
export function issueOutpatientSlip(clinic: Book, sryymd: string, audit: Audit): number {
  const row = counterRow(clinic, '0041', sryymd);
  let next = (readField(row, 'outpatientSlip') + 1) % 100_000_000;
  if (next === 0) next = 1;
  clinic.update('tbl_syskanri', { ...withField(row, 'outpatientSlip', next), ...updated(audit) });
  return next % 10_000_000;
}

/** ORCGI04 `4801-DENPNUM-SET-SEC`: 0042 valid on the system date, blank = 0, + 1, whole row written back. */
export function issueInpatientSlip(clinic: Book, today: string, audit: Audit): number {
  const row = counterRow(clinic, '0042', today);
  const next = readField(row, 'inpatientSlip') + 1;
  clinic.update('tbl_syskanri', { ...withField(row, 'inpatientSlip', next), ...updated(audit) });
  return next;
}
