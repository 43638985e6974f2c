/** The scheduler artefacts as text: quoting for each scheduler, the crontab edit, the UTF-16 encoding. */
import { encodeUtf16 } from '../../src/adapters/scheduler/os-scheduler.js';
import {
  CRON_MARKER,
  quoteWindowsArg,
  renderCrontabLine,
  renderSystemdUnits,
  renderWindowsTask,
  updateCrontab,
  type ScheduledCommand,
} from '../../src/core/schedule-artefacts.js';

const cmd: ScheduledCommand = {
  program: '/opt/node 20/bin/node',
  args: [
    "/srv/orca's tool/bin/orca-hybrid.js",
    'sync',
    '--config',
    '/etc/orca/50%.yaml',
    '--state-dir',
    '/var/lib/$orca',
  ],
  workingDir: '/etc/orca',
  outputFile: '/var/lib/$orca/schedule-output.log',
};

test('crontab line: single quotes survive sh, % is escaped for cron, the marker ends the line', () => {
  const line = renderCrontabLine(cmd);
  expect(line.startsWith('0 * * * * ')).toBe(true);
  expect(line).toContain(`'/srv/orca'\\''s tool/bin/orca-hybrid.js'`);
  expect(line).toContain(`'/etc/orca/50\\%.yaml'`);
  expect(line).not.toMatch(/[^\\]%/);
  expect(line.endsWith(CRON_MARKER)).toBe(true);
});

test('updateCrontab touches nothing but our line', () => {
  const others = 'SHELL=/bin/sh\n# comment\n*/5 * * * * /bin/true\n';
  const installed = updateCrontab(others, 'LINE ' + CRON_MARKER);
  expect(installed).toBe(others + 'LINE ' + CRON_MARKER + '\n');
  expect(updateCrontab(installed, 'NEW ' + CRON_MARKER)).toBe(others + 'NEW ' + CRON_MARKER + '\n');
  expect(updateCrontab(installed, null)).toBe(others);
  expect(updateCrontab('', null)).toBe('');
  expect(updateCrontab('no newline at end', null)).toBe('no newline at end\n');
});

test('systemd ExecStart doubles % and $ and quotes every word', () => {
  const { service, timer } = renderSystemdUnits(cmd);
  expect(service).toContain(
    'ExecStart="/opt/node 20/bin/node" "/srv/orca\'s tool/bin/orca-hybrid.js" "sync" "--config" "/etc/orca/50%%.yaml" "--state-dir" "/var/lib/$$orca"',
  );
  expect(timer).toMatch(/\[Timer\]\nOnCalendar=hourly\nPersistent=true\n/);
});

test('Windows arguments follow CommandLineToArgvW quoting; the XML is escaped and starts at a full hour', () => {
  expect(quoteWindowsArg('plain')).toBe('plain');
  expect(quoteWindowsArg('C:\\Program Files\\x')).toBe('"C:\\Program Files\\x"');
  expect(quoteWindowsArg('say "hi"')).toBe('"say \\"hi\\""');
  expect(quoteWindowsArg('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
  const xml = renderWindowsTask({ ...cmd, program: 'C:\\node & co\\node.exe' }, new Date(2026, 8, 6, 13, 27));
  expect(xml).toContain('<Command>&quot;C:\\node &amp; co\\node.exe&quot;</Command>');
  expect(xml).toContain('<StartBoundary>2026-09-06T13:00:00</StartBoundary>');
  expect(xml.includes('\r\n')).toBe(true);
});

test('the task file is UTF-16LE with a byte-order mark', () => {
  const bytes = encodeUtf16('<Task>日本</Task>');
  expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
  expect(bytes.subarray(2).toString('utf16le')).toBe('<Task>日本</Task>');
});
