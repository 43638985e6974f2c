/**
 * What the search for PostgreSQL's programs reads of the machine: the platform, the environment, the home
 * folder, the file system and the programs' own `--version`. Tests inject a host (win32, darwin or linux, on
 * any machine); the tool uses `nodePgHost()`.
 */
import { accessSync, constants as fsConstants, readdirSync, realpathSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parsePgToolVersion } from '../../core/dump-header.js';

export interface PgHost {
  readonly platform: NodeJS.Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly home: string;
  /** Names in a folder; [] when it does not exist or cannot be read. */
  list(dir: string): string[];
  /** True for a regular file this user may run (on Windows, where there is no execute bit: a file). */
  isProgram(file: string): boolean;
  /** The path with symbolic links resolved; the path itself when it cannot be resolved. */
  realpath(file: string): string;
  /** The version a program prints for `--version` (`15.18`), null when it cannot run or says nothing usable. */
  version(file: string): Promise<string | null>;
}

/** The path functions of the host's platform (backslashes on Windows, whatever the tests run on). */
export function pathsOf(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** An environment variable; on Windows names are case-insensitive (`Path`, `PATH`). */
export function envValue(host: Pick<PgHost, 'env' | 'platform'>, name: string): string | undefined {
  if (host.platform !== 'win32') return host.env[name];
  const key = Object.keys(host.env).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : host.env[key];
}

/** This machine. */
export function nodePgHost(): PgHost {
  return {
    platform: process.platform,
    env: process.env,
    home: homedir(),
    list(dir) {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    },
    isProgram(file) {
      try {
        if (process.platform !== 'win32') accessSync(file, fsConstants.X_OK);
        return statSync(file).isFile();
      } catch {
        return false;
      }
    },
    realpath(file) {
      try {
        return realpathSync(file);
      } catch {
        return file;
      }
    },
    async version(file) {
      const { runProcess } = await import('./run.js');
      const result = await runProcess(file, ['--version'], { timeoutMs: 30_000, reject: false }).catch(() => null);
      if (result === null || result.exitCode !== 0) return null;
      return parsePgToolVersion(result.stdout)?.version ?? null;
    },
  };
}
