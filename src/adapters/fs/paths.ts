import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Per-user folders, following each OS's convention. The state folder holds state.json, the journal,
 * the lock and the log; the cache folder holds the lab by default.
 */
export function defaultStateDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'orca-hybrid', 'state');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'orca-hybrid');
  return join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'orca-hybrid');
}

export function defaultCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'orca-hybrid', 'cache');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'orca-hybrid');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'orca-hybrid');
}

/** The default lab folder: `<cache>/lab`. */
export function defaultLabDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(defaultCacheDir(env), 'lab');
}
