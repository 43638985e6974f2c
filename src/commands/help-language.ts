import { chooseLanguage, translator, type Translate } from '../ui/i18n.js';

/** The translator for `--help` texts, built before options are parsed (from `--lang` or the locale). */
export function helpTranslator(argv: string[] = process.argv, env: NodeJS.ProcessEnv = process.env): Translate {
  const i = argv.indexOf('--lang');
  const flag = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  return translator(chooseLanguage(flag, undefined, env));
}
