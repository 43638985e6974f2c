/**
 * The fleet metrics (`status --prometheus`): what a vendor's monitoring needs to know about one clinic, as
 * gauge samples. Pure: the adapter turns them into the node_exporter textfile format with prom-client.
 * Times are exported as Unix timestamps (alert rules compare them with `time()`, so a file written an hour
 * ago still gives the right age) and, for people reading the file, as ages at the time of writing.
 */
import { ENVIRONMENT_NAMES } from './config-schema.js';
import { SEQUENCE_NAMES } from './domain.js';
import type { StatusReport } from './status.js';

export interface MetricFamily {
  name: string;
  help: string;
  labelNames: string[];
  samples: Array<{ labels: Record<string, string>; value: number }>;
}

export interface FleetInput {
  report: StatusReport;
  institutionCode: string;
  toolVersion: string;
  now: Date;
}

const seconds = (iso: string): number => Date.parse(iso) / 1000;

export function fleetMetrics(input: FleetInput): MetricFamily[] {
  const { report, now } = input;
  const nowSeconds = now.getTime() / 1000;
  const family = (name: string, help: string, labelNames: string[] = []): MetricFamily => ({
    name: `orca_hybrid_${name}`,
    help,
    labelNames,
    samples: [],
  });
  const info = family('info', 'Always 1: the clinic and the tool version that wrote this file.', [
    'institution',
    'version',
  ]);
  info.samples.push({ labels: { institution: input.institutionCode, version: input.toolVersion }, value: 1 });
  const written = family('metrics_written_timestamp_seconds', 'When this file was written (Unix time).');
  written.samples.push({ labels: {}, value: nowSeconds });
  const recorded = family('recorded_mode', 'The mode recorded in the state: 1 for the current one.', ['mode']);
  recorded.samples.push({ labels: { mode: report.mode }, value: 1 });

  const up = family('up', 'The environment answered the status probe (1) or not (0).', ['env']);
  const mode = family(
    'reported_mode',
    '1 for the mode the environment reports (X-Hybridmode) beside the one the recorded mode expects; absent when it reported none.',
    ['env', 'reported', 'expected'],
  );
  const mismatch = family('mode_mismatch', 'The reported mode differs from the recorded one (1) or not (0).', ['env']);
  const counters = family('sequence', 'The 管理連番 (management sequence numbers) the environment holds.', [
    'env',
    'counter',
  ]);
  for (const env of ENVIRONMENT_NAMES) {
    const s = report.environments[env];
    up.samples.push({ labels: { env }, value: s.online ? 1 : 0 });
    mismatch.samples.push({ labels: { env }, value: s.mismatch ? 1 : 0 });
    if (s.reportedMode)
      mode.samples.push({ labels: { env, reported: s.reportedMode, expected: s.expectedMode }, value: 1 });
    for (const counter of SEQUENCE_NAMES)
      if (s.sequences) counters.samples.push({ labels: { env, counter }, value: s.sequences[counter] });
  }

  const backupTime = family(
    'newest_backup_timestamp_seconds',
    'Creation time (Unix) of the newest verified, undamaged backup in the backup folder; absent when there is none.',
    ['env'],
  );
  const backupAge = family('newest_backup_age_seconds', 'Age of that backup when this file was written.', ['env']);
  const b = report.newestBackup;
  if (b) {
    backupTime.samples.push({ labels: { env: b.env }, value: seconds(b.createdAt) });
    backupAge.samples.push({ labels: { env: b.env }, value: Math.max(0, nowSeconds - seconds(b.createdAt)) });
  }

  const syncTime = family('last_sync_timestamp_seconds', 'When the last sync ended (Unix); absent before the first.');
  const syncAge = family('last_sync_age_seconds', 'Age of the last sync when this file was written.');
  const syncOk = family('last_sync_success', 'The last sync succeeded (1) or failed (0).');
  const syncOutcome = family('last_sync_outcome', '1 for the last sync outcome.', ['outcome']);
  const sync = report.lastSync;
  if (sync) {
    syncTime.samples.push({ labels: {}, value: seconds(sync.at) });
    syncAge.samples.push({ labels: {}, value: Math.max(0, nowSeconds - seconds(sync.at)) });
    syncOk.samples.push({ labels: {}, value: sync.outcome === 'failed' ? 0 : 1 });
    syncOutcome.samples.push({ labels: { outcome: sync.outcome }, value: 1 });
  }

  const lock = family('lock_held', 'A run holds the lock (1, labelled with its command) or not (0).', ['command']);
  const lockSince = family('lock_held_since_timestamp_seconds', 'When the holder of the lock started (Unix).');
  lock.samples.push({
    labels: { command: report.lock?.command ?? '' },
    value: report.lock ? 1 : 0,
  });
  if (report.lock) lockSince.samples.push({ labels: {}, value: seconds(report.lock.startedAt) });

  return [
    info,
    written,
    recorded,
    up,
    mode,
    mismatch,
    counters,
    backupTime,
    backupAge,
    syncTime,
    syncAge,
    syncOk,
    syncOutcome,
    lock,
    lockSince,
  ];
}
