/**
 * `schedule` through the built binary. Each platform's tests need only that platform's tools: the crontab
 * path runs for real where `crontab` exists (Debian's `cron`) against a throwaway user's crontab
 * (`ORCA_HYBRID_CRONTAB_USER`, as root); the Windows, launchd and systemd artefacts are generated with
 * `--dry-run --platform` and checked against the documented settings, the systemd units also by
 * `systemd-analyze verify` where it is installed. A machine without cron is simulated by a PATH without it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { execa } from 'execa';
import { runCli } from '../helpers/cli.js';
import { tempDirs, validSettings } from '../helpers/config-fixtures.js';

const dirs = tempDirs();
let config: string;
let stateDir: string;

function onPath(program: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, program))) return join(dir, program);
  }
  return null;
}

beforeAll(async () => {
  const dir = await dirs.make();
  // Spaces and a % in the folders: every scheduler's quoting is exercised.
  stateDir = join(dir, 'state with space 100%');
  const configDir = join(dir, 'config dir');
  mkdirSync(configDir);
  config = join(configDir, 'orca-hybrid.json');
  const settings = validSettings() as { environments: { operating: { credentials: Record<string, unknown> } } };
  delete settings.environments.operating.credentials.clientCertificate;
  writeFileSync(config, JSON.stringify({ ...settings, stateDir }), { mode: 0o600 });
});

afterAll(async () => {
  await dirs.cleanup();
});

const dryRun = async (platform: string, ...extra: string[]) => {
  const run = await runCli([
    '--config',
    config,
    'schedule',
    'show',
    '--dry-run',
    '--platform',
    platform,
    '--json',
    ...extra,
  ]);
  expect([run.code, run.stderr]).toEqual([0, '']);
  return JSON.parse(run.stdout) as {
    artefacts: Array<{ job: string; path: string | null; name: string; content: string; encoding: string }>;
  };
};

describe('crontab', () => {
  const crontabProgram = onPath('crontab');
  const user = `orcacron${randomBytes(4).toString('hex')}`;
  const env = { ORCA_HYBRID_CRONTAB_USER: user };
  const OTHER_ENTRIES = "MAILTO=''\n# the clinic's own job\n15 3 * * * /usr/bin/true nightly-other # keep me\n";
  const crontab = async (...args: string[]): Promise<string> => {
    const result = await execa('crontab', ['-u', user, ...args], { reject: false, input: '' });
    return result.exitCode === 0 ? result.stdout + (result.stdout ? '\n' : '') : '';
  };
  // Needs cron itself; a machine without it runs the "not installed" test below instead.
  const withCron = crontabProgram ? test : test.skip;

  beforeAll(async () => {
    if (!crontabProgram) return;
    expect(process.getuid?.()).toBe(0);
    await execa('useradd', ['-M', '-r', '-s', '/usr/sbin/nologin', user]);
    await execa('crontab', ['-u', user, '-'], { input: OTHER_ENTRIES });
  });

  afterAll(async () => {
    if (!crontabProgram) return;
    await execa('crontab', ['-u', user, '-r'], { reject: false });
    await execa('userdel', [user], { reject: false });
  });

  withCron('install adds exactly one marked line a job, uninstall removes exactly them', async () => {
    const dry = await runCli(['--config', config, 'schedule', 'install', '--dry-run', '--platform', 'cron'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('0 * * * *');
    expect(await crontab('-l')).toBe(OTHER_ENTRIES);

    for (let i = 0; i < 2; i++) {
      const install = await runCli(['--config', config, 'schedule', 'install', '--platform', 'cron'], { env });
      expect([install.code, install.stderr]).toEqual([0, '']);
    }
    const lines = (await crontab('-l')).trimEnd().split('\n');
    expect(lines.slice(0, 3).join('\n') + '\n').toBe(OTHER_ENTRIES);
    const ours = lines.filter((l) => l.endsWith('# orca-hybrid:sync'));
    expect(ours).toHaveLength(1);
    expect(lines).toHaveLength(4);
    expect(ours[0]).toMatch(/^0 \* \* \* \* cd '/);
    expect(ours[0]).toContain(`'${process.execPath}'`);
    expect(ours[0]).toContain(`'sync' '--config' '${config}' '--state-dir' '${stateDir.replace('%', '\\%')}'`);

    const show = await runCli(['--config', config, 'schedule', 'show', '--platform', 'cron', '--json'], { env });
    expect(JSON.parse(show.stdout)).toMatchObject({
      action: 'show',
      platform: 'cron',
      installed: true,
      available: true,
    });

    // The line runs as written: sh parses it, the tool starts and logs (the example config's hosts do not exist).
    const command = ours[0]!.replace(/^0 \* \* \* \* /, '').replace(/\\%/g, '%');
    const ran = await execa('sh', ['-c', command], { reject: false, env: { PATH: '/usr/bin:/bin' } });
    expect(ran.exitCode).toBe(3);
    expect(readFileSync(join(stateDir, 'orca-hybrid.log'), 'utf8')).toMatch(
      /sync: begin .*sync.*end failed UNREACHABLE/s,
    );
    expect(existsSync(join(stateDir, 'schedule-output.log'))).toBe(true);

    // The daily verify is a second line; installing without it again removes it.
    await runCli(['--config', config, 'schedule', 'install', '--platform', 'cron', '--verify-daily'], { env });
    expect((await crontab('-l')).split('\n').filter((l) => l.endsWith('# orca-hybrid:verify'))).toHaveLength(1);
    await runCli(['--config', config, 'schedule', 'install', '--platform', 'cron'], { env });
    expect(await crontab('-l')).not.toContain('# orca-hybrid:verify');

    const uninstall = await runCli(['--config', config, 'schedule', 'uninstall', '--platform', 'cron', '--json'], {
      env,
    });
    expect(JSON.parse(uninstall.stdout)).toMatchObject({ action: 'uninstall', changed: true, installed: false });
    expect(await crontab('-l')).toBe(OTHER_ENTRIES);
    const again = await runCli(['--config', config, 'schedule', 'uninstall', '--platform', 'cron'], { env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to remove');
    expect(await crontab('-l')).toBe(OTHER_ENTRIES);
    expect(readFileSync(join(stateDir, 'journal.jsonl'), 'utf8')).toContain('"command":"schedule install"');
  });

  test('on a computer without cron, show says cron is not installed and install refuses with exit 2', async () => {
    const dir = await dirs.make();
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    // Only node: `crontab` cannot be found, exactly as where cron was never installed.
    symlinkSync(process.execPath, join(bin, 'node'));
    const env = { PATH: bin };
    const show = await runCli(['--config', config, 'schedule', 'show', '--platform', 'cron'], { env });
    expect([show.code, show.stderr]).toEqual([0, '']);
    expect(show.stdout).toContain('cron is not installed');
    expect(show.stdout).not.toContain('not registered');
    const json = await runCli(['--config', config, 'schedule', 'show', '--platform', 'cron', '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({ available: false, installed: false });
    const install = await runCli(['--config', config, 'schedule', 'install', '--platform', 'cron'], { env });
    expect(install.code).toBe(2);
    expect(install.stderr).toContain('cron is not installed');
  });
});

test('Windows task: UTF-16 XML with the battery flags off, StartWhenAvailable, IgnoreNew, PT50M, hourly', async () => {
  const run = await runCli(['--config', config, 'schedule', 'install', '--dry-run', '--platform', 'windows', '--json']);
  expect(run.code).toBe(0);
  const doc = JSON.parse(run.stdout);
  expect(doc).toMatchObject({ platform: 'windows', dryRun: true, changed: false });
  const [artefact] = doc.artefacts as Array<{ encoding: string; content: string; name: string }>;
  expect(artefact!.encoding).toBe('utf16le');
  expect(artefact!.name).toBe('orca-hybrid sync');
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
  expect(xml).toContain(`sync --config &quot;${config}&quot; --state-dir &quot;${stateDir}&quot;`);
  // The human dry run names the Task Scheduler task, never a crontab.
  const human = await runCli(['--config', config, 'schedule', 'install', '--dry-run', '--platform', 'windows']);
  expect(human.stdout).toContain('--- Task Scheduler task "orca-hybrid sync" (UTF-16)');
  expect(human.stdout).not.toMatch(/crontab/i);
  const refused = await runCli(['--config', config, 'schedule', 'install', '--platform', 'windows']);
  expect(refused.code).toBe(2);
});

test('launchd plist', async () => {
  const plist = await dryRun('launchd');
  const text = plist.artefacts[0]!.content;
  expect(plist.artefacts[0]!.path).toMatch(/Library\/LaunchAgents\/jp\.orca-hybrid\.sync\.plist$/);
  expect(text).toMatch(/<key>StartCalendarInterval<\/key>\s*<dict>\s*<key>Minute<\/key>\s*<integer>0<\/integer>/);
  expect(text).toContain(`<string>${stateDir}</string>`);
  const daily = await dryRun('launchd', '--verify-daily');
  expect(daily.artefacts.map((a) => a.path!.split('/').pop())).toEqual([
    'jp.orca-hybrid.sync.plist',
    'jp.orca-hybrid.verify.plist',
  ]);
});

describe('systemd units', () => {
  const analyze = onPath('systemd-analyze');

  test('are written by systemd.syntax: WorkingDirectory unquoted, ExecStart quoted word by word', async () => {
    const systemd = await dryRun('systemd', '--verify-daily', '--prometheus', join(dirname(stateDir), 'metrics.prom'));
    const [service, timer, verifyService, verifyTimer] = systemd.artefacts;
    expect(service!.path).toMatch(/systemd\/user\/orca-hybrid-sync\.service$/);
    expect(service!.content).toContain('Type=oneshot');
    expect(service!.content).toContain(`\nWorkingDirectory=${dirname(config)}\n`);
    expect(service!.content).toContain(`ExecStart="${process.execPath}"`);
    expect(service!.content).toContain(`"--state-dir" "${stateDir.replace('%', '%%')}"`);
    expect(service!.content).toMatch(/\nExecStopPost=.*"status".*"--prometheus"/);
    expect(timer!.content).toContain('OnCalendar=hourly');
    expect(timer!.content).toContain('Persistent=true');
    expect(verifyService!.path).toMatch(/orca-hybrid-verify\.service$/);
    expect(verifyService!.content).toContain('"backups" "verify" "--all"');
    expect(verifyTimer!.content).toContain('OnCalendar=*-*-* 03:30:00');
  });

  (analyze ? test : test.skip)('pass systemd-analyze verify', async () => {
    const systemd = await dryRun('systemd', '--verify-daily');
    const dir = join(await dirs.make(), 'units');
    mkdirSync(dir);
    mkdirSync(stateDir, { recursive: true });
    for (const a of systemd.artefacts) writeFileSync(join(dir, a.path!.split('/').pop()!), a.content);
    const files = systemd.artefacts.map((a) => join(dir, a.path!.split('/').pop()!));
    const run = await execa(analyze!, ['verify', ...files], { reject: false, cwd: dir });
    expect([run.exitCode, run.stderr]).toEqual([0, '']);
  });
});
