/** The human rendering of `restore` and `bump-seq`, and their `--json` documents, from reports made by hand. */
import type { CatalogEntry } from '../../src/core/backup-catalog.js';
import type { BumpReport } from '../../src/core/bump-run.js';
import type { RestoreReport } from '../../src/core/restore-run.js';
import { translator } from '../../src/ui/i18n.js';
import { toolCommand } from '../../src/ui/invocation.js';
import {
  bumpOutcome,
  renderBumpOutcome,
  renderBumpSource,
  renderBumpTable,
  renderCountersAdvice,
  renderGateChecks,
  renderRestoreResult,
  restoreOutcome,
} from '../../src/ui/restore-render.js';

const en = translator('en');
const counters = { outpatientSlip: 50, inpatientSlip: 10, patientSerial: 100, patientId: 100 };
const backup = { id: '20260906T011028Z-nightly', createdAt: '2026-09-06T01:10:28.000Z' } as CatalogEntry;

function restored(safetyBackupId: string | null): RestoreReport {
  return { target: 'localEmergency', backupId: backup.id, safetyBackupId, seconds: 24.64, backup, warnings: [] };
}

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
    before: counters,
    after: { ...counters, outpatientSlip: 60 },
    raised: ['outpatientSlip'],
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
    '  ✓ institution code of the dump 1312345678 = configured/target 1312345678',
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
  const advice = renderCountersAdvice('localEmergency', counters, 'orca-hybrid bump-seq --env localEmergency', en);
  expect(advice).toContain('管理連番 of the local emergency environment now:');
  expect(advice).toContain('  Patient ID: 100');
  expect(advice).toContain('orca-hybrid bump-seq --env localEmergency');
  expect(renderCountersAdvice('localEmergency', null, null, en)).toBe('');
});

test('restore --json: the documented fields; in emergency mode the human result recommends the bump', () => {
  const outcome = restoreOutcome(restored(null), counters, true, en);
  expect(outcome.json).toEqual({
    target: 'localEmergency',
    backupId: backup.id,
    safetyBackupId: null,
    seconds: 24.6,
    backupCreatedAt: backup.createdAt,
    sequences: counters,
  });
  expect(outcome.human?.()).toContain(`${toolCommand()} bump-seq --env localEmergency --from operating`);
  expect(restoreOutcome(restored(null), counters, false, en).human?.()).not.toContain('bump-seq');
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
  });
});
