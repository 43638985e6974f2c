/**
 * Registers the hourly `sync` with the OS scheduler (`schedule install|uninstall|show`), through the one
 * process runner: `schtasks` (Windows), `launchctl` (macOS), `systemctl --user` (Linux with systemd) or
 * `crontab` (Linux without systemd). Each target can show what it would write without touching anything.
 */
import { existsSync } from 'node:fs';
import type { ScheduledJobName, SchedulePlan, SchedulePlatform } from '../../core/schedule-artefacts.js';
import { cronTarget } from './cron-target.js';
import { launchdTarget } from './launchd-target.js';
import { systemdTarget } from './systemd-target.js';
import { windowsTarget } from './windows-target.js';

/** Test and administration hook: as root, install into this user's crontab (`crontab -u <user>`). */
export const CRONTAB_USER_VAR = 'ORCA_HYBRID_CRONTAB_USER';

export interface ScheduleArtefact {
  job: ScheduledJobName;
  /** Where install writes it; null when the scheduler keeps it (the crontab, a Windows task). */
  path: string | null;
  /** What holds it: the file's path, `crontab`, or the Windows task's name. */
  name: string;
  content: string;
  encoding: 'utf8' | 'utf16le';
}

export interface ScheduleStatus {
  /** False when this computer lacks the scheduler's program (no `crontab`: cron is not installed). */
  available: boolean;
  /** The jobs registered now. */
  jobs: ScheduledJobName[];
}

export interface SchedulerTarget {
  readonly platform: SchedulePlatform;
  artefacts(plan: SchedulePlan): ScheduleArtefact[];
  /** Registers the plan's jobs and removes this tool's jobs the plan no longer has. */
  install(plan: SchedulePlan): Promise<void>;
  /** Removes every job of this tool; false when there was none. */
  uninstall(): Promise<boolean>;
  status(): Promise<ScheduleStatus>;
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
