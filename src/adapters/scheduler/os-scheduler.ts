/**
 * Registers the hourly `sync` with the OS scheduler (`schedule install|uninstall|show`), through the one
 * process runner: `schtasks` (Windows), `launchctl` (macOS), `systemctl --user` (Linux with systemd) or
 * `crontab` (Linux without systemd). Each target can show what it would write without touching anything.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import {
  LAUNCHD_LABEL,
  SYSTEMD_UNIT,
  WINDOWS_TASK_NAME,
  isOurCrontabLine,
  renderCrontabLine,
  renderLaunchdPlist,
  renderSystemdUnits,
  renderWindowsTask,
  updateCrontab,
  type ScheduledCommand,
  type SchedulePlatform,
} from '../../core/schedule-artefacts.js';
import { replaceFileAtomically } from '../fs/atomic-write.js';
import { runProcess } from '../process/run.js';

/** Test and administration hook: as root, install into this user's crontab (`crontab -u <user>`). */
export const CRONTAB_USER_VAR = 'ORCA_HYBRID_CRONTAB_USER';

export interface ScheduleArtefact {
  /** Where install writes it; null for the crontab (it lives in the user's crontab, not a file we own). */
  path: string | null;
  content: string;
  encoding: 'utf8' | 'utf16le';
}

export interface SchedulerTarget {
  readonly platform: SchedulePlatform;
  artefacts(cmd: ScheduledCommand): ScheduleArtefact[];
  install(cmd: ScheduledCommand): Promise<void>;
  /** Removes the registration; false when there was none. */
  uninstall(): Promise<boolean>;
  /** Whether it is registered, and the registered text when readable. */
  status(): Promise<{ installed: boolean; registered: string | null }>;
}

/** The scheduler this machine uses: Task Scheduler, launchd, systemd when it runs (PID 1), else cron. */
export function detectPlatform(platform: NodeJS.Platform = process.platform): SchedulePlatform {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'launchd';
  return existsSync('/run/systemd/system') ? 'systemd' : 'cron';
}

export function schedulerFor(platform: SchedulePlatform, env: NodeJS.ProcessEnv = process.env): SchedulerTarget {
  switch (platform) {
    case 'cron':
      return cronTarget(env[CRONTAB_USER_VAR] || undefined);
    case 'systemd':
      return systemdTarget();
    case 'launchd':
      return launchdTarget();
    case 'windows':
      return windowsTarget();
  }
}

function cronTarget(user: string | undefined): SchedulerTarget {
  const userArgs = user ? ['-u', user] : [];
  async function read(): Promise<string> {
    const result = await runProcess('crontab', [...userArgs, '-l'], {
      reject: false,
      timeoutMs: 30_000,
      env: { LC_ALL: 'C' },
    });
    if (result.exitCode === 0) return result.stdout;
    if (/no crontab for/i.test(result.stderr)) return '';
    return runProcess('crontab', [...userArgs, '-l'], { timeoutMs: 30_000 }).then((r) => r.stdout);
  }
  const write = (text: string) =>
    runProcess('crontab', [...userArgs, '-'], { input: text, timeoutMs: 30_000 }).then(() => undefined);
  return {
    platform: 'cron',
    artefacts: (cmd) => [{ path: null, content: renderCrontabLine(cmd) + '\n', encoding: 'utf8' }],
    async install(cmd) {
      await write(updateCrontab(await read(), renderCrontabLine(cmd)));
    },
    async uninstall() {
      const current = await read();
      if (!current.split('\n').some(isOurCrontabLine)) return false;
      await write(updateCrontab(current, null));
      return true;
    },
    async status() {
      const line = (await read()).split('\n').find(isOurCrontabLine) ?? null;
      return { installed: line !== null, registered: line };
    },
  };
}

function systemdTarget(): SchedulerTarget {
  const dir = join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'systemd', 'user');
  const service = join(dir, `${SYSTEMD_UNIT}.service`);
  const timer = join(dir, `${SYSTEMD_UNIT}.timer`);
  const systemctl = (...args: string[]) => runProcess('systemctl', ['--user', ...args], { timeoutMs: 60_000 });
  return {
    platform: 'systemd',
    artefacts(cmd) {
      const units = renderSystemdUnits(cmd);
      return [
        { path: service, content: units.service, encoding: 'utf8' },
        { path: timer, content: units.timer, encoding: 'utf8' },
      ];
    },
    async install(cmd) {
      await mkdir(dir, { recursive: true });
      for (const a of this.artefacts(cmd)) await replaceFileAtomically(a.path!, a.content);
      await systemctl('daemon-reload');
      await systemctl('enable', '--now', `${SYSTEMD_UNIT}.timer`);
    },
    async uninstall() {
      if (!existsSync(timer) && !existsSync(service)) return false;
      await runProcess('systemctl', ['--user', 'disable', '--now', `${SYSTEMD_UNIT}.timer`], {
        reject: false,
        timeoutMs: 60_000,
      });
      await rm(timer, { force: true });
      await rm(service, { force: true });
      await systemctl('daemon-reload');
      return true;
    },
    async status() {
      return { installed: existsSync(timer) && existsSync(service), registered: existsSync(timer) ? timer : null };
    },
  };
}

function launchdTarget(): SchedulerTarget {
  const plist = join(homedir(), 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`);
  const domain = `gui/${userInfo().uid}`;
  return {
    platform: 'launchd',
    artefacts: (cmd) => [{ path: plist, content: renderLaunchdPlist(cmd), encoding: 'utf8' }],
    async install(cmd) {
      await mkdir(join(homedir(), 'Library', 'LaunchAgents'), { recursive: true });
      await runProcess('launchctl', ['bootout', `${domain}/${LAUNCHD_LABEL}`], { reject: false, timeoutMs: 30_000 });
      await replaceFileAtomically(plist, renderLaunchdPlist(cmd));
      await runProcess('launchctl', ['bootstrap', domain, plist], { timeoutMs: 30_000 });
    },
    async uninstall() {
      if (!existsSync(plist)) return false;
      await runProcess('launchctl', ['bootout', `${domain}/${LAUNCHD_LABEL}`], { reject: false, timeoutMs: 30_000 });
      await rm(plist, { force: true });
      return true;
    },
    async status() {
      return { installed: existsSync(plist), registered: existsSync(plist) ? plist : null };
    },
  };
}

/** UTF-16LE with a byte-order mark, as `schtasks /XML` expects. */
export function encodeUtf16(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

function windowsTarget(): SchedulerTarget {
  return {
    platform: 'windows',
    artefacts: (cmd) => [{ path: null, content: renderWindowsTask(cmd, nextHour()), encoding: 'utf16le' }],
    async install(cmd) {
      const file = join(tmpdir(), `orca-hybrid-task-${process.pid}.xml`);
      await writeFile(file, encodeUtf16(renderWindowsTask(cmd, nextHour())), { mode: 0o600 });
      try {
        await runProcess('schtasks', ['/Create', '/TN', WINDOWS_TASK_NAME, '/XML', file, '/F'], { timeoutMs: 60_000 });
      } finally {
        await rm(file, { force: true });
      }
    },
    async uninstall() {
      const found = await runProcess('schtasks', ['/Query', '/TN', WINDOWS_TASK_NAME], {
        reject: false,
        timeoutMs: 60_000,
      });
      if (found.exitCode !== 0) return false;
      await runProcess('schtasks', ['/Delete', '/TN', WINDOWS_TASK_NAME, '/F'], { timeoutMs: 60_000 });
      return true;
    },
    async status() {
      const found = await runProcess('schtasks', ['/Query', '/TN', WINDOWS_TASK_NAME, '/XML'], {
        reject: false,
        timeoutMs: 60_000,
      });
      return { installed: found.exitCode === 0, registered: found.exitCode === 0 ? WINDOWS_TASK_NAME : null };
    },
  };
}

function nextHour(): Date {
  const d = new Date();
  d.setMinutes(0, 0, 0);
  d.setHours(d.getHours() + 1);
  return d;
}
