import type { LoadedConfig } from '../adapters/config/load.js';
import type { Asker } from '../ui/asker.js';
import { chooseLanguage, translator, type Language, type Translate } from '../ui/i18n.js';
import { unicodeConsole } from '../ui/console-style.js';
import { Output } from '../ui/output.js';
import { RunJournal } from './run-journal.js';

/** The global options every command sees (`orca-hybrid --help` lists them). */
export interface GlobalOptions {
  config?: string;
  json: boolean;
  lang?: string;
  verbose: boolean;
  yes: boolean;
  color: boolean;
}

/** What `main()` knows before any command runs: the arguments, the environment, the start and Ctrl-C. */
export interface RunSetup {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  startedAt?: Date;
  /** Aborted by Ctrl-C (`interrupt.ts`); the reason is a CancelledError. */
  signal?: AbortSignal;
}

/**
 * What a command's handler receives: its run's output, language, environment, cancellation signal, journal
 * line, configuration (read on first use, once) and the resources it holds. `main()` creates it for the run
 * and ends it: writes the journal line, releases what was deferred, then prints the result.
 */
export interface CommandContext {
  readonly global: GlobalOptions;
  out: Output;
  readonly env: NodeJS.ProcessEnv;
  cwd: string;
  readonly argv: readonly string[];
  lang: Language;
  t: Translate;
  /** True when a person can answer prompts (stdin and stdout are terminals). */
  readonly interactive: boolean;
  /** Every long step takes it: Ctrl-C aborts it with a CancelledError (exit 130). */
  readonly signal: AbortSignal;
  /** This run's one journal line: commands that change something open it; `main()` writes it. */
  readonly journal: RunJournal;
  /** The validated configuration, read on first use and kept for the run; its language applies. */
  config(): Promise<LoadedConfig>;
  /** Switches messages to the configured language, unless `--lang` chose one. */
  useLanguage(configured: string | undefined): void;
  /** Releases `resource` when the run ends (after its journal line, before its result is printed). */
  defer(release: () => Promise<void> | void): void;
  /** Runs what was deferred, newest first; a failure to release is only noted under `--verbose`. */
  releaseAll(): Promise<void>;
}

/** Who answers this run's confirmations: `--yes`, the person at the terminal, or nobody. */
export function askerOf(ctx: CommandContext): Asker {
  return { out: ctx.out, t: ctx.t, yes: ctx.global.yes, interactive: ctx.interactive, signal: ctx.signal };
}

export function createContext(global: GlobalOptions, setup: RunSetup): CommandContext {
  const env = setup.env;
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const lang = chooseLanguage(global.lang, undefined, env);
  const releases: Array<() => Promise<void> | void> = [];
  let config: Promise<LoadedConfig> | undefined;
  const ctx: CommandContext = {
    global,
    out: new Output({
      json: global.json,
      verbose: global.verbose,
      color: global.color && !noColor,
      unicode: unicodeConsole(env, process.platform),
    }),
    env,
    cwd: setup.cwd ?? process.cwd(),
    argv: setup.argv,
    lang,
    t: translator(lang),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    signal: setup.signal ?? new AbortController().signal,
    journal: new RunJournal({ argv: setup.argv, env, startedAt: setup.startedAt ?? new Date() }),
    config: () => (config ??= import('./config-loader.js').then(({ loadRunConfig }) => loadRunConfig(ctx))),
    useLanguage(configured) {
      ctx.lang = chooseLanguage(global.lang, configured, env);
      ctx.t = translator(ctx.lang);
    },
    defer: (release) => void releases.push(release),
    async releaseAll() {
      for (const release of releases.splice(0).reverse()) {
        await Promise.resolve()
          .then(release)
          .catch((error: unknown) => ctx.out.debug(`release: ${String(error)}`));
      }
    },
  };
  return ctx;
}
