import { Command } from 'commander';
import { action } from './action.js';
import { chooseLanguage, translator } from '../ui/i18n.js';
import type { InitOptions } from './config-init/run-init.js';

/** `config init | validate | show` (docs/configuration.md). Handlers load lazily. */
export function buildConfigCommand(): Command {
  const t = translator(chooseLanguage(helpLanguageFlag(process.argv), undefined, process.env));
  // exitOverride before `.command()` so the subcommands inherit it: a parse error reaches main() (exit 2).
  const config = new Command('config').description(t('config.cmd.summary')).exitOverride().showHelpAfterError();

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

function helpLanguageFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--lang');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
}
