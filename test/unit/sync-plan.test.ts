/** Pure decisions of `sync`: newest by metadata, resume steps, the upload guard, durations and retention. */
import type { CatalogEntry } from '../../src/core/backup-catalog.js';
import { parseDuration } from '../../src/core/duration.js';
import { planRetention } from '../../src/core/retention.js';
import {
  chooseNewestBackup,
  decideUpload,
  findCataloged,
  makeDumpId,
  resumeStepFor,
} from '../../src/core/sync-plan.js';

const sha = (c: string) => c.repeat(64);

function entry(
  id: string,
  createdAt: string,
  source: CatalogEntry['source'] = 'operating',
  verified = true,
): CatalogEntry {
  return {
    id,
    source,
    createdAt,
    size: 10,
    sha256: sha('a'),
    verified,
    verifiedAt: createdAt,
    archiveVersion: '1.14-0',
    dumpedFrom: '15.1',
    dumpedBy: '15.1',
    tocEntries: 3,
    dumpPath: `/b/${source}/${id}.dump`,
  };
}

describe('chooseNewestBackup', () => {
  test('goes by createdAt, never by id or the order given (WAL-G #636)', () => {
    const list = [
      { id: 'zzz-old', createdAt: '2026-09-01T01:00:00Z', size: 1, sha256: sha('1') },
      { id: 'aaa-new', createdAt: '2026-09-06T01:00:00+09:00', size: 1, sha256: sha('2') },
      { id: 'mmm-mid', createdAt: '2026-09-03T01:00:00Z', size: 1, sha256: sha('3') },
    ];
    expect(chooseNewestBackup(list)?.id).toBe('aaa-new');
    expect(chooseNewestBackup([])).toBeNull();
    expect(chooseNewestBackup([{ id: 'x', createdAt: 'not a date', size: 1, sha256: sha('1') }])).toBeNull();
  });

  test('the catalog holds a backup only with the same id, sha256 and verified', () => {
    const e = entry('b1', '2026-09-06T01:00:00Z');
    expect(findCataloged([e], 'operating', { id: 'b1', createdAt: e.createdAt, size: 10, sha256: sha('a') })).toBe(e);
    expect(
      findCataloged([e], 'operating', { id: 'b1', createdAt: e.createdAt, size: 10, sha256: sha('b') }),
    ).toBeNull();
    expect(
      findCataloged([e], 'cloudEmergency', { id: 'b1', createdAt: e.createdAt, size: 10, sha256: sha('a') }),
    ).toBeNull();
    expect(
      findCataloged([{ ...e, verified: false }], 'operating', {
        id: 'b1',
        createdAt: e.createdAt,
        size: 10,
        sha256: sha('a'),
      }),
    ).toBeNull();
  });
});

describe('resumeStepFor (RELIABILITY.md lesson 2)', () => {
  test('206 appends, 200 restarts, 416 verifies only a partial of exactly the size', () => {
    expect(resumeStepFor({ status: 206, total: 100 }, 40, 100)).toEqual({ kind: 'append' });
    expect(resumeStepFor({ status: 200, total: 100 }, 40, 100)).toEqual({ kind: 'restart' });
    expect(resumeStepFor({ status: 416, total: 100 }, 100, 100)).toEqual({ kind: 'complete' });
    expect(resumeStepFor({ status: 416, total: 90 }, 100, 100)).toEqual({ kind: 'discard' });
    expect(resumeStepFor({ status: 416, total: null }, 120, 100)).toEqual({ kind: 'discard' });
    expect(resumeStepFor({ status: 404, total: null }, 0, 100)).toEqual({ kind: 'missing' });
  });
});

describe('decideUpload', () => {
  test('never over the cloud emergency environment while it is the active one', () => {
    expect(decideUpload({ mode: 'normal', selectedEmergency: 'cloud' }, 'normal-fa', true)).toEqual({ upload: true });
    expect(decideUpload({ mode: 'emergency', selectedEmergency: 'cloud' }, 'normal-fa', true)).toEqual({
      upload: false,
      reason: 'emergencyActive',
    });
    expect(decideUpload({ mode: 'recovery', selectedEmergency: 'cloud' }, null, true)).toEqual({
      upload: false,
      reason: 'emergencyActive',
    });
    expect(decideUpload({ mode: 'emergency', selectedEmergency: 'local' }, 'normal-fa', true)).toEqual({
      upload: true,
    });
    expect(decideUpload({ mode: 'normal', selectedEmergency: 'cloud' }, 'emergency-fa', true)).toEqual({
      upload: false,
      reason: 'emergencyReportsActive',
    });
    expect(decideUpload({ mode: 'normal', selectedEmergency: 'cloud' }, 'normal-fa', false)).toEqual({
      upload: false,
      reason: 'disabled',
    });
  });
});

describe('parseDuration', () => {
  test.each([
    ['90', 90_000],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    [' 2M ', 120_000],
    ['1.5h', 5_400_000],
    ['0.5', 500],
    ['7d', 604_800_000],
    ['1d2h', 93_600_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));
  test('a longer limit where a command allows one', () =>
    expect(parseDuration('30d', 31 * 86_400_000)).toBe(2_592_000_000));
  test.each(['', 'abc', '-5s', '1.5555h', '5 m', '9999h', '8d', 's', '.5'])('rejects %j', (text) =>
    expect(parseDuration(text)).toBeNull(),
  );
});

test('makeDumpId is a valid, sortable backup id', () => {
  expect(makeDumpId('localEmergency', new Date('2026-09-06T01:10:28.123Z'))).toBe('20260906T011028Z-local');
  expect(makeDumpId('operating', new Date('2026-09-06T01:10:28Z'))).toBe('20260906T011028Z-operating');
});

describe('planRetention', () => {
  const days = (n: number) => `2026-09-${String(n).padStart(2, '0')}T01:00:00Z`;

  test('keeps the N newest per environment by createdAt, not by name', () => {
    const entries = [
      entry('c', days(1)),
      entry('a', days(3)),
      entry('b', days(2)),
      entry('z', days(4)),
      entry('l1', days(1), 'localEmergency'),
    ];
    const plan = planRetention(entries, { keep: 2, restorePoints: {} });
    expect(plan.prune.map((e) => e.id)).toEqual(['c', 'b']);
    expect(plan.protectedExtra).toEqual([]);
  });

  test('never deletes a restore point, whichever environment it was restored into', () => {
    const entries = [entry('old', days(1)), entry('mid', days(2)), entry('new', days(3))];
    const plan = planRetention(entries, {
      keep: 1,
      restorePoints: { localEmergency: { backupId: 'old', restoredAt: days(5) } },
    });
    expect(plan.prune.map((e) => e.id)).toEqual(['mid']);
    expect(plan.protectedExtra).toEqual([{ entry: entries[0], reason: 'restorePoint' }]);
  });

  test('never deletes the newest verified dump, even behind newer unverified ones', () => {
    const entries = [
      entry('v1', days(1)),
      entry('v2', days(2)),
      entry('u3', days(3), 'operating', false),
      entry('u4', days(4), 'operating', false),
    ];
    const plan = planRetention(entries, { keep: 2, restorePoints: {} });
    expect(plan.prune.map((e) => e.id)).toEqual(['v1']);
    expect(plan.protectedExtra.map((p) => [p.entry.id, p.reason])).toEqual([['v2', 'newestVerified']]);
  });
});
