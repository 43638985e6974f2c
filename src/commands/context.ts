import { chooseLanguage, setActiveLanguage, translator, type Language, type Translate } from '../ui/i18n.js';
import { Output } from '../ui/output.js';

/** The global options every command sees (`orca-hybrid --help` lists them). */
export interface GlobalOptions {
  config?: string;
  json: boolean;
  lang?: string;
  verbose: boolean;
  yes: boolean;
  color: boolean;
}

/**
 * What a command's action receives: options, output, language and the environment. Configuration is
 * loaded on demand (`loadConfig` in `src/adapters/config/load.ts`) so commands that need none (`lab`, `config init`)
 * never read it; loading it may switch the language to the configured one when `--lang` was not given.
 */
export interface CommandContext {
  global: GlobalOptions;
  out: Output;
  env: NodeJS.ProcessEnv;
  cwd: string;
  argv: string[];
  lang: Language;
  t: Translate;
  /** True when a person can answer prompts (stdin and stdout are terminals). */
  interactive: boolean;
  setLanguageFromConfig(configured: string | undefined): void;
}

export function createContext(
  global: GlobalOptions,
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): CommandContext {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const out = new Output({ json: global.json, verbose: global.verbose, color: global.color && !noColor });
  const ctx: CommandContext = {
    global,
    out,
    env,
    cwd: process.cwd(),
    argv,
    lang: chooseLanguage(global.lang, undefined, env),
    t: translator(chooseLanguage(global.lang, undefined, env)),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    setLanguageFromConfig(configured) {
      const lang = chooseLanguage(global.lang, configured, env);
      ctx.lang = lang;
      ctx.t = translator(lang);
      setActiveLanguage(lang);
    },
  };
  return ctx;
}
