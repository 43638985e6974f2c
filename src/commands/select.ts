import { Argument, Command } from 'commander';
import { emergencyEnvironmentOf, type EmergencyChoice } from '../core/domain.js';
import { selectEmergency } from '../core/state-changes.js';
import { action } from './action.js';
import type { CommandContext } from './context.js';
import { helpTranslator } from './help-language.js';
import { runStateChange } from './state-change.js';
import { resolveStateDir } from './state-dir.js';

export interface SelectOptions {
  force: boolean;
  stateDir?: string;
}

/** What `select --json` prints. */
export interface SelectReport {
  selectedEmergency: EmergencyChoice;
  previous: EmergencyChoice;
}

/** `select cloud|local [--force]` (選択, manual 3.2.4–3.2.5): which emergency environment a switch uses. */
export function buildSelectCommand(): Command {
  const t = helpTranslator();
  // exitOverride: a parse error reaches main() and exits 2 (commander alone would exit 1).
  return new Command('select')
    .exitOverride()
    .description(t('select.cmd.summary'))
    .addArgument(new Argument('<choice>', t('select.arg.choice')).choices(['cloud', 'local']))
    .option('--force', t('select.option.force'), false)
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<SelectOptions>((ctx, options, args) => runSelect(ctx, options, args[0] as EmergencyChoice)));
}

/** Changes the selection in the state (refused with exit 5 in emergency/recovery mode without --force); journaled. */
export async function runSelect(ctx: CommandContext, options: SelectOptions, choice: EmergencyChoice): Promise<void> {
  const stateDir = await resolveStateDir(ctx, { flag: options.stateDir, tolerateBrokenConfig: false });
  const report = await runStateChange<SelectReport>(ctx, { stateDir, command: 'select' }, (state) => ({
    state: selectEmergency(state, choice, { force: options.force }),
    result: { selectedEmergency: choice, previous: state.selectedEmergency },
  }));
  const name = (c: EmergencyChoice) => ctx.t(`env.${emergencyEnvironmentOf(c)}`);
  ctx.out.result(report, () =>
    report.previous === report.selectedEmergency
      ? ctx.t('select.unchanged', { env: name(choice) })
      : ctx.t('select.done', { env: name(choice), previous: name(report.previous) }),
  );
}
