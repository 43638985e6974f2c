import { dirname, isAbsolute, join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { SCHEDULE_PLATFORMS, buildSchedulePlan, type SchedulePlatform } from '../core/schedule-artefacts.js';
import { UsageError } from '../core/errors.js';
import { detectPlatform, schedulerFor, type ScheduleStatus } from '../adapters/scheduler/os-scheduler.js';
import { launcherPath } from '../ui/invocation.js';
import { scheduleOutcome, type ScheduleJson } from '../ui/schedule-render.js';
import type { CommandKit, CommandOutcome } from './command.js';
import type { CommandContext } from './context.js';
import { resolveStateDir } from './state-dir.js';

export interface ScheduleOptions {
  dryRun: boolean;
  platform?: SchedulePlatform;
  stateDir?: string;
  verifyDaily?: boolean;
  prometheus?: string;
}

/** `schedule install|uninstall|show [--dry-run] [--platform …]`: the hourly `sync` in the OS scheduler. */
export function buildScheduleCommand({ t, action }: CommandKit): Command {
  const schedule = new Command('schedule').description(t('schedule.cmd.summary'));
  for (const name of ['install', 'uninstall', 'show'] as const) {
    const sub = schedule
      .command(name)
      .description(t(`schedule.${name}.summary`))
      .option('--dry-run', t('schedule.option.dryRun'), false)
      .addOption(new Option('--platform <platform>', t('schedule.option.platform')).choices([...SCHEDULE_PLATFORMS]))
      .option('--state-dir <dir>', t('state.option.stateDir'))
      .action(action<ScheduleOptions>((ctx, options) => runSchedule(ctx, name, options)));
    if (name !== 'uninstall')
      sub
        .option('--verify-daily', t('schedule.option.verifyDaily'))
        .option('--prometheus <file>', t('schedule.option.prometheus'));
  }
  return schedule;
}

/** Installs, removes or shows the jobs; a change of the OS scheduler is journaled. */
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
  const { plan, stateDir } = await schedulePlan(ctx, options);
  const target = schedulerFor(platform, ctx.env);
  let changed = false;
  if (writes) {
    const before = await target.status();
    ctx.journal.open(stateDir, `schedule ${name}`);
    ctx.journal.changes({ schedule: before.jobs }, { schedule: before.jobs });
    changed = name === 'install' ? (await target.install(plan), true) : await target.uninstall();
    ctx.journal.changes(
      { schedule: before.jobs },
      { schedule: name === 'install' ? plan.jobs.map((j) => j.name) : [] },
    );
  }
  const status: ScheduleStatus =
    options.dryRun && name !== 'show'
      ? { available: true, jobs: [] }
      : await target.status().catch(() => ({ available: true, jobs: [] }));
  const json: ScheduleJson = {
    action: name,
    platform,
    dryRun: options.dryRun,
    available: status.available,
    installed: status.jobs.includes('sync'),
    jobs: status.jobs,
    changed,
    command: [plan.program, ...plan.jobs[0]!.args],
    artefacts: target.artefacts(plan).map((a) => ({
      job: a.job,
      path: a.path,
      name: a.name,
      encoding: a.encoding,
      content: a.content,
    })),
  };
  return scheduleOutcome(json, ctx.t);
}

/** The jobs to register, every path absolute (the scheduler needs no PATH or cwd), and the state folder. */
async function schedulePlan(ctx: CommandContext, options: ScheduleOptions) {
  const { filepath } = await ctx.config();
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const prometheus = options.prometheus === undefined ? null : resolve(ctx.cwd, options.prometheus);
  const plan = buildSchedulePlan({
    program: process.execPath,
    launcher: launcherPath(),
    configFile: filepath,
    stateDir,
    workingDir: dirname(filepath),
    outputFile: join(stateDir, 'schedule-output.log'),
    verifyDaily: options.verifyDaily === true,
    prometheusFile: prometheus !== null && isAbsolute(prometheus) ? prometheus : null,
  });
  return { plan, stateDir };
}
