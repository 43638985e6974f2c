import { resolve } from 'node:path';
import { isOrcaError } from '../core/errors.js';
import { defaultStateDir } from '../adapters/fs/paths.js';
import type { CommandContext } from './context.js';

export const STATE_DIR_VAR = 'ORCA_HYBRID_STATE_DIR';

/**
 * The state folder (state, journal, lock), first match wins: `--state-dir`, ORCA_HYBRID_STATE_DIR, the
 * config's `stateDir`, the user's state folder (`defaultStateDir`, also when no config file exists).
 *
 * With `tolerateBrokenConfig` (the `journal` and `unlock` commands, which must work while someone repairs
 * a broken config) a config that cannot be loaded falls back to its raw `stateDir` setting when it can be
 * read, else to the default folder, with a warning on stderr. Commands that change state pass false:
 * writing state into a folder guessed around a broken config could split the records in two.
 */
export async function resolveStateDir(
  ctx: CommandContext,
  options: { flag?: string; tolerateBrokenConfig: boolean },
): Promise<string> {
  if (options.flag) return resolve(ctx.cwd, options.flag);
  const fromEnv = ctx.env[STATE_DIR_VAR];
  if (fromEnv) return resolve(ctx.cwd, fromEnv);
  try {
    const { config } = await ctx.config();
    return resolve(ctx.cwd, config.stateDir ?? defaultStateDir(ctx.env));
  } catch (error) {
    if (!isOrcaError(error)) throw error;
    if (error.key === 'config.notFound') return defaultStateDir(ctx.env);
    if (!options.tolerateBrokenConfig) throw error;
    const { loadRawConfig } = await import('../adapters/config/load.js');
    const source = { cwd: ctx.cwd, env: ctx.env, file: ctx.global.config };
    const raw = await loadRawConfig(source).catch(() => undefined);
    const configured = raw?.raw.stateDir;
    const dir =
      typeof configured === 'string' && configured !== '' ? resolve(ctx.cwd, configured) : defaultStateDir(ctx.env);
    ctx.out.note(ctx.t('state.dirFallback', { dir, reason: ctx.t(error.key, error.params) }));
    return dir;
  }
}
