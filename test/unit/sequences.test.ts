import {
  parseSequences,
  planBump,
  raiseSequences,
  spliceSequences,
  type SequenceRows,
} from '../../src/core/sequences.js';
import type { Sequences } from '../../src/core/domain.js';
import { GuardError, UsageError, VerificationError } from '../../src/core/errors.js';

/** The 1009 row of ORCA-DATA.md §7: layout fields, NEN 2024, RENNUM, PTID, 年切替え月 01, then filler. */
const row1009 = (rennum: number, ptid: number, tail = '01'): string =>
  '2' +
  '0' +
  '00' +
  '4' +
  '2' +
  '0' +
  '06' +
  '0' +
  '000000' +
  '2024' +
  String(rennum).padStart(10, '0') +
  String(ptid).padStart(10, '0') +
  tail;

const rows = (outpatient: string | null, inpatient: string | null, patient: string | null): SequenceRows => ({
  '0041': outpatient,
  '0042': inpatient,
  '1009': patient,
});

const seq = (
  outpatientSlip: number,
  inpatientSlip: number,
  patientSerial: number,
  patientId = patientSerial,
): Sequences => ({
  outpatientSlip,
  inpatientSlip,
  patientSerial,
  patientId,
});

describe('parseSequences', () => {
  test('reads the fields of ORCA-DATA §3', () => {
    const parsed = parseSequences(rows('00000060' + ' '.repeat(20) + 'X', '00000020', row1009(110, 111)));
    expect(parsed).toEqual(seq(60, 20, 110, 111));
  });

  test('blank or missing text counts as 0, short rows are padded before reading', () => {
    expect(parseSequences(rows('        ', '', null))).toEqual(seq(0, 0, 0, 0));
    // A 1009 row trimmed right after RENNUM: PTID reads as blank = 0.
    expect(parseSequences(rows('00000001', '2', row1009(7, 0).slice(0, 30)))).toEqual(seq(1, 2, 7, 0));
  });

  test('refuses non-digits inside a field', () => {
    expect(() => parseSequences(rows('0000A060', '00000020', row1009(1, 1)))).toThrow(VerificationError);
  });
});

describe('spliceSequences', () => {
  test('writes zero-padded fields and keeps every other character', () => {
    const before = rows('00000060' + 'FILLER漢字', '00000020', row1009(110, 110, '01' + 'ﾖﾋﾞ'.repeat(3)));
    const after = spliceSequences(before, seq(61, 21, 112, 113));
    expect(after['0041']).toBe('00000061FILLER漢字');
    expect(after['0042']).toBe('00000021');
    expect(after['1009']).toBe(row1009(112, 113, '01' + 'ﾖﾋﾞ'.repeat(3)));
    expect(parseSequences(after)).toEqual(seq(61, 21, 112, 113));
  });

  test('pads a short row before splicing', () => {
    const after = spliceSequences(rows('5', null, '2000'), seq(6, 7, 8, 9));
    expect(after['0041']).toBe('00000006');
    expect(after['0042']).toBe('00000007');
    expect(after['1009']).toBe('2000' + ' '.repeat(16) + '0000000008' + '0000000009');
  });

  test('refuses a slip number of more than 8 digits', () => {
    expect(() => spliceSequences(rows('', '', ''), seq(100_000_000, 0, 0))).toThrow(GuardError);
    expect(() => spliceSequences(rows('', '', ''), seq(99_999_999, 99_999_999, 9_999_999_999))).not.toThrow();
  });
});

describe('planBump', () => {
  test('new = max(own, source + margin), never lower', () => {
    const plan = planBump(seq(50, 30, 100), seq(60, 20, 110), 5);
    expect(plan.after).toEqual(seq(65, 30, 115));
    expect(plan.raised).toEqual(['outpatientSlip', 'patientSerial', 'patientId']);
    expect(plan.before).toEqual(seq(50, 30, 100));
  });

  test('is idempotent when re-run against the same source', () => {
    const first = planBump(seq(50, 10, 100), seq(60, 20, 110), 10);
    const second = planBump(first.after, seq(60, 20, 110), 10);
    expect(second.after).toEqual(first.after);
    expect(second.raised).toEqual([]);
  });

  test('reproduces the manual worked example', () => {
    const backup = seq(50, 10, 100);
    let operating = seq(60, 20, 110); // operating kept issuing numbers after the backup
    let emergency = { ...backup }; // emergency restored from the backup
    emergency = planBump(emergency, operating, 0).after;
    expect(emergency).toEqual(seq(60, 20, 110));
    emergency = seq(70, 70, 120); // numbers issued during the outage
    operating = planBump(operating, emergency, 0).after;
    expect(operating).toEqual(seq(70, 70, 120));
  });

  test('no source adds the margin to the own values', () => {
    expect(planBump(seq(1, 2, 3, 4), null, 100).after).toEqual(seq(101, 102, 103, 104));
  });

  test('refuses an overflowing result and a bad margin', () => {
    expect(() => planBump(seq(0, 0, 0), seq(99_999_990, 0, 0), 10)).toThrow(GuardError);
    expect(() => planBump(seq(0, 0, 0), null, -1)).toThrow(UsageError);
  });
});

describe('raiseSequences', () => {
  test('raises only the given counters and never lowers', () => {
    expect(raiseSequences(seq(10, 10, 10), { outpatientSlip: 5, inpatientSlip: 12 })).toEqual(seq(10, 12, 10));
  });
});
