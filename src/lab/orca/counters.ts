/**
 * The 管理連番 as staff work moves them: lock the three `tbl_syskanri` rows (`FOR UPDATE`, as ORCA's
 * numbering does), issue numbers in memory, write the last issued values back before commit. Parsing and
 * splicing of `kanritbl` come from `core/sequences.ts`; call these inside a transaction.
 */
import type pg from 'pg';
import type { Sequences } from '../../core/domain.js';
import { GuardError } from '../../core/errors.js';
import { parseSequences, SEQUENCE_KANRICDS, spliceSequences, type SequenceRows } from '../../core/sequences.js';
import { formatPatientNumber } from './schema.js';
import type { Audit } from './zai.js';

export interface LockedCounters {
  rows: SequenceRows;
  /** Last issued values; raise these while issuing, then `writeCounters`. */
  values: Sequences;
}

/** Locks and reads the counter rows valid on `ymd`. */
export async function lockCounters(client: pg.Client, ymd: string): Promise<LockedCounters> {
  const result = await client.query<{ kanricd: keyof SequenceRows; kanritbl: string | null }>(
    `SELECT kanricd, kanritbl FROM tbl_syskanri
      WHERE hospnum = 1 AND kanricd = ANY($1::text[]) AND kbncd = '*' AND styukymd <= $2 AND edyukymd >= $2
      ORDER BY kanricd FOR UPDATE`,
    [[...SEQUENCE_KANRICDS], ymd],
  );
  const rows: SequenceRows = { '0041': null, '0042': null, '1009': null };
  for (const row of result.rows) rows[row.kanricd] = row.kanritbl;
  const missing = SEQUENCE_KANRICDS.filter((code) => !result.rows.some((row) => row.kanricd === code));
  if (missing.length > 0 || result.rows.length !== SEQUENCE_KANRICDS.length) {
    throw new GuardError({
      key: 'sequences.rowsMissing',
      params: { env: 'lab', date: ymd, missing: missing.join(', ') },
      hintKey: 'sequences.rowsMissing.hint',
    });
  }
  return { rows, values: parseSequences(rows) };
}

/** Writes the locked counters back (only rows whose text changed). */
export async function writeCounters(client: pg.Client, locked: LockedCounters, audit: Audit): Promise<void> {
  const next = spliceSequences(locked.rows, locked.values);
  for (const kanricd of SEQUENCE_KANRICDS) {
    if (next[kanricd] === locked.rows[kanricd]) continue;
    await client.query(
      `UPDATE tbl_syskanri SET kanritbl = $1, upymd = $2, uphms = $3, opid = $4
        WHERE hospnum = 1 AND kanricd = $5 AND kbncd = '*' AND styukymd <= $2 AND edyukymd >= $2`,
      [next[kanricd], audit.ymd, audit.hms, audit.opid, kanricd],
    );
  }
  locked.rows = next;
}

/** ORCA's slip numbering: last + 1, wrapping 99999999 → 1. */
export function issueSlip(locked: LockedCounters): number {
  const next = locked.values.outpatientSlip >= 99_999_999 ? 1 : locked.values.outpatientSlip + 1;
  locked.values.outpatientSlip = next;
  return next;
}

/** A new patient: ptid = PTID + 1, serial = RENNUM + 1, ptnum formatted by the 1009 layout. */
export function issuePatient(locked: LockedCounters): { ptid: number; serial: number; ptnum: string } {
  locked.values.patientId += 1;
  locked.values.patientSerial += 1;
  const serial = locked.values.patientSerial;
  return { ptid: locked.values.patientId, serial, ptnum: formatPatientNumber(locked.rows['1009'] ?? '', serial) };
}
