/**
 * The 管理連番 as ORCA keeps them in `tbl_syskanri.kanritbl` (ORCA-DATA.md §3), read and written without I/O.
 * Positions are 1-based characters: 0041/0042 chars 1–8 = last slip number issued (blank = 0);
 * 1009 chars 21–30 = RENNUM (patient-number serial), 31–40 = PTID (internal patient id).
 * ORCA trims trailing filler, so a row may be shorter than its layout: pad before reading or splicing,
 * and keep every character outside the counter fields exactly as it was.
 */
import type { SequenceName, Sequences } from './domain.js';
import { SEQUENCE_NAMES } from './domain.js';
import { assertRaisedWithinLimits } from './counter-limits.js';
import { GuardError, UsageError, VerificationError } from './errors.js';

export const SEQUENCE_KANRICDS = ['0041', '0042', '1009'] as const;
export type SequenceKanricd = (typeof SEQUENCE_KANRICDS)[number];
/** The `kanritbl` text of each counter row (null when the column is NULL). */
export type SequenceRows = Record<SequenceKanricd, string | null>;

/**
 * Largest value each `kanritbl` field can hold: 9(08) for slips, 9(10) for RENNUM and PTID. What ORCA can
 * actually issue is less (7-digit slips, N-digit patient numbers): `counter-limits.ts`.
 */
export const SEQUENCE_LIMITS: Readonly<Sequences> = {
  outpatientSlip: 99_999_999,
  inpatientSlip: 99_999_999,
  patientSerial: 9_999_999_999,
  patientId: 9_999_999_999,
};

/** Which row holds each counter, and where (1-based start, length). */
export const SEQUENCE_FIELDS: Readonly<
  Record<SequenceName, { kanricd: SequenceKanricd; start: number; length: number }>
> = {
  outpatientSlip: { kanricd: '0041', start: 1, length: 8 },
  inpatientSlip: { kanricd: '0042', start: 1, length: 8 },
  patientSerial: { kanricd: '1009', start: 21, length: 10 },
  patientId: { kanricd: '1009', start: 31, length: 10 },
};

/** Reads the four counters from the three rows; a blank field is 0, anything but digits is refused. */
export function parseSequences(rows: SequenceRows): Sequences {
  const out = {} as Sequences;
  for (const name of SEQUENCE_NAMES) out[name] = readField(rows, name);
  return out;
}

function readField(rows: SequenceRows, name: SequenceName): number {
  const { kanricd, start, length } = SEQUENCE_FIELDS[name];
  const chars = padChars(rows[kanricd] ?? '', start + length - 1);
  const text = chars
    .slice(start - 1, start - 1 + length)
    .join('')
    .trim();
  if (text === '') return 0;
  if (!/^\d+$/.test(text)) {
    throw new VerificationError({ key: 'sequences.malformed', params: { kanricd, name, start, length } });
  }
  return Number(text);
}

/**
 * Writes `values` into the rows' counter fields (zero-padded) and returns the new `kanritbl` texts.
 * Every character outside the written fields is kept; a short row is padded with spaces up to the field.
 */
export function spliceSequences(rows: SequenceRows, values: Sequences): SequenceRows {
  assertWithinLimits(values);
  const out: SequenceRows = { ...rows };
  for (const name of SEQUENCE_NAMES) {
    const { kanricd, start, length } = SEQUENCE_FIELDS[name];
    const chars = padChars(out[kanricd] ?? '', start + length - 1);
    const digits = String(values[name]).padStart(length, '0');
    chars.splice(start - 1, length, ...digits);
    out[kanricd] = chars.join('');
  }
  return out;
}

/** Characters (code points, as PostgreSQL counts them) padded with spaces to at least `length`. */
function padChars(text: string, length: number): string[] {
  const chars = Array.from(text);
  while (chars.length < length) chars.push(' ');
  return chars;
}

/** Refuses a value a field cannot hold (a 9th slip digit would shift ORCA's fixed layout). */
export function assertWithinLimits(values: Sequences): void {
  for (const name of SEQUENCE_NAMES) {
    const value = values[name];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new UsageError({ key: 'sequences.invalidValue', params: { name, value: String(value) } });
    }
    if (value > SEQUENCE_LIMITS[name]) {
      throw new GuardError({ key: 'sequences.overflow', params: { name, value, limit: SEQUENCE_LIMITS[name] } });
    }
  }
}

/**
 * Each counter raised to at least the given value; never lowered. A raised counter past `limits` (what
 * ORCA can issue; the field widths by default) is refused; one left as it is never is.
 */
export function raiseSequences(
  current: Sequences,
  atLeast: Partial<Sequences>,
  limits: Sequences = SEQUENCE_LIMITS,
): Sequences {
  const out = { ...current };
  for (const name of SEQUENCE_NAMES) {
    const wanted = atLeast[name];
    if (wanted === undefined) continue;
    if (!Number.isSafeInteger(wanted) || wanted < 0)
      throw new UsageError({ key: 'sequences.invalidValue', params: { name, value: String(wanted) } });
    out[name] = Math.max(out[name], wanted);
  }
  assertRaisedWithinLimits(current, out, limits);
  return out;
}

export interface BumpPlan {
  before: Sequences;
  after: Sequences;
  /** Counters whose value goes up. */
  raised: SequenceName[];
}

export interface BumpPlanOptions {
  /**
   * `source` (default): new = max(own, source + margin). `max`: new = max(own, source) + margin, for a
   * reading that cannot cover what the source issued since the target's backup was taken.
   */
  base?: 'source' | 'max';
  /** What ORCA can issue (`counterLimits`); the field widths by default. */
  limits?: Sequences;
}

/**
 * Plans a bump of `target`'s counters past `source`'s: new = max(own, source + margin) per counter.
 * Issue 5 words it "max(own, source) + margin"; adding the margin to the source only is what keeps the
 * operation idempotent (re-running after success changes nothing) while it still never lowers a counter
 * and still leaves `margin` spare numbers above the source. With no source (null) the margin is added to
 * the target's own values — a deliberate skip-ahead, which by nature is not idempotent; so is `base:
 * 'max'`, which the caller makes idempotent by remembering the bump (bump-run.ts).
 * Throws GuardError when a raised value would pass `limits`.
 */
export function planBump(
  target: Sequences,
  source: Sequences | null,
  margin: number,
  options: BumpPlanOptions = {},
): BumpPlan {
  if (!Number.isSafeInteger(margin) || margin < 0) {
    throw new UsageError({ key: 'sequences.invalidMargin', params: { margin: String(margin) } });
  }
  const base = source ?? target;
  const wanted = {} as Sequences;
  for (const name of SEQUENCE_NAMES)
    wanted[name] = (options.base === 'max' ? Math.max(base[name], target[name]) : base[name]) + margin;
  const after = raiseSequences(target, wanted, options.limits);
  const raised = SEQUENCE_NAMES.filter((name) => after[name] > target[name]);
  return { before: { ...target }, after, raised };
}
