/** `runBump` over hand-written fakes of EnvironmentControl: source choice, fallback, margins, dry run, confirmation. */
import { describe, expect, it } from '@jest/globals';
import { runBump, type BumpRunOptions, type BumpRunPorts } from '../../src/core/bump-run.js';
import { chooseMargin, defaultBumpSource } from '../../src/core/bump-source.js';
import type { PatientNumberLayout } from '../../src/core/counter-limits.js';
import type { Sequences } from '../../src/core/domain.js';
import { CancelledError, GuardError, UnreachableError } from '../../src/core/errors.js';
import type { EnvironmentControl } from '../../src/core/ports.js';
import { raiseSequences } from '../../src/core/sequences.js';

const seq = (a: number, b: number, c: number, d = c): Sequences => ({
  outpatientSlip: a,
  inpatientSlip: b,
  patientSerial: c,
  patientId: d,
});

/** An in-memory environment; `down` makes reads fail as an unreachable one does. */
function control(
  env: EnvironmentControl['env'],
  values: Sequences,
  down = false,
): EnvironmentControl & { values: Sequences; writes: number } {
  const fake = {
    env,
    values,
    writes: 0,
    async readSequences() {
      if (down) throw new UnreachableError({ key: 'postgres.unreachable' });
      return { ...fake.values };
    },
    async bumpSequences(atLeast: Partial<Sequences>) {
      const before = { ...fake.values };
      fake.values = raiseSequences(before, atLeast);
      fake.writes++;
      return { before, after: { ...fake.values } };
    },
    readMode: async () => null,
    pushMode: async () => undefined,
  };
  return fake;
}

const options = (extra: Partial<BumpRunOptions> = {}): BumpRunOptions => ({
  target: 'localEmergency',
  sourceEnv: 'operating',
  fromLastKnown: false,
  configuredMargins: { margin: 0, lastKnownMargin: 100 },
  lastKnown: undefined,
  maxAgeSeconds: 48 * 3600,
  force: false,
  targetBackupCreatedAt: null,
  lastBump: undefined,
  dryRun: false,
  requestId: 'bump:test-0001',
  ...extra,
});

function ports(
  target: EnvironmentControl,
  source: EnvironmentControl | null,
  answer = true,
): BumpRunPorts & { fallbacks: number; asked: number } {
  const p = {
    target,
    source,
    fallbacks: 0,
    asked: 0,
    confirm: async () => (p.asked++, answer),
    events: { sourceFallback: () => void p.fallbacks++ },
    clock: { now: () => new Date('2026-01-01T12:00:00Z') },
  };
  return p;
}

describe('runBump', () => {
  it('raises each counter to max(own, source + margin) after asking once', async () => {
    const target = control('localEmergency', seq(50, 30, 100, 200));
    const p = ports(target, control('operating', seq(60, 20, 110)));
    const report = await runBump(options({ margin: 5 }), p);
    expect(report).toMatchObject({
      before: seq(50, 30, 100, 200),
      after: seq(65, 30, 115, 200),
      raised: ['outpatientSlip', 'patientSerial'],
      margin: 5,
    });
    expect([p.asked, target.writes]).toEqual([1, 1]);
  });

  it('writes nothing on a dry run, and neither asks nor writes when nothing would rise', async () => {
    const target = control('localEmergency', seq(50, 10, 100));
    const dry = ports(target, control('operating', seq(60, 20, 110)));
    expect((await runBump(options({ dryRun: true }), dry)).after).toEqual(seq(60, 20, 110));
    expect([dry.asked, target.writes, target.values]).toEqual([0, 0, seq(50, 10, 100)]);
    const level = ports(target, control('operating', seq(40, 10, 90)));
    expect((await runBump(options(), level)).raised).toEqual([]);
    expect([level.asked, target.writes]).toEqual([0, 0]);
  });

  it('falls back to the last-known reading of an unreachable source, with the last-known margin', async () => {
    const target = control('localEmergency', seq(0, 0, 0));
    const p = ports(target, control('operating', seq(0, 0, 0), true));
    const lastKnown = { values: seq(60, 20, 110), readAt: '2026-01-01T10:00:00Z' };
    const report = await runBump(options({ lastKnown }), p);
    expect(report).toMatchObject({
      source: { reading: 'lastKnown', ageSeconds: 7200 },
      margin: 100,
      after: seq(160, 120, 210),
    });
    expect(p.fallbacks).toBe(1);
    const noReading = ports(control('localEmergency', seq(0, 0, 0)), control('operating', seq(0, 0, 0), true));
    expect(await runBump(options(), noReading).catch((e: unknown) => e)).toBeInstanceOf(UnreachableError);
    expect(
      await runBump(options({ fromLastKnown: true }), ports(target, null)).catch((e: unknown) => e),
    ).toBeInstanceOf(GuardError);
  });

  it('refuses a last-known reading older than --max-age unless forced, and always reports its age', async () => {
    const target = control('localEmergency', seq(0, 0, 0));
    const lastKnown = { values: seq(60, 20, 110), readAt: '2025-12-30T11:59:59Z' };
    const old = await runBump(options({ fromLastKnown: true, lastKnown }), ports(target, null)).catch(
      (e: unknown) => e,
    );
    expect(old).toMatchObject({ key: 'bump.readingTooOld', exitCode: 5, params: { hours: 48, maxHours: 48 } });
    expect(target.writes).toBe(0);
    const forced = await runBump(options({ fromLastKnown: true, lastKnown, force: true }), ports(target, null));
    expect(forced.source).toMatchObject({ reading: 'lastKnown', ageSeconds: 172_801 });
    expect(forced.after).toEqual(seq(160, 120, 210));
  });

  it('a reading older than the restored backup adds the margin over max(own, reading), once per reading', async () => {
    // The target was restored from a backup made after the reading: its own counters cover the reading
    // up to the backup, but not what the source issued since.
    const target = control('localEmergency', seq(70, 30, 120));
    const lastKnown = { values: seq(60, 20, 110), readAt: '2026-01-01T08:00:00Z' };
    const base = options({ fromLastKnown: true, lastKnown, targetBackupCreatedAt: '2026-01-01T09:00:00Z' });
    const first = await runBump(base, ports(target, null));
    expect(first).toMatchObject({ basis: 'max', after: seq(170, 130, 220), record: { readAt: lastKnown.readAt } });
    const again = await runBump({ ...base, lastBump: first.record! }, ports(target, null));
    expect(again).toMatchObject({ basis: 'recorded', raised: [], after: seq(170, 130, 220) });
    expect(target.writes).toBe(1);
    // A newer reading is idempotent by itself.
    const fresh = await runBump({ ...base, targetBackupCreatedAt: '2026-01-01T07:00:00Z' }, ports(target, null));
    expect(fresh).toMatchObject({ basis: 'source', raised: [] });
  });

  it('reports exit 8 when the read-back after the commit shows the bump undone by another writer', async () => {
    const target = control('localEmergency', seq(0, 0, 0));
    target.bumpSequences = async () => ({ before: seq(0, 0, 0), after: seq(0, 20, 110) });
    const error = await runBump(options(), ports(target, control('operating', seq(60, 20, 110)))).catch((e) => e);
    expect(error).toMatchObject({ key: 'bump.undone', exitCode: 8, params: { counters: 'outpatientSlip' } });
  });

  it('checks the target layout: a wrapping RENNUM is refused, 自由構成 and an unknown layout are noted', async () => {
    let layout: PatientNumberLayout = { kind: 'standard', serialDigits: 3 };
    const target = Object.assign(control('localEmergency', seq(0, 0, 0)), {
      readPatientNumberLayout: async () => layout,
    });
    const wraps = await runBump(options(), ports(target, control('operating', seq(1, 1, 1000)))).catch((e) => e);
    expect(wraps).toMatchObject({ key: 'sequences.wouldWrap', params: { limit: 999 } });
    const near = await runBump(options(), ports(target, control('operating', seq(1, 1, 900))));
    expect(near).toMatchObject({ nearLimit: ['patientSerial'], notes: [] });
    layout = { kind: 'free', serialDigits: null };
    const free = await runBump(options(), ports(target, control('operating', seq(1, 1, 5000))));
    expect(free.notes.map((n) => n.key)).toEqual(['bump.note.freeLayout']);
    const unknown = await runBump(
      options(),
      ports(control('localEmergency', seq(0, 0, 0)), control('operating', seq(1, 1, 1))),
    );
    expect(unknown.notes.map((n) => n.key)).toEqual(['bump.note.layoutUnknown']);
  });

  it('is cancelled (exit 130) when the go-ahead is refused, without writing', async () => {
    const target = control('localEmergency', seq(0, 0, 0));
    expect(
      await runBump(options(), ports(target, control('operating', seq(1, 1, 1)), false)).catch((e: unknown) => e),
    ).toBeInstanceOf(CancelledError);
    expect(target.writes).toBe(0);
  });
});

describe('source and margin defaults', () => {
  it('bumps emergency environments past operating, and operating past the selected emergency environment', () => {
    expect(defaultBumpSource('localEmergency', { selectedEmergency: 'cloud' })).toBe('operating');
    expect(defaultBumpSource('operating', { selectedEmergency: 'local' })).toBe('localEmergency');
  });
  it('uses --margin when given, else the margin configured for the kind of reading', () => {
    expect(chooseMargin(7, 'lastKnown', { margin: 0, lastKnownMargin: 100 })).toBe(7);
    expect(chooseMargin(undefined, 'live', { margin: 3, lastKnownMargin: 100 })).toBe(3);
    expect(chooseMargin(undefined, 'lastKnown', { margin: 3, lastKnownMargin: 100 })).toBe(100);
  });
});
