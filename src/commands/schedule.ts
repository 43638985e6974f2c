import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { SCHEDULE_PLATFORMS, type ScheduledCommand, type SchedulePlatform } from '../core/schedule-artefacts.js';
import { UsageError } from '../core/errors.js';
import { detectPlatform, schedulerFor } from '../adapters/scheduler/os-scheduler.js';
import { scheduleOutcome, type ScheduleJson } from '../ui/schedule-render.js';
import type { CommandKit, CommandOutcome } from './command.js';
import type { CommandContext } from './context.js';
import { resolveStateDir } from './state-dir.js';

export interface ScheduleOptions {
  dryRun: boolean;
  platform?: SchedulePlatform;
  stateDir?: string;
}

/** `schedule install|uninstall|show [--dry-run] [--platform …]`: the hourly `sync` in the OS scheduler. */
export function buildScheduleCommand({ t, action }: CommandKit): Command {
  const schedule = new Command('schedule').description(t('schedule.cmd.summary'));
  for (const name of ['install', 'uninstall', 'show'] as const) {
    schedule
      .command(name)
      .description(t(`schedule.${name}.summary`))
      .option('--dry-run', t('schedule.option.dryRun'), false)
      .addOption(new Option('--platform <platform>', t('schedule.option.platform')).choices([...SCHEDULE_PLATFORMS]))
      .option('--state-dir <dir>', t('state.option.stateDir'))
      .action(action<ScheduleOptions>((ctx, options) => runSchedule(ctx, name, options)));
  }
  return schedule;
}

/** Installs, removes or shows the task; a change of the OS scheduler is journaled. */
export async function runSchedule(
  ctx: CommandContext,
  name: ScheduleJson['action'],
  options: ScheduleOptions,
): Promise<CommandOutcome> {
  const detected = detectPlatform();
  const platform = options.platform ?? detected;
  const writes = name !== 'show' && !options.dryRun;
  if (writes && platform !== detected && !(detected === 'systemd' && platform === 'cron')) {
    throw new UsageError({
      key: 'schedule.platformMismatch',
      params: { platform, detected },
      hintKey: 'schedule.platformMismatch.hint',
    });
  }
  const cmd = await scheduledCommand(ctx, options);
  const target = schedulerFor(platform, ctx.env);
  let changed = false;
  if (writes) {
    const before = await target.status();
    ctx.journal.open(cmd.stateDir, `schedule ${name}`);
    ctx.journal.changes({ schedule: before.installed }, { schedule: before.installed });
    changed = name === 'install' ? (await target.install(cmd), true) : await target.uninstall();
    ctx.journal.changes({ schedule: before.installed }, { schedule: name === 'install' });
  }
  const status =
    options.dryRun && name !== 'show'
      ? { installed: false }
      : await target.status().catch(() => ({ installed: false }));
  const artefacts = target.artefacts(cmd).map((a) => ({ path: a.path, encoding: a.encoding, content: a.content }));
  const json: ScheduleJson = {
    action: name,
    platform,
    dryRun: options.dryRun,
    installed: status.installed,
    changed,
    command: [cmd.program, ...cmd.args],
    artefacts,
  };
  return scheduleOutcome(json, ctx.t);
}

/** `node <bin> sync --config <file> --state-dir <dir>` with absolute paths, so the scheduler needs no PATH or cwd. */
async function scheduledCommand(
  ctx: CommandContext,
  options: ScheduleOptions,
): Promise<ScheduledCommand & { stateDir: string }> {
  const { filepath } = await ctx.config();
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  return {
    program: process.execPath,
    args: [launcherPath(), 'sync', '--config', filepath, '--state-dir', stateDir],
    workingDir: dirname(filepath),
    outputFile: join(stateDir, 'schedule-output.log'),
    stateDir,
  };
}

/** The launcher of this installation (an npm bin link resolves to the same file). */
function launcherPath(): string {
  const launcher = fileURLToPath(new URL('../../bin/orca-hybrid.js', import.meta.url));
  try {
    return realpathSync(launcher);
  } catch {
    return launcher;
  }
}
