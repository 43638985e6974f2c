import { Argument, Command, Option } from 'commander';
import { MODES, type EmergencyChoice, type Mode } from '../core/domain.js';
import { UsageError } from '../core/errors.js';
import { runSwitch, SwitchIncompleteError, type SwitchPorts } from '../core/switch-run.js';
import { confirmSwitch } from '../ui/confirmations.js';
import { switchOutcome } from '../ui/switch-render.js';
import { openAdapters } from './adapters.js';
import type { CommandKit, CommandOutcome } from './command.js';
import { askerOf, type CommandContext } from './context.js';
import { startLockedRun } from './locked-run.js';
import { modePusher } from './mode-delivery.js';
import { durationOption } from './options.js';
import { FileStateLedger } from './state-ledger.js';

export interface SwitchCommandOptions {
  target?: EmergencyChoice;
  force: boolean;
  reason?: string;
  timeout: string;
  wait?: string;
  stateDir?: string;
}

const TIMEOUT_RANGE = { minMs: 1_000, maxMs: 300_000 };

/** `switch emergency|recovery|normal` (環境切り替えボタン, manual 3.2.2). */
export function buildSwitchCommand({ t, action }: CommandKit): Command {
  return new Command('switch')
    .description(t('switch.cmd.summary'))
    .addArgument(new Argument('<mode>', t('switch.arg.mode')).choices([...MODES]))
    .addOption(new Option('--target <choice>', t('switch.option.target')).choices(['cloud', 'local']))
    .option('--force', t('switch.option.force'), false)
    .option('--reason <text>', t('switch.option.reason'))
    .option('--timeout <duration>', t('switch.option.timeout'), '10s')
    .option('--wait <duration>', t('switch.option.wait'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .addHelpText('after', `\n${t('switch.help.after')}`)
    .action(action<SwitchCommandOptions>((ctx, options, args) => runSwitchCommand(ctx, options, args[0] as Mode)));
}

/**
 * Under the lock (exit 7 while another run holds it): the plan, the go-ahead, the new mode and its pending
 * pushes written first, then the pushes. Journaled once, with the override's reason and what was pushed.
 */
export async function runSwitchCommand(
  ctx: CommandContext,
  options: SwitchCommandOptions,
  to: Mode,
): Promise<CommandOutcome> {
  if (options.target !== undefined && to !== 'emergency')
    throw new UsageError({ key: 'switch.targetOnlyEmergency', params: { to } });
  const timeoutMs = durationOption(options.timeout, '--timeout', TIMEOUT_RANGE)!;
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const run = await startLockedRun(ctx, { command: `switch ${to}`, stateDirFlag: options.stateDir, waitMs });
  if (options.force) ctx.journal.also('override', { reason: options.reason?.trim() ?? null });
  const adapterOptions = { timeouts: { connectMs: timeoutMs, responseMs: timeoutMs, idleMs: timeoutMs } };
  const adapters = await openAdapters(ctx, { ...adapterOptions, retry: { limit: 1, totalDeadlineMs: timeoutMs * 2 } });
  const entries = to === 'emergency' ? (await (await adapters.backupFolder()).read()).entries : [];
  const reason = ['orca-hybrid switch', to, options.reason?.trim()].filter(Boolean).join(' ');
  const ports: SwitchPorts = {
    ledger: new FileStateLedger(run.stateDir, { onWrite: (first, last) => ctx.journal.changes(first, last) }),
    push: modePusher(adapters, reason, adapterOptions),
    readMode: async (env, signal) => (await adapters.environmentControl(env)).readMode(signal),
    copyableVisits: await adapters.copyableVisitsCounter(),
    confirm: confirmSwitch(askerOf(ctx)),
    clock: { now: () => new Date() },
  };
  run.phase('planning');
  try {
    const report = await runSwitch(
      { to, target: options.target, force: options.force, reason: options.reason, entries, signal: ctx.signal },
      ports,
    );
    ctx.journal.also('pushed', report.pushed);
    return switchOutcome(report, ctx.t);
  } catch (error) {
    if (!(error instanceof SwitchIncompleteError)) throw error;
    ctx.journal.also('pushed', error.report.pushed);
    return switchOutcome(error.report, ctx.t, error);
  }
}
