/** The status and journal renderings at 80 and 100 columns, in both languages, and `--wide`. */
import type { JournalEntry } from '../../src/core/journal.js';
import type { StatusReport } from '../../src/core/status.js';
import { translator } from '../../src/ui/i18n.js';
import { renderJournalTable } from '../../src/ui/journal-table.js';
import { renderStatus } from '../../src/ui/render-status.js';
import { displayWidth, wrapText } from '../../src/ui/text-width.js';

const env = (over: Partial<StatusReport['environments']['operating']> = {}) => ({
  url: 'https://hybrid-fa.example.jp:8443',
  online: true,
  reportedMode: 'normal-fa',
  expectedMode: 'normal-fa',
  modeReported: true,
  databaseMode: null as string | null,
  mismatch: false,
  sequences: { outpatientSlip: 123456, inpatientSlip: 2345, patientSerial: 98765, patientId: 98765 },
  version: '050200-1',
  institutionName: 'オルカ内科クリニック',
  error: null,
  warnings: [],
  keptDatabases: [] as string[],
  reopened: false,
  ...over,
});

const report: StatusReport = {
  mode: 'emergency',
  selectedEmergency: 'cloud',
  environments: {
    operating: env({
      online: false,
      reportedMode: null,
      sequences: null,
      version: null,
      error: {
        code: 'UNREACHABLE',
        message:
          'Environment operating is unreachable: https://hybrid.example.jp refused the connection (ECONNREFUSED).',
      },
    }),
    cloudEmergency: env({ selected: true, reportedMode: 'normal-fa', expectedMode: 'emergency-fa', mismatch: true }),
    localEmergency: env({
      selected: false,
      url: 'http://127.0.0.1:8000',
      vm: { provider: 'virtualbox', name: 'weborca', state: 'running', detail: null, maybeNotElevated: false },
    }),
  },
  newestBackup: {
    env: 'operating',
    id: '20260906T011028Z-nightly',
    createdAt: new Date(Date.now() - 3_600_000).toISOString(),
    ageSeconds: 3600,
    size: 1 << 30,
  },
  lastSync: {
    at: new Date(Date.now() - 120_000).toISOString(),
    outcome: 'failed',
    message: 'The run did not finish within its deadline of 2700 s: the operating environment answered too slowly.',
  },
  lock: { pid: 4242, host: 'CLINIC-PC', command: 'sync', startedAt: new Date().toISOString(), phase: 'downloading' },
  mismatches: [{ env: 'cloudEmergency', recorded: 'emergency-fa', reported: 'normal-fa' }],
};

const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));

test.each([
  ['en', 80],
  ['en', 100],
  ['ja', 80],
  ['ja', 100],
] as const)('status in %s at %i columns fits, every environment and fact still there', (lang, width) => {
  const t = translator(lang);
  const text = renderStatus(report, t, { color: false, width, wide: false });
  expect(widest(text)).toBeLessThanOrEqual(width);
  for (const e of ['operating', 'cloudEmergency', 'localEmergency'])
    expect(text).toContain(t(width >= 100 ? `env.short.${e}` : `env.${e}`));
  expect(text).toContain('123456');
  expect(text).toContain(t('mode.normal'));
  expect(text).toContain(t('vm.state.running'));
  expect(text).toContain(t('sync.outcome.failed'));
  // Times for people: local time and age, never ISO.
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
});

test('--wide shows every column (URLs, raw mode headers, a column a counter) whatever the width', () => {
  const t = translator('en');
  const text = renderStatus(report, t, { color: false, width: 80, wide: true });
  expect(widest(text)).toBeGreaterThan(100);
  expect(text).toContain('https://hybrid-fa.example.jp:8443');
  expect(text).toContain('normal mode (normal-fa) ≠ emergency mode (emergency-fa)');
  expect(text).toContain('Outpatient slip');
});

const entry = (over: Partial<JournalEntry>): JournalEntry => ({
  time: new Date(Date.now() - 600_000).toISOString(),
  user: 'clinic-admin',
  host: 'CLINIC-RECEPTION-PC-01',
  pid: 4242,
  command: 'select',
  args: [
    '--config',
    '/home/clinic-admin/orca/orca-hybrid.yaml',
    '--state-dir',
    '/var/lib/orca-hybrid/state',
    'select',
    'local',
  ],
  before: { selectedEmergency: 'cloud', mode: 'normal' },
  after: { selectedEmergency: 'local', mode: 'emergency' },
  outcome: 'ok',
  exitCode: 0,
  durationMs: 3100,
  ...over,
});

test.each(['en', 'ja'] as const)('journal in %s at 80 columns: one heading a line, changes in words', (lang) => {
  const t = translator(lang);
  const text = renderJournalTable(
    [
      entry({}),
      entry({
        command: 'sync',
        outcome: 'failed',
        exitCode: 3,
        after: {},
        before: {},
        error: { code: 'UNREACHABLE', message: 'x'.repeat(300) },
      }),
    ],
    t,
    { width: 80, wide: false },
  );
  expect(widest(text)).toBeLessThanOrEqual(80);
  expect(text).toContain(`selectedEmergency: ${t('env.cloudEmergency')} → ${t('env.localEmergency')}`);
  expect(text).toContain(`mode: ${t('mode.normal')} → ${t('mode.emergency')}`);
  expect(text).toContain('3.1 s');
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  const wide = renderJournalTable([entry({})], t, { width: 80, wide: true });
  expect(wide).toContain('/var/lib/orca-hybrid/state');
});

test('wrapText breaks between words, and anywhere in Japanese', () => {
  expect(wrapText('alpha beta gamma delta', 11, '  ')).toEqual(['alpha beta', '  gamma', '  delta']);
  const ja = wrapText('運用環境は応答しません。ネットワークを確認してください。', 20);
  expect(ja.length).toBeGreaterThan(1);
  for (const l of ja) expect(displayWidth(l)).toBeLessThanOrEqual(20);
  expect(ja.join('')).toBe('運用環境は応答しません。ネットワークを確認してください。');
});

test('wrapText keeps a date and its time on one line', () => {
  expect(wrapText('Newest backup: created 2026-11-27 20:37 (1 s ago)', 36, '  ')).toEqual([
    'Newest backup: created',
    '  2026-11-27 20:37 (1 s ago)',
  ]);
});
