/** What `schedule install|uninstall|show` prints: the `--json` document and its lines for people. */
import type { SchedulePlatform } from '../core/schedule-artefacts.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';

/** What `schedule … --json` prints. */
export interface ScheduleJson {
  action: 'install' | 'uninstall' | 'show';
  platform: SchedulePlatform;
  dryRun: boolean;
  /** Registered after the action (for `show`: now). */
  installed: boolean;
  /** True when the action changed the OS scheduler. */
  changed: boolean;
  command: string[];
  artefacts: Array<{ path: string | null; encoding: string; content: string }>;
}

export function scheduleOutcome(json: ScheduleJson, t: Translate): CommandOutcome {
  return { json, human: () => renderSchedule(json, t) };
}

function renderSchedule(json: ScheduleJson, t: Translate): string {
  const platform = t(`schedule.platform.${json.platform}`);
  if (!json.dryRun && json.action === 'install') return t('schedule.installed', { platform });
  if (!json.dryRun && json.action === 'uninstall')
    return t(json.changed ? 'schedule.uninstalled' : 'schedule.notInstalled', { platform });
  if (json.action === 'uninstall') return t('schedule.dryRun.uninstall', { platform });
  const lines: string[] = [];
  if (json.action === 'show' && !json.dryRun)
    lines.push(t(json.installed ? 'schedule.show.installed' : 'schedule.show.notInstalled', { platform }));
  lines.push(t(json.dryRun ? 'schedule.dryRun.header' : 'schedule.show.header', { platform }));
  for (const a of json.artefacts) {
    lines.push(`--- ${a.path ?? t('schedule.crontabOf')}${a.encoding === 'utf16le' ? ' (UTF-16)' : ''}`);
    lines.push(a.content.replace(/\r\n/g, '\n').trimEnd());
  }
  return lines.join('\n');
}
