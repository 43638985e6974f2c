/**
 * Finds PostgreSQL's programs (pg_dump, pg_restore; the lab's initdb, pg_ctl) where each platform installs
 * them (`pg-folders.ts`) and picks the newest major: it reads the most archive versions and dumps the most
 * server versions. On Windows a program is `<name>` plus an extension from PATHEXT, in PATHEXT's order, of
 * those that start without a shell (`.EXE`, `.COM`): Node refuses to start `.BAT`/`.CMD` files directly, and a
 * shell would parse the arguments. Debian's `pg_wrapper` on PATH is passed over for the real programs in
 * `/usr/lib/postgresql/<major>/bin` (it only picks one of them, ~0.2 s a call).
 */
import { ConfigError } from '../../core/errors.js';
import type { PgProgram, PgProgramReport, PgToolsReport } from '../../core/pg-programs.js';
import { pgSearch, majorFromLayout, type PgSearch } from './pg-folders.js';
import { envValue, nodePgHost, pathsOf, type PgHost } from './pg-host.js';

/** The client programs the tool runs against the clinic's databases and dumps. */
export const PG_CLIENT_PROGRAMS = ['pg_dump', 'pg_restore'] as const;

export interface PgToolsOptions {
  /** `postgres.binDir`: search only this folder. */
  binDir?: string;
  host?: PgHost;
}

export class PgTools {
  private readonly host: PgHost;
  private search: PgSearch | undefined;
  private readonly found = new Map<string, Promise<PgProgram[]>>();
  private readonly versions = new Map<string, Promise<string | null>>();

  constructor(private readonly options: PgToolsOptions = {}) {
    this.host = options.host ?? nodePgHost();
  }

  /** Absolute path of the program to run; ConfigError (exit 2) naming what was searched when none is found. */
  async path(name: string): Promise<string> {
    return (await this.locate(name)).path;
  }

  /** The copy of `name` to run: the newest major found (the setting's, when `postgres.binDir` is given). */
  async locate(name: string): Promise<PgProgram> {
    const [chosen] = await this.candidates(name);
    if (chosen === undefined) throw this.missing(name);
    return chosen;
  }

  /** The version a program prints (`15.18`), asked once per program. */
  version(file: string): Promise<string | null> {
    let known = this.versions.get(file);
    if (known === undefined) this.versions.set(file, (known = this.host.version(file)));
    return known;
  }

  /** Every copy of `name` found, newest major first (PATH before the standard folders within a major). */
  candidates(name: string): Promise<PgProgram[]> {
    let known = this.found.get(name);
    if (known === undefined) this.found.set(name, (known = this.collect(name)));
    return known;
  }

  /** The places searched, as a person reads them (for messages). */
  searched(): string[] {
    return this.searchOnce().places;
  }

  /** Each program, where it was found and what else was found; what was searched. */
  async report(names: readonly string[] = PG_CLIENT_PROGRAMS): Promise<PgToolsReport> {
    const programs = await Promise.all(
      names.map(async (name): Promise<PgProgramReport> => {
        const [first, ...others] = await this.candidates(name);
        const chosen = first === undefined ? null : { ...first, version: await this.version(first.path) };
        return { name, chosen, others };
      }),
    );
    return { binDir: this.options.binDir ?? null, programs, searched: this.searched() };
  }

  /** Lines naming each copy of `name` found and the places searched, for an error's details. */
  async describeSearch(name: string): Promise<string[]> {
    const found = await this.candidates(name);
    const lines = await Promise.all(
      found.map(async (p) => `${p.path} (${(await this.version(p.path)) ?? p.major ?? '?'})`),
    );
    return [...lines, ...this.searched().map((place) => `- ${place}`)];
  }

  private searchOnce(): PgSearch {
    return (this.search ??= pgSearch(this.host, this.options.binDir));
  }

  private async collect(name: string): Promise<PgProgram[]> {
    const paths = pathsOf(this.host.platform);
    const fold = (p: string) => (this.host.platform === 'win32' ? p.toLowerCase() : p);
    const seen = new Set<string>();
    const found: PgProgram[] = [];
    for (const folder of this.searchOnce().folders) {
      for (const file of fileNames(this.host, name)) {
        const candidate = paths.join(folder.dir, file);
        if (!this.host.isProgram(candidate)) continue;
        const real = this.host.realpath(candidate);
        if (paths.basename(real) === 'pg_wrapper' || seen.has(fold(real))) break;
        seen.add(fold(real));
        const major = folder.major ?? majorFromLayout(real) ?? majorFromLayout(candidate);
        found.push({ name, path: candidate, source: folder.source, major });
        break;
      }
    }
    for (const program of found) {
      if (program.major === null) program.major = majorOfVersion(await this.version(program.path));
    }
    // Stable: within a major the search order (setting, PATH, standard folders) stands.
    return found.sort((a, b) => (b.major ?? -1) - (a.major ?? -1));
  }

  private missing(name: string): ConfigError {
    const binDir = this.options.binDir;
    return new ConfigError({
      key: binDir === undefined ? 'pgtools.missing' : 'pgtools.missingInBinDir',
      params: { program: name, dir: binDir ?? null },
      hintKey: installHintKey(this.host.platform),
      hintParams: { program: name },
      details: this.searched().map((place) => `- ${place}`),
    });
  }
}

/** The catalog key saying how to install PostgreSQL's programs on `platform`. */
export function installHintKey(platform: NodeJS.Platform = process.platform): string {
  return `pgtools.install.${platform === 'win32' ? 'windows' : platform === 'darwin' ? 'mac' : 'linux'}`;
}

/** The file names `name` may have: itself, or on Windows itself plus each runnable PATHEXT extension. */
function fileNames(host: PgHost, name: string): string[] {
  if (host.platform !== 'win32') return [name];
  const pathext = envValue(host, 'PATHEXT') || '.COM;.EXE;.BAT;.CMD';
  const runnable = pathext
    .split(';')
    .map((ext) => ext.trim())
    .filter((ext) => /^\.(exe|com)$/i.test(ext));
  return (runnable.length > 0 ? runnable : ['.EXE']).map((ext) => name + ext.toLowerCase());
}

function majorOfVersion(version: string | null): number | null {
  const major = Number(/^(\d+)/.exec(version ?? '')?.[1]);
  return Number.isInteger(major) && major > 0 ? major : null;
}

let shared: PgTools | undefined;

/** The search without a `postgres.binDir` setting (the lab, and code that has no configuration). */
export function defaultPgTools(): PgTools {
  return (shared ??= new PgTools());
}
