/**
 * The width guards of `bump-seq` at their edges: 7-digit slips (9,999,999), the patient number's last N
 * digits of RENNUM (1009 chars 8–9 标准 / 13–14 拡張), 自由構成, and the 90 % warning.
 */
import { describe, expect, it } from '@jest/globals';
import { counterLimits, nearLimits, parsePatientNumberLayout, SLIP_LIMIT } from '../../src/core/counter-limits.js';
import { GuardError } from '../../src/core/errors.js';
import { planBump, raiseSequences } from '../../src/core/sequences.js';

const seq = (a: number, b: number, c: number, d = c) => ({
  outpatientSlip: a,
  inpatientSlip: b,
  patientSerial: c,
  patientId: d,
});
/** chars 1–20 of a 1009 row: kind, 自由 (3), 標準 kind/year/init/digits (5), 拡張 kind/before/serial/after (7), NEN. */
const layout1009 = (kind: string, standardDigits: string, extendedDigits = '00') =>
  kind + '0' + '00' + '4' + '2' + '0' + standardDigits + '0' + '00' + extendedDigits + '00' + '2024';

describe('parsePatientNumberLayout', () => {
  it('takes the serial digits from chars 8–9 (標準構成) or 13–14 (拡張構成); 10 or more count as 10', () => {
    expect(parsePatientNumberLayout(layout1009('2', '06'))).toEqual({ kind: 'standard', serialDigits: 6 });
    expect(parsePatientNumberLayout(layout1009('3', '06', '08'))).toEqual({ kind: 'extended', serialDigits: 8 });
    expect(parsePatientNumberLayout(layout1009('2', '12'))).toEqual({ kind: 'standard', serialDigits: 10 });
    expect(parsePatientNumberLayout(layout1009('2', '  '))).toEqual({ kind: 'standard', serialDigits: null });
    expect(parsePatientNumberLayout(layout1009('1', '06'))).toEqual({ kind: 'free', serialDigits: null });
    expect(parsePatientNumberLayout(null)).toEqual({ kind: 'unknown', serialDigits: null });
  });
});

describe('limits at their edges', () => {
  const six = counterLimits(parsePatientNumberLayout(layout1009('2', '06')));
  it('slips stop at 9,999,999 (7 digits), the patient serial at 10^N − 1', () => {
    expect(six).toEqual({
      outpatientSlip: 9_999_999,
      inpatientSlip: 9_999_999,
      patientSerial: 999_999,
      patientId: 9_999_999_999,
    });
    expect(SLIP_LIMIT).toBe(9_999_999);
    expect(() => raiseSequences(seq(0, 0, 0), { outpatientSlip: 9_999_999 }, six)).not.toThrow();
    expect(() => raiseSequences(seq(0, 0, 0), { outpatientSlip: 10_000_000 }, six)).toThrow(
      expect.objectContaining({ key: 'sequences.pastLimit', exitCode: 5 }),
    );
    expect(() => raiseSequences(seq(0, 0, 0), { inpatientSlip: 10_000_000 }, six)).toThrow(GuardError);
    expect(() => raiseSequences(seq(0, 0, 0), { patientSerial: 999_999 }, six)).not.toThrow();
    expect(() => raiseSequences(seq(0, 0, 0), { patientSerial: 1_000_000 }, six)).toThrow(
      expect.objectContaining({ key: 'sequences.wouldWrap' }),
    );
  });
  it('never refuses a counter the bump leaves as it is, even one already past its limit', () => {
    expect(raiseSequences(seq(12_000_000, 0, 0), { outpatientSlip: 5, inpatientSlip: 7 }, six)).toEqual(
      seq(12_000_000, 7, 0),
    );
  });
  it('自由構成 and an unknown layout check RENNUM against its 10-digit field only', () => {
    const free = counterLimits(parsePatientNumberLayout(layout1009('1', '06')));
    expect(free.patientSerial).toBe(9_999_999_999);
    expect(counterLimits(null).patientSerial).toBe(9_999_999_999);
    expect(() => planBump(seq(0, 0, 0), seq(0, 0, 9_999_999_999), 0, { limits: free })).not.toThrow();
    expect(() => planBump(seq(0, 0, 0), seq(0, 0, 9_999_999_999), 1, { limits: free })).toThrow(GuardError);
  });
  it('warns from 90 % of a limit on (not for RENNUM under 自由構成)', () => {
    const layout = parsePatientNumberLayout(layout1009('2', '06'));
    expect(nearLimits(seq(8_999_999, 8_999_999, 899_999), six, layout)).toEqual([]);
    expect(nearLimits(seq(9_000_000, 0, 900_000), six, layout)).toEqual(['outpatientSlip', 'patientSerial']);
    const free = parsePatientNumberLayout(layout1009('1', '06'));
    expect(nearLimits(seq(0, 0, 9_500_000_000, 0), counterLimits(free), free)).toEqual([]);
  });
  it('a margin over max(own, reading) is not idempotent by itself: base "max" adds it again', () => {
    const once = planBump(seq(50, 50, 50), seq(40, 40, 40), 10, { base: 'max' });
    expect(once.after).toEqual(seq(60, 60, 60));
    expect(planBump(once.after, seq(40, 40, 40), 10, { base: 'max' }).after).toEqual(seq(70, 70, 70));
    expect(planBump(once.after, seq(40, 40, 40), 10).raised).toEqual([]);
  });
});
