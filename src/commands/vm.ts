import { Command } from 'commander';
import type { CommandKit } from './command.js';
import type { VmRebuildOptions } from './vm/rebuild.js';
import type { VmStartOptions } from './vm/start.js';
import type { VmStopOptions } from './vm/stop.js';

/**
 * `vm start|stop|rebuild|status` (manual §3.2.5): the local emergency environment's virtual machine. Each
 * subcommand's handler lives in `commands/vm/` and is imported only when it runs.
 */
export function buildVmCommand({ t, action }: CommandKit): Command {
  const vm = new Command('vm').description(t('vm.cmd.summary')).addHelpText('after', `\n${t('vm.help.after')}`);
  vm.command('start')
    .description(t('vm.start.cmd.summary'))
    .option('--timeout <duration>', t('vm.option.timeout', { setting: 'startTimeoutSeconds' }))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<VmStartOptions>(async (ctx, o) => (await import('./vm/start.js')).runVmStart(ctx, o)));
  vm.command('stop')
    .description(t('vm.stop.cmd.summary'))
    .option('--timeout <duration>', t('vm.option.timeout', { setting: 'stopTimeoutSeconds' }))
    .option('--force', t('vm.option.force.stop'), false)
    .option('--wait <duration>', t('vm.option.wait'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<VmStopOptions>(async (ctx, o) => (await import('./vm/stop.js')).runVmStop(ctx, o)));
  vm.command('rebuild')
    .description(t('vm.rebuild.cmd.summary'))
    .option('--confirm-env <env>', t('vm.option.confirmEnv'))
    .option('--restore', t('vm.option.restore'))
    .option('--no-restore', t('vm.option.noRestore'))
    .option('--force', t('vm.option.force.rebuild'), false)
    .option('--timeout <duration>', t('vm.option.timeout', { setting: 'startTimeoutSeconds' }))
    .option('--wait <duration>', t('vm.option.wait'))
    .option('--state-dir <dir>', t('state.option.stateDir'))
    .action(action<VmRebuildOptions>(async (ctx, o) => (await import('./vm/rebuild.js')).runVmRebuild(ctx, o)));
  vm.command('status')
    .description(t('vm.status.cmd.summary'))
    .action(action<object>(async (ctx) => (await import('./vm/status.js')).runVmStatus(ctx)));
  return vm;
}
