/**
 * systemd user units for the scheduled jobs, written by systemd's own rules (systemd.syntax(7) "Quoting",
 * systemd.service(5) "Command lines", systemd.unit(5) "Specifiers"): a command line is split into words,
 * each word may be double-quoted with C-style escapes inside; `%` starts a specifier everywhere and `$`
 * an environment variable in command lines. A single-value setting such as `WorkingDirectory=` is not
 * unquoted at all: quotes there become part of the path (systemd then rejects it as not absolute).
 */
import { UsageError } from './errors.js';
import { jobIdentity, type ScheduledJob, type SchedulePlan } from './schedule-artefacts.js';

const C_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
  '\v': '\\v',
  '\f': '\\f',
  '\b': '\\b',
  '\x07': '\\a',
};

/** One word of a command line (`ExecStart=`): double-quoted, C escapes, `%%` and `$$` for literal signs. */
export function systemdWord(word: string): string {
  const escaped = [...word]
    .map((ch) => {
      if (ch in C_ESCAPES) return C_ESCAPES[ch]!;
      const code = ch.codePointAt(0)!;
      if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, '0')}`;
      if (ch === '%') return '%%';
      if (ch === '$') return '$$';
      return ch;
    })
    .join('');
  return `"${escaped}"`;
}

/**
 * A path for a single-value setting (`WorkingDirectory=`): written as is, only `%` doubled. Characters the
 * unit file cannot carry there (control characters; leading or trailing blanks, which the parser strips)
 * are refused rather than written into a unit that would point elsewhere.
 */
export function systemdPath(path: string): string {
  if (/[\x00-\x1f\x7f]/.test(path) || path !== path.trim() || !path.startsWith('/')) {
    throw new UsageError({
      key: 'schedule.systemdPath',
      params: { path: JSON.stringify(path).slice(0, 200) },
      hintKey: 'schedule.systemdPath.hint',
    });
  }
  return path.replace(/%/g, '%%');
}

/** `Description=` text: specifiers expand there too. */
function systemdText(text: string): string {
  return text.replace(/%/g, '%%');
}

const CALENDAR = { hourly: 'hourly', daily: '*-*-* 03:30:00' } as const;
const TIMEOUT = { hourly: '50min', daily: '3h' } as const;

/**
 * The oneshot service and its timer of one job (`Persistent=true`: a start missed while the machine was off
 * runs at boot; a timer never starts its service while it still runs). Commands in `after` run as
 * `ExecStopPost=`, which systemd runs whether the job succeeded or failed.
 */
export function renderSystemdJob(plan: SchedulePlan, job: ScheduledJob): { service: string; timer: string } {
  const id = jobIdentity(job.name);
  const line = (args: readonly string[]): string => [plan.program, ...args].map(systemdWord).join(' ');
  const service = [
    '[Unit]',
    `Description=${systemdText(id.description)}`,
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=oneshot',
    `WorkingDirectory=${systemdPath(plan.workingDir)}`,
    `ExecStart=${line(job.args)}`,
    ...job.after.map((args) => `ExecStopPost=${line(args)}`),
    `TimeoutStartSec=${TIMEOUT[job.when]}`,
    '',
  ].join('\n');
  const timer = [
    '[Unit]',
    `Description=${systemdText(id.timerDescription)}`,
    '',
    '[Timer]',
    `OnCalendar=${CALENDAR[job.when]}`,
    'Persistent=true',
    `Unit=${id.systemdUnit}.service`,
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
  return { service, timer };
}
