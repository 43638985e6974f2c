/** What `schedule install|uninstall|show` prints: the `--json` document and the human lines. */
import type { ScheduledJobName, SchedulePlatform } from '../core/schedule-artefacts.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';

/** What `schedule … --json` prints. */
export interface ScheduleJson {
  action: 'install' | 'uninstall' | 'show';
  platform: SchedulePlatform;
  dryRun: boolean;
  /** False when this computer lacks the scheduler (no `crontab`: cron is not installed). */
  available: boolean;
  /** The hourly sync is registered after the action (for `show`: now). */
  installed: boolean;
  /** Every job of this tool registered after the action. */
  jobs: ScheduledJobName[];
  /** True when the action changed the OS scheduler. */
  changed: boolean;
  /** The hourly job's command line. */
  command: string[];
  artefacts: Array<{ job: ScheduledJobName; path: string | null; name: string; encoding: string; content: string }>;
}

export function scheduleOutcome(json: ScheduleJson, t: Translate): CommandOutcome {
  return { json, human: () => renderSchedule(json, t) };
}

function renderSchedule(json: ScheduleJson, t: Translate): string {
  const platform = t(`schedule.platform.${json.platform}`);
  if (!json.available && !json.dryRun) return t(`schedule.unavailable.${json.platform}`);
  if (!json.dryRun && json.action !== 'show') {
    if (json.action === 'install') return t('schedule.installed', { platform, jobs: jobList(json.jobs, t) });
    return t(json.changed ? 'schedule.uninstalled' : 'schedule.notInstalled', { platform });
  }
  if (json.action === 'uninstall') return t('schedule.dryRun.uninstall', { platform });
  const lines: string[] = [];
  if (json.action === 'show' && !json.dryRun)
    lines.push(
      json.jobs.length > 0
        ? t('schedule.show.installed', { platform, jobs: jobList(json.jobs, t) })
        : t('schedule.show.notInstalled', { platform }),
    );
  lines.push(t(json.dryRun ? 'schedule.dryRun.header' : 'schedule.show.header', { platform }));
  for (const a of json.artefacts) {
    const where =
      a.path ?? (json.platform === 'windows' ? t('schedule.windowsTask', { name: a.name }) : t('schedule.crontabOf'));
    lines.push(`--- ${where}${a.encoding === 'utf16le' ? ' (UTF-16)' : ''}`);
    lines.push(a.content.replace(/\r\n/g, '\n').trimEnd());
  }
  return lines.join('\n');
}

function jobList(jobs: readonly ScheduledJobName[], t: Translate): string {
  return jobs.map((job) => t(`schedule.job.${job}`)).join(t('word.listSeparator'));
}
