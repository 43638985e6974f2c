import { homedir } from 'node:os';
import path from 'node:path';
import type { OrcaConfig } from '../../core/config-schema.js';
import type { MessageParams } from '../../core/errors.js';

/**
 * Per-user folders, following each OS's convention, all under the user's own profile:
 *
 * | | state (state.json, journal, lock, log) | cache (the lab) |
 * | --- | --- | --- |
 * | Windows | `%LOCALAPPDATA%\orca-hybrid\state` | `%LOCALAPPDATA%\orca-hybrid\cache` |
 * | macOS | `~/Library/Application Support/orca-hybrid` | `~/Library/Caches/orca-hybrid` |
 * | Linux | `$XDG_STATE_HOME/orca-hybrid` (`~/.local/state`) | `$XDG_CACHE_HOME/orca-hybrid` (`~/.cache`) |
 *
 * On Windows, where POSIX modes do not exist, that is what keeps them private: a folder created under the
 * profile inherits its access list (the user, SYSTEM and Administrators only).
 */
export function defaultStateDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  return userFolder('state', env, platform, home);
}

export function defaultCacheDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  return userFolder('cache', env, platform, home);
}

/** The default lab folder: `<cache>/lab`. */
export function defaultLabDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  return paths.join(defaultCacheDir(env, platform, home), 'lab');
}

function userFolder(kind: 'state' | 'cache', env: NodeJS.ProcessEnv, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return path.win32.join(localAppData(env, home), 'orca-hybrid', kind);
  if (platform === 'darwin')
    return path.posix.join(home, 'Library', kind === 'state' ? 'Application Support' : 'Caches', 'orca-hybrid');
  // XDG: a relative value is invalid and is ignored.
  const xdg = kind === 'state' ? env.XDG_STATE_HOME : env.XDG_CACHE_HOME;
  const base =
    xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(home, kind === 'state' ? '.local/state' : '.cache');
  return path.posix.join(base, 'orca-hybrid');
}

function localAppData(env: NodeJS.ProcessEnv, home: string): string {
  const set = (name: string) => {
    const value = env[name];
    return value && path.win32.isAbsolute(value) ? value : undefined;
  };
  return set('LOCALAPPDATA') ?? path.win32.join(set('USERPROFILE') ?? home, 'AppData', 'Local');
}

/** The user's profile folder on Windows (`%USERPROFILE%`, e.g. `C:\Users\山田 太郎`). */
export function windowsProfile(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  const profile = env.USERPROFILE;
  return profile && path.win32.isAbsolute(profile) ? profile : home;
}

/**
 * On Windows, the folders that hold patient data or the tool's records (`backup.folder`, `stateDir`) should
 * lie under the user's profile: only there does a new folder inherit an access list that keeps other users
 * out (POSIX modes, which the tool sets elsewhere, do not exist). One warning per folder that does not.
 */
export function privateFolderWarnings(
  config: Pick<OrcaConfig, 'backup' | 'stateDir'>,
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): Array<{ key: string; params: MessageParams }> {
  if (platform !== 'win32') return [];
  const profile = windowsProfile(env, home);
  const folders: Array<[string, string | undefined]> = [
    ['backup.folder', config.backup.folder],
    ['stateDir', config.stateDir],
  ];
  return folders
    .filter((entry): entry is [string, string] => entry[1] !== undefined && !isInside(profile, entry[1]))
    .map(([setting, dir]) => ({ key: 'folders.outsideProfile', params: { setting, dir, profile } }));
}

/** True when `child` is `parent` or lies under it (Windows rules: case-insensitive, either slash). */
function isInside(parent: string, child: string): boolean {
  const relative = path.win32.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.win32.isAbsolute(relative));
}
