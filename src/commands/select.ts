import { Argument, Command } from 'commander';
import type { EmergencyChoice } from '../core/domain.js';
import { selectEmergency } from '../core/state-changes.js';
import { selectOutcome, type SelectReport } from '../ui/state-render.js';
import type { CommandKit, CommandOutcome } from './command.js';
import type { CommandContext } from './context.js';
import { runStateChange } from './state-change.js';
import { resolveStateDir } from './state-dir.js';

export interface SelectOptions {
  force: boolean;
  stateDir?: string;
}

/** `select cloud|local [--force]` (選択, manual 3.2.4–3.2.5): which emergency environment a switch uses. */
export function buildSelectCommand({ t, action }: CommandKit): Command {
  return new Command('select')
    .description(t('select.cmd.summary'))
    .addArgument(new Argument('<choice>', t('select.arg.choice')).choices(['cloud', 'local']))
    .option('--force', t('select.option.force'), false)
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<SelectOptions>((ctx, options, args) => runSelect(ctx, options, args[0] as EmergencyChoice)));
}

/** Changes the selection in the state (refused with exit 5 in emergency/recovery mode without --force); journaled. */
export async function runSelect(
  ctx: CommandContext,
  options: SelectOptions,
  choice: EmergencyChoice,
): Promise<CommandOutcome> {
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const report = await runStateChange<SelectReport>(ctx, { stateDir, command: 'select' }, (state) => ({
    state: selectEmergency(state, choice, { force: options.force }),
    result: { selectedEmergency: choice, previous: state.selectedEmergency },
  }));
  return selectOutcome(report, ctx.t);
}
