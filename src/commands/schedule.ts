import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { SCHEDULE_PLATFORMS, type ScheduledCommand, type SchedulePlatform } from '../core/schedule-artefacts.js';
import { UsageError } from '../core/errors.js';
import { detectPlatform, schedulerFor, type ScheduleArtefact } from '../adapters/scheduler/os-scheduler.js';
import { action } from './action.js';
import type { CommandContext } from './context.js';
import { helpTranslator } from './help-language.js';
import { journalCommand } from './state-change.js';
import { resolveStateDir } from './state-dir.js';

export interface ScheduleOptions {
  dryRun: boolean;
  platform?: SchedulePlatform;
  stateDir?: string;
}

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

/** `schedule install|uninstall|show [--dry-run] [--platform …]`: the hourly `sync` in the OS scheduler. */
export function buildScheduleCommand(): Command {
  const t = helpTranslator();
  const schedule = new Command('schedule').description(t('schedule.cmd.summary')).exitOverride();
  for (const name of ['install', 'uninstall', 'show'] as const) {
    schedule
      .command(name)
      .description(t(`schedule.${name}.summary`))
      .option('--dry-run', t('schedule.option.dryRun'), false)
      .addOption(new Option('--platform <platform>', t('schedule.option.platform')).choices([...SCHEDULE_PLATFORMS]))
      .option('--state-dir <dir>', t('state.option.stateDir'))
      .exitOverride()
      .action(action<ScheduleOptions>((ctx, options) => runSchedule(ctx, name, options)));
  }
  return schedule;
}

export async function runSchedule(
  ctx: CommandContext,
  name: ScheduleJson['action'],
  options: ScheduleOptions,
): Promise<void> {
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
  const artefacts = target.artefacts(cmd);
  const startedAt = new Date();
  let changed = false;
  if (writes) {
    const before = await target.status();
    try {
      if (name === 'install') {
        await target.install(cmd);
        changed = true;
      } else {
        changed = await target.uninstall();
      }
    } catch (error) {
      await journalCommand(ctx, {
        stateDir: cmd.stateDir,
        command: `schedule ${name}`,
        startedAt,
        before: { schedule: before.installed },
        after: { schedule: before.installed },
        error,
      }).catch(() => undefined);
      throw error;
    }
    await journalCommand(ctx, {
      stateDir: cmd.stateDir,
      command: `schedule ${name}`,
      startedAt,
      before: { schedule: before.installed },
      after: { schedule: name === 'install' },
    });
  }
  const status =
    options.dryRun && name !== 'show'
      ? { installed: false }
      : await target.status().catch(() => ({ installed: false }));
  const json: ScheduleJson = {
    action: name,
    platform,
    dryRun: options.dryRun,
    installed: status.installed,
    changed,
    command: [cmd.program, ...cmd.args],
    artefacts: artefacts.map((a) => ({ path: a.path, encoding: a.encoding, content: a.content })),
  };
  ctx.out.result(json, () => renderSchedule(ctx, json, artefacts));
}

function renderSchedule(ctx: CommandContext, json: ScheduleJson, artefacts: ScheduleArtefact[]): string {
  const platform = ctx.t(`schedule.platform.${json.platform}`);
  const lines: string[] = [];
  if (json.dryRun || json.action === 'show') {
    if (json.action === 'show' && !json.dryRun)
      lines.push(ctx.t(json.installed ? 'schedule.show.installed' : 'schedule.show.notInstalled', { platform }));
    if (json.action !== 'uninstall') {
      lines.push(ctx.t(json.dryRun ? 'schedule.dryRun.header' : 'schedule.show.header', { platform }));
      for (const a of artefacts) {
        lines.push(`--- ${a.path ?? ctx.t('schedule.crontabOf')}${a.encoding === 'utf16le' ? ' (UTF-16)' : ''}`);
        lines.push(a.content.replace(/\r\n/g, '\n').trimEnd());
      }
    } else {
      lines.push(ctx.t('schedule.dryRun.uninstall', { platform }));
    }
    return lines.join('\n');
  }
  if (json.action === 'install') return ctx.t('schedule.installed', { platform });
  return ctx.t(json.changed ? 'schedule.uninstalled' : 'schedule.notInstalled', { platform });
}

/** `node <bin> sync --config <file> --state-dir <dir>` with absolute paths, so the scheduler needs no PATH or cwd. */
async function scheduledCommand(
  ctx: CommandContext,
  options: ScheduleOptions,
): Promise<ScheduledCommand & { stateDir: string }> {
  const { loadConfig } = await import('../adapters/config/load.js');
  const { filepath } = await loadConfig(ctx);
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  return {
    program: process.execPath,
    args: [launcherPath(), 'sync', '--config', filepath, '--state-dir', stateDir],
    workingDir: dirname(filepath),
    outputFile: join(stateDir, 'schedule-output.log'),
    stateDir,
  };
}

function launcherPath(): string {
  const fromArgv = process.argv[1];
  try {
    if (fromArgv && /orca-hybrid(\.js)?$/.test(fromArgv)) return realpathSync(fromArgv);
  } catch {
    // Fall through to the launcher next to this build.
  }
  return fileURLToPath(new URL('../../bin/orca-hybrid.js', import.meta.url));
}
