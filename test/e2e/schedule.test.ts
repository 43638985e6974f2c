/**
 * `schedule` through the built binary. The crontab path runs for real (Debian's `cron` provides `crontab`)
 * against a throwaway user's crontab (`ORCA_HYBRID_CRONTAB_USER`, as root); the Windows, launchd and systemd
 * artefacts are generated with `--dry-run --platform` and checked against the documented settings.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { runCli } from '../helpers/cli.js';
import { tempDirs, validSettings } from '../helpers/config-fixtures.js';

const dirs = tempDirs();
const user = `orcacron${randomBytes(4).toString('hex')}`;
let dir: string;
let config: string;
let stateDir: string;
let env: NodeJS.ProcessEnv;

const OTHER_ENTRIES = "MAILTO=''\n# the clinic's own job\n15 3 * * * /usr/bin/true nightly-other # keep me\n";

async function crontab(...args: string[]): Promise<string> {
  const result = await execa('crontab', ['-u', user, ...args], {
    reject: false,
    input: args.includes('-') ? undefined : '',
  });
  return result.exitCode === 0 ? result.stdout + (result.stdout ? '\n' : '') : '';
}

beforeAll(async () => {
  expect(process.getuid?.()).toBe(0);
  await execa('useradd', ['-M', '-r', '-s', '/usr/sbin/nologin', user]);
  dir = await dirs.make();
  stateDir = join(dir, 'state with space');
  config = join(dir, 'orca-hybrid.json');
  const settings = validSettings() as { environments: { operating: { credentials: Record<string, unknown> } } };
  delete settings.environments.operating.credentials.clientCertificate;
  writeFileSync(config, JSON.stringify({ ...settings, stateDir }), { mode: 0o600 });
  env = { ORCA_HYBRID_CRONTAB_USER: user };
  await execa('crontab', ['-u', user, '-'], { input: OTHER_ENTRIES });
});

afterAll(async () => {
  await execa('crontab', ['-u', user, '-r'], { reject: false });
  await execa('userdel', [user], { reject: false });
  await dirs.cleanup();
});

test('install adds exactly one marked line, uninstall removes exactly it', async () => {
  const dry = await runCli(['--config', config, 'schedule', 'install', '--dry-run'], { env });
  expect(dry.code).toBe(0);
  expect(dry.stdout).toContain('0 * * * *');
  expect(await crontab('-l')).toBe(OTHER_ENTRIES);

  for (let i = 0; i < 2; i++) {
    const install = await runCli(['--config', config, 'schedule', 'install'], { env });
    expect([install.code, install.stderr]).toEqual([0, '']);
  }
  const installed = await crontab('-l');
  const lines = installed.trimEnd().split('\n');
  expect(lines.slice(0, 3).join('\n') + '\n').toBe(OTHER_ENTRIES);
  const ours = lines.filter((l) => l.endsWith('# orca-hybrid:sync'));
  expect(ours).toHaveLength(1);
  expect(lines).toHaveLength(4);
  expect(ours[0]).toMatch(/^0 \* \* \* \* cd '/);
  expect(ours[0]).toContain(`'${process.execPath}'`);
  expect(ours[0]).toContain(`'sync' '--config' '${config}' '--state-dir' '${stateDir}'`);

  const show = await runCli(['--config', config, 'schedule', 'show', '--json'], { env });
  expect(JSON.parse(show.stdout)).toMatchObject({ action: 'show', platform: 'cron', installed: true });

  // The line runs as written: sh parses it, the tool starts and logs (the example config's hosts do not exist).
  const command = ours[0]!.replace(/^0 \* \* \* \* /, '');
  const ran = await execa('sh', ['-c', command], { reject: false, env: { PATH: '/usr/bin:/bin' } });
  expect(ran.exitCode).toBe(3);
  expect(readFileSync(join(stateDir, 'orca-hybrid.log'), 'utf8')).toMatch(
    /sync: begin .*sync.*end failed UNREACHABLE/s,
  );
  expect(existsSync(join(stateDir, 'schedule-output.log'))).toBe(true);

  const uninstall = await runCli(['--config', config, 'schedule', 'uninstall', '--json'], { env });
  expect(JSON.parse(uninstall.stdout)).toMatchObject({ action: 'uninstall', changed: true, installed: false });
  expect(await crontab('-l')).toBe(OTHER_ENTRIES);
  const again = await runCli(['--config', config, 'schedule', 'uninstall'], { env });
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('nothing to remove');
  expect(await crontab('-l')).toBe(OTHER_ENTRIES);
  expect(readFileSync(join(stateDir, 'journal.jsonl'), 'utf8')).toContain('"command":"schedule install"');
});

test('Windows task: UTF-16 XML with the battery flags off, StartWhenAvailable, IgnoreNew, PT50M, hourly', async () => {
  const run = await runCli(
    ['--config', config, 'schedule', 'install', '--dry-run', '--platform', 'windows', '--json'],
    { env },
  );
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.stdout);
  expect(doc).toMatchObject({ platform: 'windows', dryRun: true, changed: false });
  const [artefact] = doc.artefacts as Array<{ encoding: string; content: string }>;
  expect(artefact!.encoding).toBe('utf16le');
  const xml = artefact!.content;
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-16"?>')).toBe(true);
  for (const setting of [
    '<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '<StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '<StartWhenAvailable>true</StartWhenAvailable>',
    '<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '<ExecutionTimeLimit>PT50M</ExecutionTimeLimit>',
    '<Interval>PT1H</Interval>',
  ])
    expect(xml).toContain(setting);
  expect(xml).toContain(`<Command>${process.execPath}</Command>`);
  expect(xml).toContain(`sync --config ${config} --state-dir &quot;${stateDir}&quot;`);
  const refused = await runCli(['--config', config, 'schedule', 'install', '--platform', 'windows'], { env });
  expect(refused.code).toBe(2);
});

test('launchd plist and systemd units', async () => {
  const plist = JSON.parse(
    (await runCli(['--config', config, 'schedule', 'show', '--dry-run', '--platform', 'launchd', '--json'], { env }))
      .stdout,
  );
  const text = plist.artefacts[0].content as string;
  expect(plist.artefacts[0].path).toMatch(/Library\/LaunchAgents\/jp\.orca-hybrid\.sync\.plist$/);
  expect(text).toMatch(/<key>StartCalendarInterval<\/key>\s*<dict>\s*<key>Minute<\/key>\s*<integer>0<\/integer>/);
  expect(text).toContain(`<string>${stateDir}</string>`);

  const systemd = JSON.parse(
    (await runCli(['--config', config, 'schedule', 'show', '--dry-run', '--platform', 'systemd', '--json'], { env }))
      .stdout,
  );
  const [service, timer] = systemd.artefacts as Array<{ path: string; content: string }>;
  expect(service!.path).toMatch(/systemd\/user\/orca-hybrid-sync\.service$/);
  expect(service!.content).toContain('Type=oneshot');
  expect(service!.content).toContain(`ExecStart="${process.execPath}"`);
  expect(timer!.content).toContain('OnCalendar=hourly');
  expect(timer!.content).toContain('Persistent=true');
});
