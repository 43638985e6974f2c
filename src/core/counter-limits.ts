/**
 * How far each 管理連番 may go before ORCA mis-numbers (docs/orca-data.md §3). Slip numbers are carried in
 * 7 digits (`PIC 9(07)` for the slip in the visit and 収納 records, and in the work field the outpatient and
 * inpatient saves copy the counter into), although 0041/0042 store 8 characters: past 9,999,999 a slip
 * would lose its leading digit. The patient number uses only the last N digits of RENNUM (1009: 標準構成
 * chars 8–9, 拡張構成 chars 13–14; 10 or more count as 10); past 10^N − 1 it would repeat an issued number.
 * Under 自由構成 (char 1 = `1`) the staff type the number and RENNUM is not used. PTID has 10 digits.
 */
import { SEQUENCE_NAMES, type SequenceName, type Sequences } from './domain.js';
import { GuardError } from './errors.js';

/** The largest slip number ORCA can carry. */
export const SLIP_LIMIT = 9_999_999;
/** A bump that leaves a counter at or above this share of its limit warns. */
export const NEAR_LIMIT_SHARE = 0.9;

export interface PatientNumberLayout {
  /** 1009 char 1: `1` 自由構成, `2` 標準構成, `3` 拡張構成. */
  kind: 'free' | 'standard' | 'extended' | 'unknown';
  /** Trailing RENNUM digits the patient number uses; null when the layout does not say. */
  serialDigits: number | null;
}

/** Reads the layout from the 1009 `kanritbl` (null: row unreadable or not given). */
export function parsePatientNumberLayout(kanritbl: string | null): PatientNumberLayout {
  const text = Array.from(kanritbl ?? '');
  const digitsAt = (start: number): number | null => {
    const field = text.slice(start - 1, start + 1).join('');
    return /^\d{2}$/.test(field) && Number(field) > 0 ? Math.min(10, Number(field)) : null;
  };
  switch (text[0]) {
    case '1':
      return { kind: 'free', serialDigits: null };
    case '2':
      return { kind: 'standard', serialDigits: digitsAt(8) };
    case '3':
      return { kind: 'extended', serialDigits: digitsAt(13) };
    default:
      return { kind: 'unknown', serialDigits: null };
  }
}

/** The highest value each counter may reach; RENNUM by the layout (10 digits when unknown or free). */
export function counterLimits(layout: PatientNumberLayout | null): Sequences {
  const digits = layout && layout.kind !== 'free' ? (layout.serialDigits ?? 10) : 10;
  return {
    outpatientSlip: SLIP_LIMIT,
    inpatientSlip: SLIP_LIMIT,
    patientSerial: 10 ** digits - 1,
    patientId: 9_999_999_999,
  };
}

/** Refuses (exit 5) a raised counter past its limit: ORCA would wrap or truncate it into issued numbers. */
export function assertRaisedWithinLimits(before: Sequences, after: Sequences, limits: Sequences): void {
  for (const name of SEQUENCE_NAMES) {
    if (after[name] <= before[name] || after[name] <= limits[name]) continue;
    throw new GuardError({
      key: name === 'patientSerial' ? 'sequences.wouldWrap' : 'sequences.pastLimit',
      params: { name, value: after[name], limit: limits[name] },
      hintKey: 'sequences.pastLimit.hint',
    });
  }
}

/** Counters at or above 90 % of their limit after the bump (a warning: the clinic must plan a renumbering). */
export function nearLimits(after: Sequences, limits: Sequences, layout: PatientNumberLayout | null): SequenceName[] {
  return SEQUENCE_NAMES.filter(
    (name) =>
      !(name === 'patientSerial' && layout?.kind === 'free') &&
      after[name] >= Math.ceil(limits[name] * NEAR_LIMIT_SHARE),
  );
}
