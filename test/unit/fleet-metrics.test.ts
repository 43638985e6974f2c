/** The fleet metrics from a status report: what is present, what is absent, and the text prom-client makes. */
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { renderTextfile } from '../../src/adapters/fs/prometheus-textfile.js';
import { fleetMetrics } from '../../src/core/fleet-metrics.js';
import type { StatusReport } from '../../src/core/status.js';

const now = new Date('2026-09-06T12:00:00Z');
const env = (online: boolean, reported: string | null, expected: string) => ({
  url: 'https://x',
  online,
  reportedMode: reported,
  expectedMode: expected,
  mismatch: reported !== null && reported !== expected,
  sequences: online ? { outpatientSlip: 1, inpatientSlip: 2, patientSerial: 3, patientId: 4 } : null,
  version: null,
  institutionName: null,
  error: null,
  warnings: [],
  keptDatabases: [],
  reopened: false,
  modeReported: reported !== null,
  databaseMode: null,
});

test('a fresh clinic: environments up or down, a mismatch flagged, no backup and no sync yet (absent, not zero)', async () => {
  const report: StatusReport = {
    mode: 'emergency',
    selectedEmergency: 'local',
    environments: {
      operating: env(false, null, 'emergency'),
      cloudEmergency: env(true, 'normal-fa', 'emergency-fa'),
      localEmergency: env(true, 'emergency-fa', 'emergency-fa'),
    },
    newestBackup: null,
    lastSync: null,
    lock: { pid: 7, host: 'h', command: 'sync', startedAt: '2026-09-06T11:59:00Z', phase: 'downloading' },
    mismatches: [{ env: 'cloudEmergency', recorded: 'emergency-fa', reported: 'normal-fa' }],
  };
  const families = parsePrometheusTextFormat(
    await renderTextfile(fleetMetrics({ report, institutionCode: '1312345678', toolVersion: '0.1.0', now })),
  );
  const byName = new Map(families.map((f) => [f.name.replace('orca_hybrid_', ''), f.metrics]));
  const value = (name: string, labels: Record<string, string> = {}) =>
    byName.get(name)?.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))?.value;
  expect(value('up', { env: 'operating' })).toBe('0');
  expect(value('up', { env: 'localEmergency' })).toBe('1');
  expect(value('mode_mismatch', { env: 'cloudEmergency' })).toBe('1');
  expect(value('mode_mismatch', { env: 'localEmergency' })).toBe('0');
  expect(value('recorded_mode', { mode: 'emergency' })).toBe('1');
  expect(value('sequence', { env: 'localEmergency', counter: 'patientId' })).toBe('4');
  expect(byName.get('sequence')!.filter((m) => m.labels?.env === 'operating')).toEqual([]);
  expect(byName.has('newest_backup_timestamp_seconds')).toBe(false);
  expect(byName.has('last_sync_timestamp_seconds')).toBe(false);
  expect(byName.has('last_sync_success')).toBe(false);
  expect(value('lock_held', { command: 'sync' })).toBe('1');
  expect(value('lock_held_since_timestamp_seconds')).toBe(String(Date.parse('2026-09-06T11:59:00Z') / 1000));
  expect(value('metrics_written_timestamp_seconds')).toBe(String(now.getTime() / 1000));
});
