/**
 * The configuration as a command run sees it: read through `adapters/config/load.ts` (which returns data),
 * then the run's language follows the file (unless `--lang` was given) and the load-time notices are printed.
 */
import {
  inspectConfig,
  invalidConfigError,
  type ConfigInspection,
  type ConfigNotice,
  type LoadConfigOptions,
  type LoadedConfig,
} from '../adapters/config/load.js';
import type { CommandContext } from './context.js';

/** Inspects without throwing on invalid settings (`config validate`); the language and notices apply. */
export async function inspectRunConfig(
  ctx: CommandContext,
  options: LoadConfigOptions = {},
): Promise<ConfigInspection> {
  const inspection = await inspectConfig(
    {
      cwd: ctx.cwd,
      env: ctx.env,
      file: ctx.global.config,
      language: ctx.global.lang,
      debug: (key, params) => ctx.out.debug(ctx.t(key, params)),
    },
    options,
  );
  ctx.useLanguage(inspection.language);
  printNotices(ctx, inspection.notices);
  return inspection;
}

/** The validated configuration; ConfigError (exit 2) listing every problem otherwise. */
export async function loadRunConfig(ctx: CommandContext, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const inspection = await inspectRunConfig(ctx, options);
  if (!inspection.config) throw invalidConfigError(inspection.filepath, inspection.problems);
  return { config: inspection.config, filepath: inspection.filepath, notices: inspection.notices };
}

function printNotices(ctx: CommandContext, notices: readonly ConfigNotice[]): void {
  for (const notice of notices) {
    const params = { ...notice.params };
    for (const [name, key] of Object.entries(notice.terms ?? {})) params[name] = ctx.t(key);
    ctx.out.note(ctx.t(notice.key, params));
  }
}
