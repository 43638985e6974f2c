/**
 * Where PostgreSQL's client programs live on each platform, in the order they are searched: the
 * `postgres.binDir` setting alone when it is given; otherwise every folder on PATH, then the platform's
 * standard install folders (the installers' defaults, none of which puts itself on PATH):
 *
 * - Windows: `%ProgramFiles%\PostgreSQL\<major>\bin` (the EDB installer; `%ProgramFiles(x86)%` for old 32-bit ones);
 * - macOS: Homebrew's `/opt/homebrew/opt/{postgresql@<major>,libpq,postgresql}/bin` (Apple silicon) and the same
 *   under `/usr/local/opt` (Intel), Postgres.app's `/Applications/Postgres.app/Contents/Versions/<major>/bin`,
 *   the EDB installer's `/Library/PostgreSQL/<major>/bin`, MacPorts' `/opt/local/lib/postgresql<major>/bin`;
 * - Linux: Debian's `/usr/lib/postgresql/<major>/bin`, the PGDG RPMs' `/usr/pgsql-<major>/bin`.
 */
import type { PgSource } from '../../core/pg-programs.js';
import { envValue, pathsOf, type PgHost } from './pg-host.js';

export interface PgFolder {
  dir: string;
  /** The major the folder's name tells (`…\PostgreSQL\16\bin`), null when it tells none (PATH, `libpq`). */
  major: number | null;
  source: PgSource;
}

export interface PgSearch {
  folders: PgFolder[];
  /** What was searched, as a person reads it: PATH's folders and the standard folders with `<major>`. */
  places: string[];
}

/** The folders to search for PostgreSQL's programs on `host`, and the places they stand for. */
export function pgSearch(host: PgHost, binDir?: string): PgSearch {
  if (binDir !== undefined) {
    // Already absolute: the config loader resolves path settings against the config file's folder.
    return { folders: [{ dir: binDir, major: majorFromLayout(binDir), source: 'setting' }], places: [binDir] };
  }
  const onPath = pathFolders(host);
  const standard = standardFolders(host);
  return {
    folders: [...onPath.map((dir) => ({ dir, major: null, source: 'path' as const })), ...standard.folders],
    places: [...onPath, ...standard.patterns],
  };
}

/** PATH's folders in order; relative entries are skipped (a program must not be found through the cwd). */
export function pathFolders(host: PgHost): string[] {
  const paths = pathsOf(host.platform);
  const raw = envValue(host, 'PATH') ?? '';
  return raw
    .split(paths.delimiter)
    .map((entry) => entry.trim().replace(/^"(.*)"$/, '$1'))
    .filter((entry) => entry !== '' && paths.isAbsolute(entry));
}

function standardFolders(host: PgHost): { folders: PgFolder[]; patterns: string[] } {
  if (host.platform === 'win32') return windowsFolders(host);
  if (host.platform === 'darwin') return macFolders(host);
  return versionedFolders(host, [
    { root: '/usr/lib/postgresql', entry: /^(\d+(?:\.\d+)?)$/, bin: (e) => `/usr/lib/postgresql/${e}/bin` },
    { root: '/usr', entry: /^pgsql-(\d+)$/, bin: (e) => `/usr/${e}/bin`, pattern: '/usr/pgsql-<major>/bin' },
  ]);
}

function windowsFolders(host: PgHost): { folders: PgFolder[]; patterns: string[] } {
  const win = pathsOf('win32');
  const roots = [envValue(host, 'ProgramW6432'), envValue(host, 'ProgramFiles'), 'C:\\Program Files']
    .concat(envValue(host, 'ProgramFiles(x86)'))
    .filter((root): root is string => root !== undefined && root !== '');
  const unique = roots.filter((root, i) => roots.findIndex((r) => r.toLowerCase() === root.toLowerCase()) === i);
  return versionedFolders(
    host,
    unique.map((root) => {
      const base = win.join(root, 'PostgreSQL');
      return { root: base, entry: /^(\d+(?:\.\d+)?)$/, bin: (e: string) => win.join(base, e, 'bin') };
    }),
  );
}

function macFolders(host: PgHost): { folders: PgFolder[]; patterns: string[] } {
  const apps = '/Applications/Postgres.app/Contents/Versions';
  const versioned = versionedFolders(host, [
    ...['/opt/homebrew/opt', '/usr/local/opt'].map((root) => ({
      root,
      entry: /^postgresql@(\d+)$/,
      bin: (e: string) => `${root}/${e}/bin`,
      pattern: `${root}/postgresql@<major>/bin`,
    })),
    { root: apps, entry: /^(\d+(?:\.\d+)?)$/, bin: (e) => `${apps}/${e}/bin` },
    { root: '/Library/PostgreSQL', entry: /^(\d+(?:\.\d+)?)$/, bin: (e) => `/Library/PostgreSQL/${e}/bin` },
    {
      root: '/opt/local/lib',
      entry: /^postgresql(\d\d)$/,
      bin: (e) => `/opt/local/lib/${e}/bin`,
      pattern: '/opt/local/lib/postgresql<major>/bin',
    },
  ]);
  // Homebrew's keg-only client (`brew install libpq`) and the unversioned formula: their major is in the
  // Cellar path the link points to.
  const kegs = ['/opt/homebrew/opt', '/usr/local/opt'].flatMap((root) => [
    `${root}/libpq/bin`,
    `${root}/postgresql/bin`,
  ]);
  return {
    folders: [...versioned.folders, ...kegs.map((dir) => ({ dir, major: null, source: 'standard' as const }))],
    patterns: [...versioned.patterns, ...kegs],
  };
}

interface VersionedRoot {
  root: string;
  /** Matches a folder name under `root`; group 1 is the version. */
  entry: RegExp;
  bin: (entry: string) => string;
  /** How the place reads in messages; default `<root>/<major>/bin`. */
  pattern?: string;
}

function versionedFolders(host: PgHost, roots: VersionedRoot[]): { folders: PgFolder[]; patterns: string[] } {
  const paths = pathsOf(host.platform);
  const folders: PgFolder[] = [];
  for (const r of roots) {
    for (const entry of host.list(r.root)) {
      const match = r.entry.exec(entry);
      const major = match ? majorOf(match[1]!) : null;
      if (major !== null) folders.push({ dir: r.bin(entry), major, source: 'standard' });
    }
  }
  const patterns = roots.map((r) => r.pattern ?? paths.join(r.root, '<major>', 'bin'));
  return { folders, patterns };
}

/** `16` → 16, `9.6` → 9, `96` (MacPorts' `postgresql96`) → 9. */
function majorOf(version: string): number | null {
  if (/^9\d$/.test(version)) return 9;
  const major = Number(/^(\d+)/.exec(version)?.[1]);
  return Number.isInteger(major) && major > 0 ? major : null;
}

const LAYOUTS: RegExp[] = [
  /[\\/]PostgreSQL[\\/](\d+(?:\.\d+)?)[\\/]bin(?:[\\/]|$)/i,
  /[\\/]lib[\\/]postgresql[\\/](\d+(?:\.\d+)?)[\\/]bin(?:[\\/]|$)/,
  /[\\/]Cellar[\\/](?:postgresql(?:@\d+)?|libpq)[\\/](\d+)[^\\/]*[\\/]/,
  /[\\/]Postgres\.app[\\/]Contents[\\/]Versions[\\/](\d+(?:\.\d+)?)[\\/]/,
  /[\\/]postgresql@(\d+)[\\/]/,
  /[\\/]pgsql-(\d+)[\\/]/,
  /[\\/]lib[\\/]postgresql(\d\d)[\\/]bin(?:[\\/]|$)/,
];

/** The major a program's (real) path tells, e.g. `/opt/homebrew/Cellar/libpq/16.2/bin/pg_dump` → 16. */
export function majorFromLayout(file: string): number | null {
  for (const layout of LAYOUTS) {
    const match = layout.exec(file);
    if (match) return majorOf(match[1]!);
  }
  return null;
}
