/**
 * A machine made of data for the platform tests: its platform, environment, home folder and files, so
 * Windows and macOS discovery runs on Linux. Paths follow the platform (backslashes and case-insensitive
 * names on win32). Programs may be links (`real`) and print a version (`version`).
 */
import path from 'node:path';
import type { PgHost } from '../../src/adapters/process/pg-host.js';

export interface FakeProgram {
  /** Where the link points (a Homebrew `opt` link into the Cellar). */
  real?: string;
  /** What `--version` prints, e.g. `16.4`; null: it does not run. */
  version?: string | null;
}

export interface FakeHostInit {
  platform: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  home?: string;
  programs?: Record<string, FakeProgram>;
  /** Plain files (not runnable) and empty folders. */
  files?: string[];
  dirs?: string[];
}

export function fakeHost(init: FakeHostInit): PgHost & { versionCalls: string[] } {
  const paths = init.platform === 'win32' ? path.win32 : path.posix;
  const key = (p: string) => (init.platform === 'win32' ? p.toLowerCase() : p);
  const programs = new Map(Object.entries(init.programs ?? {}).map(([p, v]) => [key(p), v]));
  const children = new Map<string, Set<string>>();
  const add = (file: string): void => {
    let current = file;
    for (;;) {
      const parent = paths.dirname(current);
      if (parent === current) return;
      const names = children.get(key(parent)) ?? new Set<string>();
      names.add(paths.basename(current));
      children.set(key(parent), names);
      current = parent;
    }
  };
  for (const p of [...Object.keys(init.programs ?? {}), ...(init.files ?? []), ...(init.dirs ?? [])]) add(p);
  const versionCalls: string[] = [];
  return {
    platform: init.platform,
    env: init.env ?? {},
    home: init.home ?? (init.platform === 'win32' ? 'C:\\Users\\user' : '/home/user'),
    versionCalls,
    list: (dir) => [...(children.get(key(dir)) ?? [])],
    isProgram: (file) => programs.has(key(file)),
    realpath: (file) => programs.get(key(file))?.real ?? file,
    async version(file) {
      versionCalls.push(file);
      const program = programs.get(key(file));
      return program?.version ?? null;
    },
  };
}
