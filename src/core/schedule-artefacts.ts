/**
 * What `schedule install` registers with each OS scheduler to run `orca-hybrid sync` hourly
 * (RELIABILITY.md "Scheduling facts"): a Windows Task Scheduler XML, a macOS launchd plist, a systemd
 * service + timer, or one crontab line. Pure text; the adapters write and register it. The tool's own lock
 * still guards against a manual run racing the scheduled one, whatever the scheduler does.
 */
import { UsageError } from './errors.js';

export const SCHEDULE_PLATFORMS = ['windows', 'launchd', 'systemd', 'cron'] as const;
export type SchedulePlatform = (typeof SCHEDULE_PLATFORMS)[number];

export const WINDOWS_TASK_NAME = 'orca-hybrid sync';
export const LAUNCHD_LABEL = 'jp.orca-hybrid.sync';
export const SYSTEMD_UNIT = 'orca-hybrid-sync';
/** Ends the one crontab line this tool owns; `uninstall` removes exactly the lines ending with it. */
export const CRON_MARKER = '# orca-hybrid:sync';

/** The program and arguments the scheduler starts, plus where its stray output goes. */
export interface ScheduledCommand {
  /** Absolute path of the Node.js executable. */
  program: string;
  /** `[<bin>/orca-hybrid.js, 'sync', '--config', <file>, '--state-dir', <dir>]`. */
  args: string[];
  workingDir: string;
  /** Output the tool writes before its own log is open (a broken config) is appended here. */
  outputFile: string;
}

const DESCRIPTION = 'orca-hybrid sync: hourly backup of the WebORCA operating environment (manual 3.2.8)';

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
 * Task Scheduler XML (register with `schtasks /Create /TN "orca-hybrid sync" /XML <file> /F`; the file must
 * be UTF-16). Runs on battery and keeps running when the laptop unplugs, catches up a missed start, never
 * starts a second instance, stops after 50 minutes, repeats hourly from `start` (local time). Elements in
 * the schema's order (test/unit/schedule-formats.test.ts validates it); a program or working folder longer
 * than Task Scheduler accepts is a UsageError.
 */
export function renderWindowsTask(cmd: ScheduledCommand, start: Date): string {
  const command = windowsCommand(cmd.program);
  checkWindowsPath('Command', command);
  checkWindowsPath('WorkingDirectory', cmd.workingDir);
  const pad = (n: number) => String(n).padStart(2, '0');
  const boundary = `${start.getFullYear()}-${pad(start.getMonth() + 1)}-${pad(start.getDate())}T${pad(start.getHours())}:00:00`;
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    `    <Description>${xml(DESCRIPTION)}</Description>`,
    `    <URI>\\${xml(WINDOWS_TASK_NAME)}</URI>`,
    '  </RegistrationInfo>',
    '  <Triggers>',
    '    <TimeTrigger>',
    '      <Enabled>true</Enabled>',
    `      <StartBoundary>${boundary}</StartBoundary>`,
    '      <Repetition>',
    '        <Interval>PT1H</Interval>',
    '        <StopAtDurationEnd>false</StopAtDurationEnd>',
    '      </Repetition>',
    '    </TimeTrigger>',
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
    '    <ExecutionTimeLimit>PT50M</ExecutionTimeLimit>',
    '    <Priority>7</Priority>',
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    `      <Command>${xml(command)}</Command>`,
    `      <Arguments>${xml(cmd.args.map(quoteWindowsArg).join(' '))}</Arguments>`,
    `      <WorkingDirectory>${xml(cmd.workingDir)}</WorkingDirectory>`,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}

/** launchd agent (`~/Library/LaunchAgents/jp.orca-hybrid.sync.plist`): every hour at minute 0; runs missed
 *  during sleep are coalesced into one on wake. */
export function renderLaunchdPlist(cmd: ScheduledCommand): string {
  const strings = [cmd.program, ...cmd.args].map((a) => `    <string>${xml(a)}</string>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '  <key>Label</key>',
    `  <string>${LAUNCHD_LABEL}</string>`,
    '  <key>ProgramArguments</key>',
    '  <array>',
    ...strings,
    '  </array>',
    '  <key>StartCalendarInterval</key>',
    '  <dict>',
    '    <key>Minute</key>',
    '    <integer>0</integer>',
    '  </dict>',
    '  <key>RunAtLoad</key>',
    '  <false/>',
    '  <key>ProcessType</key>',
    '  <string>Background</string>',
    '  <key>WorkingDirectory</key>',
    `  <string>${xml(cmd.workingDir)}</string>`,
    '  <key>StandardOutPath</key>',
    `  <string>${xml(cmd.outputFile)}</string>`,
    '  <key>StandardErrorPath</key>',
    `  <string>${xml(cmd.outputFile)}</string>`,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

function systemdQuote(arg: string): string {
  return `"${arg.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;
}

/** A oneshot user service and its timer (`OnCalendar=hourly`, `Persistent=true`: a start missed while the
 *  machine was off runs at boot; the timer never starts the service while it still runs). */
export function renderSystemdUnits(cmd: ScheduledCommand): { service: string; timer: string } {
  const service = [
    '[Unit]',
    `Description=${DESCRIPTION}`,
    'Wants=network-online.target',
    'After=network-online.target',
    '',
    '[Service]',
    'Type=oneshot',
    `WorkingDirectory=${systemdQuote(cmd.workingDir)}`,
    `ExecStart=${[cmd.program, ...cmd.args].map(systemdQuote).join(' ')}`,
    'TimeoutStartSec=50min',
    '',
  ].join('\n');
  const timer = [
    '[Unit]',
    'Description=Run orca-hybrid sync every hour',
    '',
    '[Timer]',
    'OnCalendar=hourly',
    'Persistent=true',
    `Unit=${SYSTEMD_UNIT}.service`,
    '',
    '[Install]',
    'WantedBy=timers.target',
    '',
  ].join('\n');
  return { service, timer };
}

function shellQuote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The crontab line: hourly at minute 0, output appended to `outputFile`, ending with the marker. */
export function renderCrontabLine(cmd: ScheduledCommand): string {
  // cron turns an unescaped % into a newline.
  const words = [cmd.program, ...cmd.args].map(shellQuote).join(' ').replace(/%/g, '\\%');
  return `0 * * * * cd ${shellQuote(cmd.workingDir).replace(/%/g, '\\%')} && ${words} >>${shellQuote(cmd.outputFile).replace(/%/g, '\\%')} 2>&1 ${CRON_MARKER}`;
}

/** True for a line this tool installed. */
export function isOurCrontabLine(line: string): boolean {
  return line.trimEnd().endsWith(CRON_MARKER);
}

/**
 * The crontab text with our line replaced by `line` (install) or removed (`null`, uninstall). Every other
 * line, comment and variable stays exactly as it was, in its order.
 */
export function updateCrontab(current: string, line: string | null): string {
  const lines = current.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const kept = lines.filter((l) => !isOurCrontabLine(l));
  if (line !== null) kept.push(line);
  return kept.length === 0 ? '' : kept.join('\n') + '\n';
}
