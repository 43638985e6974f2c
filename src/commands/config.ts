import { Command } from 'commander';
import type { CommandKit } from './command.js';
import type { InitOptions } from './config-init/run-init.js';

/** `config init | validate | show` (docs/configuration.md). Handlers load lazily. */
export function buildConfigCommand({ t, action }: CommandKit): Command {
  const config = new Command('config').description(t('config.cmd.summary')).showHelpAfterError();

  config
    .command('validate')
    .description(t('config.cmd.validate'))
    .action(action(async (ctx) => (await import('./config-validate.js')).runConfigValidate(ctx)));

  config
    .command('show')
    .description(t('config.cmd.show'))
    .action(action(async (ctx) => (await import('./config-show.js')).runConfigShow(ctx)));

  config
    .command('init')
    .description(t('config.cmd.init'))
    .option('--force', t('config.opt.force'), false)
    .option('--from-json <file>', t('config.opt.fromJson'))
    .option('--output <file>', t('config.opt.output'))
    .action(
      action<InitOptions>(async (ctx, options) =>
        (await import('./config-init/run-init.js')).runConfigInit(ctx, options),
      ),
    );

  return config;
}
