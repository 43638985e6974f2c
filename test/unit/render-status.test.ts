/** The human rendering of `status` and what `status` hands to `main()`, from reports made by hand. */
import { AuthError } from '../../src/core/errors.js';
import { strictFailure, type EnvironmentStatus, type StatusReport } from '../../src/core/status.js';
import { translator } from '../../src/ui/i18n.js';
import { renderStatus } from '../../src/ui/render-status.js';
import { statusOutcome } from '../../src/ui/status-outcome.js';

const en = translator('en');
const ja = translator('ja');
const counters = { outpatientSlip: 61, inpatientSlip: 22, patientSerial: 113, patientId: 114 };
const WIDE = { color: false, width: 80, wide: true };
const NARROW = { color: false, width: 80, wide: false };

function env(over: Partial<EnvironmentStatus> = {}): EnvironmentStatus {
  return {
    url: 'https://op.example.test',
    online: true,
    reportedMode: 'normal',
    expectedMode: 'normal',
    modeReported: true,
    databaseMode: null,
    mismatch: false,
    sequences: counters,
    version: '050200-1',
    institutionName: 'テスト内科',
    error: null,
    warnings: [],
    keptDatabases: [],
    reopened: false,
    ...over,
  };
}

function report(over: Partial<StatusReport> = {}): StatusReport {
  return {
    mode: 'normal',
    selectedEmergency: 'cloud',
    environments: {
      operating: env(),
      cloudEmergency: env({
        url: 'https://fa.example.test',
        online: false,
        reportedMode: null,
        expectedMode: 'normal-fa',
        sequences: null,
        version: null,
        error: { code: 'AUTH', message: 'the credentials were refused' },
        selected: true,
      }),
      localEmergency: env({
        url: 'http://192.168.0.10:8000',
        reportedMode: 'emergency-fa',
        expectedMode: 'normal-fa',
        mismatch: true,
        warnings: ['the database did not answer'],
        selected: false,
        vm: { provider: 'virtualbox', name: 'weborca', state: 'off', detail: 'aborted', maybeNotElevated: false },
      }),
    },
    newestBackup: {
      env: 'operating',
      id: '20260906T011028Z-nightly',
      createdAt: new Date(Date.now() - 7_500_000).toISOString(),
      ageSeconds: 7_500,
      size: 1,
    },
    lastSync: { at: '2026-09-06T02:00:00Z', outcome: 'failed', backupId: null, message: 'no answer' },
    lock: { pid: 4242, host: 'PC-01', command: 'sync', startedAt: '2026-09-06T03:00:00Z', phase: 'downloading' },
    mismatches: [{ env: 'localEmergency', recorded: 'normal-fa', reported: 'emergency-fa' }],
    ...over,
  };
}

test('--wide: one row per environment with its state, mode, counters and version; then backups, sync and lock', () => {
  const text = renderStatus(report(), en, WIDE);
  expect(text.split('\n')[0]).toBe('Mode: normal mode   Selected emergency environment: cloud emergency environment');
  const row = (name: string) => text.split('\n').find((l) => l.includes(name) && l.includes('│'))!;
  expect(row('operating environment')).toMatch(
    /online .* normal mode \(normal\) .* 61 .* 22 .* 113 .* 114 .* 050200-1/,
  );
  expect(row('cloud emergency environment (selected)')).toMatch(/unavailable .* - .* - /);
  expect(row('local emergency environment')).toContain('emergency mode (emergency-fa) ≠ normal mode (normal-fa)');
  expect(text).toContain('  cloud emergency environment: the credentials were refused');
  expect(text).toContain('  local emergency environment: the database did not answer');
  expect(text).toContain('Institution: テスト内科');
  expect(text).toContain('VM: virtualbox "weborca" — off (aborted)');
  expect(text).toMatch(
    /Newest verified backup: 20260906T011028Z-nightly from the operating environment, created \d{4}-\d\d-\d\d \d\d:\d\d \(2 h ago\)/,
  );
  expect(text).toMatch(/Last sync: failed, \d{4}-\d\d-\d\d \d\d:\d\d \(\d+ days ago\)\n  no answer/);
  expect(text).toMatch(
    /Lock: held by sync \(pid 4242 on PC-01, started \d{4}-\d\d-\d\d \d\d:\d\d \(\d+ days ago\), downloading\)/,
  );
  expect(text).toContain(
    'The local emergency environment reports "emergency mode (emergency-fa)" but the recorded mode means "normal mode (normal-fa)"',
  );
});

test('80 columns: a block per environment, modes in words, every line within the width', () => {
  const text = renderStatus(report(), en, NARROW);
  expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(80);
  expect(text).toContain('local emergency environment: online');
  expect(text).toContain('emergency mode ≠ normal mode');
  expect(text).toContain('Outpatient slip 61');
});

test('nothing recorded yet reads as none; Japanese uses the manual terms', () => {
  const empty = report({ newestBackup: null, lastSync: null, lock: null, mismatches: [] });
  expect(renderStatus(empty, en, NARROW)).toMatch(
    /Newest verified backup: \(none\)\nLast sync: \(none\)\nLock: \(none\)/,
  );
  const text = renderStatus(report(), ja, NARROW);
  for (const term of ['運用環境', 'クラウド応急措置環境', 'オンライン', '利用不可', '通常運用モード'])
    expect(text).toContain(term);
});

test('--strict: a refusal of the credentials is exit 4, an environment that did not answer exit 3, all up no error', () => {
  const name = (e: string) => en(`env.${e}`);
  const refused = strictFailure(report(), name);
  expect(refused).toBeInstanceOf(AuthError);
  expect(en(refused!.key, refused!.params)).toBe('Refused our credentials: cloud emergency environment');
  const down = report();
  down.environments.cloudEmergency.error = { code: 'TIMEOUT', message: 'no answer within 5 s' };
  expect(strictFailure(down, name)).toMatchObject({ exitCode: 3, params: { envs: 'cloud emergency environment' } });
  const up = report();
  up.environments.cloudEmergency = env({ selected: true });
  expect(strictFailure(up, name)).toBeNull();
});

test('a certificate that failed verification reads as such, not as unavailable; --strict says exit 6', () => {
  const r = report();
  r.environments.cloudEmergency.error = { code: 'TLS_VERIFICATION', message: 'failed verification' };
  const row = (text: string) => text.split('\n').find((l) => l.includes('cloud emergency') && l.includes('│'))!;
  expect(row(renderStatus(r, en, WIDE))).toContain('certificate refused');
  expect(row(renderStatus(r, en, WIDE))).not.toContain('unavailable');
  expect(renderStatus(r, ja, NARROW)).toContain('証明書検証失敗');
  const verdict = strictFailure(r, (e) => en(`env.${e}`));
  expect(verdict).toMatchObject({ exitCode: 6, code: 'TLS_VERIFICATION' });
  expect(en(verdict!.key, verdict!.params)).toContain('possible interception');
});

test("the outcome carries the report as the one document and the strict verdict as the run's error", () => {
  const r = report();
  const verdict = strictFailure(r, (e) => en(`env.${e}`));
  const outcome = statusOutcome(r, verdict, en, NARROW);
  expect(outcome.json).toBe(r);
  expect(outcome.error?.exitCode).toBe(4);
  expect(outcome.human?.()).toBe(renderStatus(r, en, NARROW));
  expect(statusOutcome(r, null, en, NARROW).error).toBeUndefined();
  expect(statusOutcome(r, null, en, { ...NARROW, quiet: true }).human?.()).toBe('');
});

test('a WebORCA that does not report the mode says so (its database decides); pending pushes are listed', () => {
  const r = report({ mode: 'emergency', mismatches: [], pendingModePushes: { operating: 'emergency' } });
  r.environments.localEmergency = env({
    reportedMode: 'normal',
    expectedMode: 'normal-fa',
    modeReported: false,
    databaseMode: 'normal-fa',
    selected: false,
  });
  const text = renderStatus(r, en, WIDE);
  const row = text.split('\n').find((l) => l.includes('local emergency environment') && l.includes('│'))!;
  expect(row).toContain('mode not reported by this server');
  expect(row).not.toContain('≠');
  expect(text).toContain(
    'Still to be told the recorded mode (they missed a switch): operating environment (emergency mode)',
  );
  expect(renderStatus(r, ja, NARROW)).toContain('このサーバーはモードを報告しません');
});
