/** The scheduler artefacts as text: quoting for each scheduler, the crontab edit, the UTF-16 encoding. */
import { encodeUtf16 } from '../../src/adapters/scheduler/windows-target.js';
import {
  buildSchedulePlan,
  quoteWindowsArg,
  renderCrontabLine,
  renderLaunchdPlist,
  renderWindowsTask,
  updateCrontab,
  type SchedulePlan,
} from '../../src/core/schedule-artefacts.js';
import { renderSystemdJob, systemdPath, systemdWord } from '../../src/core/systemd-units.js';

const plan: SchedulePlan = buildSchedulePlan({
  program: '/opt/node 20/bin/node',
  launcher: "/srv/orca's tool/bin/orca-hybrid.js",
  configFile: '/etc/orca/50%.yaml',
  stateDir: '/var/lib/$orca',
  workingDir: '/etc/orca dir',
  outputFile: '/var/lib/$orca/schedule-output.log',
  verifyDaily: false,
  prometheusFile: null,
});
const sync = plan.jobs[0]!;

test('crontab line: single quotes survive sh, % is escaped for cron, the marker ends the line', () => {
  const line = renderCrontabLine(plan, sync);
  expect(line.startsWith("0 * * * * cd '/etc/orca dir' && ")).toBe(true);
  expect(line).toContain(`'/srv/orca'\\''s tool/bin/orca-hybrid.js'`);
  expect(line).toContain(`'/etc/orca/50\\%.yaml'`);
  expect(line).not.toMatch(/[^\\]%/);
  expect(line.endsWith('# orca-hybrid:sync')).toBe(true);
});

test('with --verify-daily and --prometheus: a daily verify line, and the metrics run after each job whatever it exits', () => {
  const full = buildSchedulePlan({
    program: '/usr/bin/node',
    launcher: '/opt/orca/bin/orca-hybrid.js',
    configFile: '/etc/orca/c.yaml',
    stateDir: '/var/lib/orca',
    workingDir: '/etc/orca',
    outputFile: '/var/lib/orca/out.log',
    verifyDaily: true,
    prometheusFile: '/var/lib/node_exporter/orca.prom',
  });
  expect(full.jobs.map((j) => [j.name, j.when])).toEqual([
    ['sync', 'hourly'],
    ['verify', 'daily'],
  ]);
  const verify = renderCrontabLine(full, full.jobs[1]!);
  expect(verify).toMatch(
    /^30 3 \* \* \* cd '\/etc\/orca' && '\/usr\/bin\/node' '\/opt\/orca\/bin\/orca-hybrid.js' 'backups' 'verify' '--all'/,
  );
  expect(verify.endsWith('# orca-hybrid:verify')).toBe(true);
  // `;` rather than `&&`: the metrics are written after a failed sync too.
  expect(renderCrontabLine(full, full.jobs[0]!)).toContain(
    ">>'/var/lib/orca/out.log' 2>&1; '/usr/bin/node' '/opt/orca/bin/orca-hybrid.js' 'status' '--config' '/etc/orca/c.yaml' '--state-dir' '/var/lib/orca' '--prometheus' '/var/lib/node_exporter/orca.prom' >>",
  );
  const units = renderSystemdJob(full, full.jobs[0]!);
  expect(units.service).toMatch(
    /\nExecStopPost="\/usr\/bin\/node" ".*" "status" .* "--prometheus" "\/var\/lib\/node_exporter\/orca.prom"\n/,
  );
  expect(renderSystemdJob(full, full.jobs[1]!).timer).toContain('OnCalendar=*-*-* 03:30:00');
  const task = renderWindowsTask(full, full.jobs[0]!, new Date(2026, 8, 6, 13, 27));
  expect(task.match(/<Exec>/g)).toHaveLength(2);
  expect(renderWindowsTask(full, full.jobs[1]!, new Date(2026, 8, 6, 13, 27))).toContain(
    '<StartBoundary>2026-09-06T03:30:00</StartBoundary>',
  );
  const plist = renderLaunchdPlist(full, full.jobs[0]!);
  expect(plist).toContain('<string>/bin/sh</string>');
  expect(plist.replace(/&apos;/g, "'")).toContain(
    "'sync' '--config' '/etc/orca/c.yaml' '--state-dir' '/var/lib/orca'; '/usr/bin/node'",
  );
});

test('updateCrontab touches nothing but our lines', () => {
  const others = 'SHELL=/bin/sh\n# comment\n*/5 * * * * /bin/true\n';
  const ours = ['LINE # orca-hybrid:sync', 'DAILY # orca-hybrid:verify'];
  const installed = updateCrontab(others, ours);
  expect(installed).toBe(others + ours.join('\n') + '\n');
  expect(updateCrontab(installed, ['NEW # orca-hybrid:sync'])).toBe(others + 'NEW # orca-hybrid:sync\n');
  expect(updateCrontab(installed, [])).toBe(others);
  expect(updateCrontab('', [])).toBe('');
  expect(updateCrontab('no newline at end', [])).toBe('no newline at end\n');
});

test('systemd: ExecStart words are quoted with C escapes, % and $ doubled; WorkingDirectory is never quoted', () => {
  const { service, timer } = renderSystemdJob(plan, sync);
  expect(service).toContain(
    'ExecStart="/opt/node 20/bin/node" "/srv/orca\'s tool/bin/orca-hybrid.js" "sync" "--config" "/etc/orca/50%%.yaml" "--state-dir" "/var/lib/$$orca"',
  );
  // systemd does not unquote WorkingDirectory=: quotes would become part of the path (not absolute).
  expect(service).toContain('\nWorkingDirectory=/etc/orca dir\n');
  expect(timer).toMatch(/\[Timer\]\nOnCalendar=hourly\nPersistent=true\n/);
  expect(systemdWord('a"b\\c\nd\x01')).toBe('"a\\"b\\\\c\\nd\\x01"');
  expect(systemdPath('/srv/100%')).toBe('/srv/100%%');
  for (const bad of ['/srv/x\n', ' /srv/x', '/srv/x ', 'relative/x'])
    expect(() => systemdPath(bad)).toThrow(expect.objectContaining({ key: 'schedule.systemdPath' }));
});

test('Windows arguments follow CommandLineToArgvW quoting; the XML is escaped and starts at a full hour', () => {
  expect(quoteWindowsArg('plain')).toBe('plain');
  expect(quoteWindowsArg('C:\\Program Files\\x')).toBe('"C:\\Program Files\\x"');
  expect(quoteWindowsArg('say "hi"')).toBe('"say \\"hi\\""');
  expect(quoteWindowsArg('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
  const xml = renderWindowsTask({ ...plan, program: 'C:\\node & co\\node.exe' }, sync, new Date(2026, 8, 6, 13, 27));
  expect(xml).toContain('<Command>&quot;C:\\node &amp; co\\node.exe&quot;</Command>');
  expect(xml).toContain('<StartBoundary>2026-09-06T13:00:00</StartBoundary>');
  expect(xml.includes('\r\n')).toBe(true);
});

test('the task file is UTF-16LE with a byte-order mark', () => {
  const bytes = encodeUtf16('<Task>日本</Task>');
  expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
  expect(bytes.subarray(2).toString('utf16le')).toBe('<Task>日本</Task>');
});
