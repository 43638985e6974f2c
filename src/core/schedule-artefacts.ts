/**
 * What `schedule install` registers with each OS scheduler: the hourly `sync` (and, when asked, a daily
 * `backups verify`) as Windows Task Scheduler XML, macOS launchd plists, crontab lines — systemd units are
 * in systemd-units.ts. Pure text; the adapters write and register it. The tool's own lock still keeps a
 * manual run and a scheduled one apart, whatever the scheduler does.
 */
import { UsageError } from './errors.js';

export const SCHEDULE_PLATFORMS = ['windows', 'launchd', 'systemd', 'cron'] as const;
export type SchedulePlatform = (typeof SCHEDULE_PLATFORMS)[number];

/** The hourly `sync`, and the optional daily `backups verify`. */
export type ScheduledJobName = 'sync' | 'verify';

/** One scheduled job: the tool with `args`, then each of `after` whatever the first one's exit code. */
export interface ScheduledJob {
  name: ScheduledJobName;
  /** `hourly`: every hour at minute 0; `daily`: every day at 03:30 local time. */
  when: 'hourly' | 'daily';
  /** `[<bin>/orca-hybrid.js, 'sync', '--config', <file>, '--state-dir', <dir>]`, run with `program`. */
  args: string[];
  /** Follow-up runs of the tool (the fleet metrics file), each an argument list like `args`. */
  after: string[][];
}

/** What `schedule install` registers: the jobs (sync first) and where they run. */
export interface SchedulePlan {
  /** Absolute path of the Node.js executable. */
  program: string;
  workingDir: string;
  /** Output the tool writes before its own log is open (a broken config) is appended here. */
  outputFile: string;
  jobs: ScheduledJob[];
}

/** The name each scheduler knows a job by; `uninstall` removes exactly these. */
export function jobIdentity(name: ScheduledJobName): {
  windowsTask: string;
  launchdLabel: string;
  systemdUnit: string;
  cronMarker: string;
  description: string;
  timerDescription: string;
} {
  return {
    windowsTask: `orca-hybrid ${name}`,
    launchdLabel: `jp.orca-hybrid.${name}`,
    systemdUnit: `orca-hybrid-${name}`,
    cronMarker: `# orca-hybrid:${name}`,
    description: DESCRIPTION[name],
    timerDescription:
      name === 'sync' ? 'Run orca-hybrid sync every hour' : 'Run orca-hybrid backups verify every day at 03:30',
  };
}

export const SCHEDULED_JOBS: readonly ScheduledJobName[] = ['sync', 'verify'];

const DESCRIPTION: Record<ScheduledJobName, string> = {
  sync: 'orca-hybrid sync: hourly backup of the WebORCA operating environment (manual 3.2.8)',
  verify: 'orca-hybrid backups verify: daily re-check of every backup in the backup folder',
};

function xml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** One Windows command-line argument (CommandLineToArgvW rules). */
export function quoteWindowsArg(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  return `"${arg.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1')}"`;
}

/** Task Scheduler's limit on `Command` and `WorkingDirectory` (MAX_PATH, in the schema's path type). */
export const WINDOWS_PATH_MAX = 260;

/** The program as Task Scheduler's `Command`: quoted when it holds a space, as Windows' own tasks do. */
function windowsCommand(program: string): string {
  return /\s/.test(program) ? `"${program}"` : program;
}

function checkWindowsPath(setting: string, value: string): void {
  if (value.length > WINDOWS_PATH_MAX)
    throw new UsageError({
      key: 'schedule.pathTooLong',
      params: { setting, path: value, max: WINDOWS_PATH_MAX },
      hintKey: 'schedule.pathTooLong.hint',
    });
}

/**
/**
 * Task Scheduler XML of one job (register with `schtasks /Create /TN <name> /XML <file> /F`; the file must be
 * UTF-16). Runs on battery and keeps running when the laptop unplugs, catches up a missed start, never
 * starts a second instance. `hourly`: repeats every hour from `start`'s hour (local time), stops after 50
 * minutes; `daily`: at 03:30, stops after 3 hours. Several `Exec` actions run one after another, each
 * whatever the previous one's exit code. Elements in the schema's order (test/unit/schedule-formats.test.ts
 * validates it); a program or working folder longer than Task Scheduler accepts is a UsageError.
 */
export function renderWindowsTask(plan: SchedulePlan, job: ScheduledJob, start: Date): string {
  const command = windowsCommand(plan.program);
  checkWindowsPath('Command', command);
  checkWindowsPath('WorkingDirectory', plan.workingDir);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}`;
  const id = jobIdentity(job.name);
  const trigger =
    job.when === 'hourly'
      ? [
          '    <TimeTrigger>',
          '      <Enabled>true</Enabled>',
          `      <StartBoundary>${day}T${pad(start.getHours())}:00:00</StartBoundary>`,
          '      <Repetition>',
          '        <Interval>PT1H</Interval>',
          '        <StopAtDurationEnd>false</StopAtDurationEnd>',
          '      </Repetition>',
          '    </TimeTrigger>',
        ]
      : [
          '    <CalendarTrigger>',
          '      <Enabled>true</Enabled>',
          `      <StartBoundary>${day}T03:30:00</StartBoundary>`,
          '      <ScheduleByDay>',
          '        <DaysInterval>1</DaysInterval>',
          '      </ScheduleByDay>',
          '    </CalendarTrigger>',
        ];
  const exec = (args: readonly string[]) => [
    '    <Exec>',
    `      <Command>${xml(command)}</Command>`,
    `      <Arguments>${xml(args.map(quoteWindowsArg).join(' '))}</Arguments>`,
    `      <WorkingDirectory>${xml(plan.workingDir)}</WorkingDirectory>`,
    '    </Exec>',
  ];
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    `    <Description>${xml(id.description)}</Description>`,
    `    <URI>\\${xml(id.windowsTask)}</URI>`,
    '  </RegistrationInfo>',
    '  <Triggers>',
    ...trigger,
    '  </Triggers>',
    '  <Principals>',
    '    <Principal id="Author">',
    '      <LogonType>InteractiveToken</LogonType>',
    '      <RunLevel>LeastPrivilege</RunLevel>',
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
    '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
    '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
    '    <AllowHardTerminate>true</AllowHardTerminate>',
    '    <StartWhenAvailable>true</StartWhenAvailable>',
    '    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>',
    '    <IdleSettings>',
    '      <StopOnIdleEnd>false</StopOnIdleEnd>',
    '      <RestartOnIdle>false</RestartOnIdle>',
    '    </IdleSettings>',
    '    <AllowStartOnDemand>true</AllowStartOnDemand>',
    '    <Enabled>true</Enabled>',
    '    <Hidden>false</Hidden>',
    '    <RunOnlyIfIdle>false</RunOnlyIfIdle>',
    '    <WakeToRun>false</WakeToRun>',
    `    <ExecutionTimeLimit>${job.when === 'hourly' ? 'PT50M' : 'PT3H'}</ExecutionTimeLimit>`,
    '    <Priority>7</Priority>',
    '  </Settings>',
    '  <Actions Context="Author">',
    ...exec(job.args),
    ...job.after.flatMap(exec),
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}

/**
 * launchd agent (`~/Library/LaunchAgents/<label>.plist`): hourly at minute 0, or daily at 03:30; runs missed
 * during sleep are coalesced into one on wake. With follow-up commands the job runs through `/bin/sh -c`
 * (the words quoted for sh, as in the crontab line), so each runs whatever the first one's exit code.
 */
export function renderLaunchdPlist(plan: SchedulePlan, job: ScheduledJob): string {
  const argv =
    job.after.length === 0
      ? [plan.program, ...job.args]
      : ['/bin/sh', '-c', [job.args, ...job.after].map((args) => shellWords([plan.program, ...args])).join('; ')];
  const strings = argv.map((a) => `    <string>${xml(a)}</string>`);
  const calendar =
    job.when === 'hourly'
      ? ['    <key>Minute</key>', '    <integer>0</integer>']
      : ['    <key>Hour</key>', '    <integer>3</integer>', '    <key>Minute</key>', '    <integer>30</integer>'];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key>',
    `  <string>${jobIdentity(job.name).launchdLabel}</string>`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...strings,
    '  </array>',
    '  <key>StartCalendarInterval</key>',
    '  <dict>',
    ...calendar,
    '  </dict>',
    '  <key>RunAtLoad</key>',
    '  <false/>',
    '  <key>ProcessType</key>',
    '  <string>Background</string>',
    '  <key>WorkingDirectory</key>',
    `  <string>${xml(plan.workingDir)}</string>`,
    '  <key>StandardOutPath</key>',
    `  <string>${xml(plan.outputFile)}</string>`,
    '  <key>StandardErrorPath</key>',
    `  <string>${xml(plan.outputFile)}</string>`,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

function shellWords(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/**
 * The crontab line of one job: hourly at minute 0 or daily at 03:30, output appended to `outputFile`,
 * follow-up commands after `;` (they run whatever the first one's exit code), ending with the job's marker.
 */
export function renderCrontabLine(plan: SchedulePlan, job: ScheduledJob): string {
  const out = `>>${shellQuote(plan.outputFile)} 2>&1`;
  const commands = [job.args, ...job.after].map((args) => `${shellWords([plan.program, ...args])} ${out}`);
  const when = job.when === 'hourly' ? '0 * * * *' : '30 3 * * *';
  // cron turns an unescaped % into a newline.
  const text = `${when} cd ${shellQuote(plan.workingDir)} && ${commands.join('; ')}`.replace(/%/g, '\\%');
  return `${text} ${jobIdentity(job.name).cronMarker}`;
}

/** True for a line this tool installed (any job). */
export function isOurCrontabLine(line: string): boolean {
  const trimmed = line.trimEnd();
  return SCHEDULED_JOBS.some((name) => trimmed.endsWith(jobIdentity(name).cronMarker));
}

/**
 * The crontab text with our lines replaced by `lines` (install) or removed (`[]`, uninstall). Every other
 * line, comment and variable stays exactly as it was, in its order.
 */
export function updateCrontab(current: string, lines: readonly string[]): string {
  const all = current.split('\n');
  if (all.length > 0 && all[all.length - 1] === '') all.pop();
  const kept = [...all.filter((l) => !isOurCrontabLine(l)), ...lines];
  return kept.length === 0 ? '' : kept.join('\n') + '\n';
}

export interface PlanInput {
  /** Absolute path of the Node.js executable. */
  program: string;
  /** Absolute path of `bin/orca-hybrid.js`. */
  launcher: string;
  configFile: string;
  stateDir: string;
  workingDir: string;
  outputFile: string;
  /** Also re-check every backup once a day (`backups verify --all`). */
  verifyDaily: boolean;
  /** Write the fleet metrics (`status --prometheus <file>`) after each job. */
  prometheusFile: string | null;
}

/**
 * The jobs `schedule install` registers: every path absolute, so the scheduler needs neither PATH nor a
 * working folder. The daily verify waits up to 30 minutes for an hourly sync still holding the lock.
 */
export function buildSchedulePlan(input: PlanInput): SchedulePlan {
  const where = ['--config', input.configFile, '--state-dir', input.stateDir];
  const after = input.prometheusFile
    ? [[input.launcher, 'status', ...where, '--prometheus', input.prometheusFile]]
    : [];
  const jobs: ScheduledJob[] = [{ name: 'sync', when: 'hourly', args: [input.launcher, 'sync', ...where], after }];
  if (input.verifyDaily)
    jobs.push({
      name: 'verify',
      when: 'daily',
      args: [input.launcher, 'backups', 'verify', '--all', '--wait', '30m', ...where],
      after,
    });
  return {
    program: input.program,
    workingDir: input.workingDir,
    outputFile: input.outputFile,
    jobs,
  };
}
