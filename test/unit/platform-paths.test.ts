/**
 * Per-platform default folders and the Windows private-folder rule, with the platform, environment and home
 * folder injected (win32, darwin, linux), including a Windows user folder with a space and Japanese; the
 * retry of a file a scanner holds on Windows.
 */
import { defaultCacheDir, defaultLabDir, defaultStateDir, privateFolderWarnings } from '../../src/adapters/fs/paths.js';
import { retriedOnWindows } from '../../src/adapters/fs/atomic-write.js';

const YAMADA = 'C:\\Users\\山田 太郎';

describe('Windows: under %LOCALAPPDATA%', () => {
  test('from LOCALAPPDATA', () => {
    const env = { LOCALAPPDATA: `${YAMADA}\\AppData\\Local`, USERPROFILE: YAMADA };
    expect(defaultStateDir(env, 'win32', 'C:\\ignored')).toBe(`${YAMADA}\\AppData\\Local\\orca-hybrid\\state`);
    expect(defaultCacheDir(env, 'win32', 'C:\\ignored')).toBe(`${YAMADA}\\AppData\\Local\\orca-hybrid\\cache`);
    expect(defaultLabDir(env, 'win32', 'C:\\ignored')).toBe(`${YAMADA}\\AppData\\Local\\orca-hybrid\\cache\\lab`);
  });

  test('without LOCALAPPDATA (or with a relative one): the profile’s AppData\\Local', () => {
    expect(defaultStateDir({ USERPROFILE: YAMADA }, 'win32', 'C:\\other')).toBe(
      `${YAMADA}\\AppData\\Local\\orca-hybrid\\state`,
    );
    expect(defaultStateDir({ LOCALAPPDATA: 'AppData' }, 'win32', YAMADA)).toBe(
      `${YAMADA}\\AppData\\Local\\orca-hybrid\\state`,
    );
  });
});

test('macOS: ~/Library/Application Support and ~/Library/Caches (XDG variables do not apply)', () => {
  const home = '/Users/山田 太郎';
  const env = { XDG_STATE_HOME: '/elsewhere' };
  expect(defaultStateDir(env, 'darwin', home)).toBe('/Users/山田 太郎/Library/Application Support/orca-hybrid');
  expect(defaultCacheDir(env, 'darwin', home)).toBe('/Users/山田 太郎/Library/Caches/orca-hybrid');
});

describe('Linux: XDG', () => {
  const home = '/home/山田 太郎';
  test('XDG_STATE_HOME and XDG_CACHE_HOME when absolute', () => {
    const env = { XDG_STATE_HOME: '/var/state x', XDG_CACHE_HOME: '/var/cache y' };
    expect(defaultStateDir(env, 'linux', home)).toBe('/var/state x/orca-hybrid');
    expect(defaultCacheDir(env, 'linux', home)).toBe('/var/cache y/orca-hybrid');
  });
  test('unset, empty or relative: ~/.local/state and ~/.cache', () => {
    for (const env of [
      {},
      { XDG_STATE_HOME: '', XDG_CACHE_HOME: '' },
      { XDG_STATE_HOME: 'st', XDG_CACHE_HOME: 'ca' },
    ]) {
      expect(defaultStateDir(env, 'linux', home)).toBe('/home/山田 太郎/.local/state/orca-hybrid');
      expect(defaultCacheDir(env, 'linux', home)).toBe('/home/山田 太郎/.cache/orca-hybrid');
    }
  });
});

describe('private folders on Windows lie under the user profile', () => {
  const env = { USERPROFILE: YAMADA };
  test('a backup folder on another drive and a state folder elsewhere are each warned about', () => {
    const warnings = privateFolderWarnings(
      { backup: { folder: 'D:\\orca-backups' } as never, stateDir: 'C:\\orca' },
      env,
      'win32',
    );
    expect(warnings).toEqual([
      { key: 'folders.outsideProfile', params: { setting: 'backup.folder', dir: 'D:\\orca-backups', profile: YAMADA } },
      { key: 'folders.outsideProfile', params: { setting: 'stateDir', dir: 'C:\\orca', profile: YAMADA } },
    ]);
  });
  test('folders under the profile (any case, either slash) and the default state folder are fine', () => {
    const config = { backup: { folder: 'c:/users/山田 太郎/Backups' } as never, stateDir: undefined };
    expect(privateFolderWarnings(config, env, 'win32')).toEqual([]);
    expect(
      privateFolderWarnings(
        { backup: { folder: `${YAMADA}` } as never, stateDir: `${YAMADA}\\AppData\\Local\\x` },
        env,
        'win32',
      ),
    ).toEqual([]);
  });
  test('a sibling whose name starts like the profile is outside it', () => {
    const config = { backup: { folder: `${YAMADA}2\\b` } as never, stateDir: undefined };
    expect(privateFolderWarnings(config, env, 'win32')).toHaveLength(1);
  });
  test('POSIX platforms have modes (0700/0600): no warning', () => {
    const config = { backup: { folder: '/srv/backups' } as never, stateDir: '/srv/state' };
    expect(privateFolderWarnings(config, {}, 'linux')).toEqual([]);
    expect(privateFolderWarnings(config, {}, 'darwin')).toEqual([]);
  });
});

describe('a file briefly held by a scanner on Windows', () => {
  const busy = (times: number, code = 'EBUSY') => {
    let calls = 0;
    const step = async () => {
      calls++;
      if (calls <= times) throw Object.assign(new Error(code), { code });
    };
    return { step, calls: () => calls };
  };
  test('on Windows EBUSY/EPERM is retried until the step succeeds', async () => {
    const held = busy(3, 'EPERM');
    await retriedOnWindows(held.step, 'win32', 1);
    expect(held.calls()).toBe(4);
  });
  test('it gives up after 6 retries, and never retries elsewhere or another error', async () => {
    const stuck = busy(100);
    await expect(retriedOnWindows(stuck.step, 'win32', 1)).rejects.toThrow('EBUSY');
    expect(stuck.calls()).toBe(7);
    const posix = busy(1);
    await expect(retriedOnWindows(posix.step, 'linux', 1)).rejects.toThrow('EBUSY');
    expect(posix.calls()).toBe(1);
    const missing = busy(1, 'ENOENT');
    await expect(retriedOnWindows(missing.step, 'win32', 1)).rejects.toThrow('ENOENT');
    expect(missing.calls()).toBe(1);
  });
});
