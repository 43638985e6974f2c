import { Argument, Command } from 'commander';
import type { EmergencyChoice } from '../core/domain.js';
import { runSelect } from '../core/select-run.js';
import type { AdapterFactory } from '../adapters/factory.js';
import { confirmSelect } from '../ui/confirmations.js';
import { selectOutcome } from '../ui/state-render.js';
import { openAdapters } from './adapters.js';
import type { CommandKit, CommandOutcome } from './command.js';
import { askerOf, type CommandContext } from './context.js';
import { startLockedRun } from './locked-run.js';
import { modePusher } from './mode-delivery.js';
import { durationOption } from './options.js';
import { FileStateLedger } from './state-ledger.js';

export interface SelectOptions {
  wait?: string;
  stateDir?: string;
}

/** `select cloud|local` (選択, manual 3.2.4–3.2.5): which emergency environment a switch uses. */
export function buildSelectCommand({ t, action }: CommandKit): Command {
  return new Command('select')
    .description(t('select.cmd.summary'))
    .addArgument(new Argument('<choice>', t('select.arg.choice')).choices(['cloud', 'local']))
    .option('--wait <duration>', t('select.option.wait'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<SelectOptions>((ctx, options, args) => runSelectCommand(ctx, options, args[0] as EmergencyChoice)));
}

/**
 * Under the lock (a switch decides the selection too): changes the selection, journaled. During an outage it
 * warns and asks (`--yes` when nobody can answer), then tells both emergency environments their new mode.
 * The configuration is read only then: in normal mode `select` works without one.
 */
export async function runSelectCommand(
  ctx: CommandContext,
  options: SelectOptions,
  choice: EmergencyChoice,
): Promise<CommandOutcome> {
  const waitMs = durationOption(options.wait, '--wait') ?? 0;
  const run = await startLockedRun(ctx, { command: 'select', stateDirFlag: options.stateDir, waitMs });
  let adapters: Promise<AdapterFactory> | undefined;
  const report = await runSelect(
    { choice, signal: ctx.signal },
    {
      ledger: new FileStateLedger(run.stateDir, { onWrite: (first, last) => ctx.journal.changes(first, last) }),
      push: async (env, mode, signal) =>
        modePusher(await (adapters ??= openAdapters(ctx)), `orca-hybrid select ${choice}`)(env, mode, signal),
      confirm: confirmSelect(askerOf(ctx)),
    },
  );
  if (report.pushed.length > 0) ctx.journal.also('pushed', report.pushed);
  return selectOutcome(report, ctx.t);
}
