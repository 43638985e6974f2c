/** The human rendering of `restore` and `bump-seq`, and their `--json` documents, from reports made by hand. */
import type { CatalogEntry } from '../../src/core/backup-catalog.js';
import type { BumpReport } from '../../src/core/bump-run.js';
import type { BumpAdvice } from '../../src/core/restore-advice.js';
import type { RestoreReport } from '../../src/core/restore-run.js';
import { translator } from '../../src/ui/i18n.js';
import {
  bumpNotes,
  bumpOutcome,
  renderBumpOutcome,
  renderBumpSource,
  renderBumpTable,
} from '../../src/ui/bump-render.js';
import {
  dropKeptOutcome,
  renderCountersAdvice,
  renderGateChecks,
  renderRestoreResult,
  restoreOutcome,
} from '../../src/ui/restore-render.js';

const en = translator('en');
const counters = { outpatientSlip: 50, inpatientSlip: 10, patientSerial: 100, patientId: 100 };
const backup = { id: '20260906T011028Z-nightly', createdAt: '2026-09-06T01:10:28.000Z' } as CatalogEntry;

function restored(safetyBackupId: string | null, over: Partial<RestoreReport> = {}): RestoreReport {
  return {
    target: 'localEmergency',
    backupId: backup.id,
    safetyBackupId,
    keptDatabases: [],
    seconds: 24.64,
    backup,
    sequences: counters,
    bump: null,
    webOrcaAnswered: true,
    warnings: [],
    ...over,
  };
}
const advice: BumpAdvice = {
  command: 'orca-hybrid bump-seq --env localEmergency --from operating',
  reasons: [
    {
      key: 'restore.advice.belowOther',
      params: { env: 'operating', counters: 'outpatientSlip, patientId', readAt: 'x' },
    },
    { key: 'restore.advice.emergency', params: {} },
  ],
};

function bump(over: Partial<BumpReport> = {}): BumpReport {
  return {
    env: 'localEmergency',
    source: {
      env: 'operating',
      reading: 'live',
      values: { ...counters, outpatientSlip: 60 },
      readAt: '2026-09-06T09:00:00.000Z',
      ageSeconds: 0,
    },
    margin: 0,
    basis: 'source',
    before: counters,
    after: { ...counters, outpatientSlip: 60 },
    raised: ['outpatientSlip'],
    nearLimit: [],
    layout: { kind: 'standard', serialDigits: 6 },
    notes: [],
    record: null,
    dryRun: false,
    ...over,
  };
}

test('each gate shows its mark and the two values it compared', () => {
  const text = renderGateChecks(
    [
      { gate: 'institution', dump: '1312345678', target: '1312345678', ok: true },
      { gate: 'serverVersion', dump: 'pg_dump 17.2', target: 'server 16.4', ok: false },
    ],
    en,
    false,
  );
  expect(text.split('\n')).toEqual([
    '  ✓ institution code (tbl_syskanri 1001) of the dump 1312345678 = configured/target 1312345678',
    '  ✗ dump made by pg_dump 17.2 restorable into server 16.4',
  ]);
});

test('the result names the backup, the time and the safety dump kept; the advice lists the counters and the bump', () => {
  expect(renderRestoreResult(restored(null), en)).toBe(
    'Restored backup 20260906T011028Z-nightly into the local emergency environment in 24.6 s.',
  );
  expect(renderRestoreResult(restored('s1-local-safety'), en)).toContain(
    'The previous database is kept as backup s1-local-safety.',
  );
  expect(renderRestoreResult(restored(null, { keptDatabases: ['orca_orcahy_old_x'] }), en)).toContain(
    'Kept, not dropped: orca_orcahy_old_x',
  );
  const text = renderCountersAdvice('localEmergency', counters, advice, en);
  expect(text).toContain('管理連番 of the local emergency environment now:');
  expect(text).toContain('  Patient ID: 100');
  // Each reason, with the environment and the counters in words, then the command.
  expect(text).toContain('The operating environment last showed higher Outpatient slip、Patient ID (read x).');
  expect(text).toContain('Emergency mode: the operating environment may have issued numbers after this backup.');
  expect(text).toContain('orca-hybrid bump-seq --env localEmergency --from operating');
  expect(renderCountersAdvice('localEmergency', null, null, en)).toBe('');
});

test('restore --json: the documented fields; the human result recommends the bump when there is one', () => {
  const outcome = restoreOutcome(
    restored(null, { bump: advice, warnings: [{ key: 'restore.structure.older', params: {} }] }),
    en,
  );
  expect(outcome.json).toEqual({
    target: 'localEmergency',
    backupId: backup.id,
    safetyBackupId: null,
    keptDatabases: [],
    seconds: 24.6,
    backupCreatedAt: backup.createdAt,
    sequences: counters,
    webOrcaAnswered: true,
    bump: { command: advice.command, reasons: ['restore.advice.belowOther', 'restore.advice.emergency'] },
    warnings: ['restore.structure.older'],
  });
  expect(outcome.human?.()).toContain('orca-hybrid bump-seq --env localEmergency --from operating');
  expect(restoreOutcome(restored(null), en).human?.()).not.toContain('bump-seq');
  const none = dropKeptOutcome({ env: 'localEmergency', dropped: [] }, en);
  expect([none.json, none.human?.()]).toEqual([
    { env: 'localEmergency', dropped: [] },
    'The local emergency environment has no kept databases.',
  ]);
});

test('bump: the source (live or last-known with its age), the table with the raised counters, the outcome', () => {
  expect(renderBumpSource(bump(), en)).toBe('Source: the operating environment, read now; margin 0.');
  const lastKnown = bump({ source: { ...bump().source, reading: 'lastKnown', ageSeconds: 7_500 }, margin: 50 });
  expect(renderBumpSource(lastKnown, en)).toContain('(2 h ago); margin 50.');
  const table = renderBumpTable(bump(), en, false);
  expect(table.split('\n').find((l) => l.includes('60'))).toMatch(/60 .* 50 .* 60/);
  expect(renderBumpOutcome(bump(), en)).toBe('Raised 1 counter(s) of the local emergency environment.');
  expect(renderBumpOutcome(bump({ dryRun: true }), en)).toContain('Dry run: 1 counter(s)');
  expect(renderBumpOutcome(bump({ raised: [] }), en)).toContain('already high enough');
  expect(bumpOutcome(bump(), en, false).json).toMatchObject({
    env: 'localEmergency',
    source: { env: 'operating', reading: 'live', sequences: { outpatientSlip: 60 } },
    raised: ['outpatientSlip'],
    basis: 'source',
    nearLimit: [],
    patientNumberLayout: { kind: 'standard', serialDigits: 6 },
  });
  const old = bump({
    basis: 'max',
    source: { ...bump().source, reading: 'lastKnown', ageSeconds: 90_000 },
    margin: 100,
  });
  expect(renderBumpSource(old, en)).toContain(
    'is older than the backup the local emergency environment was restored from',
  );
  const near = bump({ nearLimit: ['outpatientSlip'], notes: [{ key: 'bump.note.freeLayout', params: {} }] });
  expect(bumpNotes(near, en)).toEqual([
    expect.stringContaining('numbers patients freely (自由構成'),
    'Warning: Outpatient slip reaches 60, 90 % or more of what ORCA can number; plan a renumbering with the JMA support.',
  ]);
});
