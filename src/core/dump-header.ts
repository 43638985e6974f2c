/**
 * Pure parsers for what pg_dump/pg_restore print (RELIABILITY.md "pg_dump / pg_restore facts"): the header
 * and TOC of `pg_restore --list`, `pg_restore --version`, and the archive-version gate.
 */

/** The header block of `pg_restore --list`; a field the archive does not print is null. */
export interface DumpHeader {
  /** As printed, e.g. `2026-09-06 01:10:28 MDT` (pg_restore's local time zone, not ISO). */
  createdAt: string | null;
  dbname: string | null;
  /** The count the header declares ("TOC Entries"). */
  tocEntries: number | null;
  /** `gzip`, `none`, `lz4`, `zstd` (16+) or a level such as `-1` / `0` / `9` (≤ 15). */
  compression: string | null;
  /** As printed, e.g. `1.15-0`. */
  dumpVersion: string | null;
  /** `1.15` from `1.15-0`. */
  archiveVersion: string | null;
  format: string | null;
  /** e.g. `16.14 (Debian 16.14-1.pgdg13+1)`. */
  dumpedFrom: string | null;
  dumpedBy: string | null;
  dumpedFromMajor: number | null;
  dumpedByMajor: number | null;
}

/**
 * One TOC line `<id>; <catalogOid> <objectOid> <DESC> <schema> <name> <owner>`; `text` is everything after the
 * OIDs.
 */
export interface TocEntry {
  dumpId: number;
  text: string;
}

export interface ArchiveListing {
  header: DumpHeader;
  entries: TocEntry[];
  /** Tables whose data the archive holds (`TABLE DATA` entries), as `schema.name`. */
  tablesWithData: string[];
}

const HEADER_FIELDS: Record<string, keyof DumpHeader> = {
  dbname: 'dbname',
  'toc entries': 'tocEntries',
  compression: 'compression',
  'dump version': 'dumpVersion',
  format: 'format',
  'dumped from database version': 'dumpedFrom',
  'dumped by pg_dump version': 'dumpedBy',
};

/** Parses the whole `pg_restore --list` output. Returns null when no header is present at all. */
export function parseArchiveListing(output: string): ArchiveListing | null {
  const header = emptyHeader();
  const entries: TocEntry[] = [];
  let sawHeader = false;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.trimEnd();
    const created = /^;\s*Archive created at (.+)$/.exec(line);
    if (created) {
      header.createdAt = created[1]!.trim();
      sawHeader = true;
      continue;
    }
    const field = /^;\s+([A-Za-z_ ]+?):\s*(.*)$/.exec(line);
    if (field) {
      const key = HEADER_FIELDS[field[1]!.toLowerCase()];
      if (key !== undefined) {
        setField(header, key, field[2]!.trim());
        sawHeader = true;
      }
      continue;
    }
    const entry = /^(\d+);\s+\d+\s+\d+\s+(.*)$/.exec(line);
    if (entry) entries.push({ dumpId: Number(entry[1]), text: entry[2]! });
  }
  if (!sawHeader) return null;
  const tablesWithData = entries
    .filter((e) => e.text.startsWith('TABLE DATA '))
    .map((e) => e.text.slice('TABLE DATA '.length).split(' '))
    .map((parts) => `${parts[0]}.${parts.slice(1, -1).join(' ')}`);
  return { header, entries, tablesWithData };
}

function emptyHeader(): DumpHeader {
  return {
    createdAt: null,
    dbname: null,
    tocEntries: null,
    compression: null,
    dumpVersion: null,
    archiveVersion: null,
    format: null,
    dumpedFrom: null,
    dumpedBy: null,
    dumpedFromMajor: null,
    dumpedByMajor: null,
  };
}

function setField(header: DumpHeader, key: keyof DumpHeader, value: string): void {
  switch (key) {
    case 'tocEntries':
      header.tocEntries = /^\d+$/.test(value) ? Number(value) : null;
      break;
    case 'dumpVersion':
      header.dumpVersion = value;
      header.archiveVersion = /^(\d+\.\d+)/.exec(value)?.[1] ?? null;
      break;
    case 'dumpedFrom':
      header.dumpedFrom = value;
      header.dumpedFromMajor = majorOf(value);
      break;
    case 'dumpedBy':
      header.dumpedBy = value;
      header.dumpedByMajor = majorOf(value);
      break;
    default:
      (header as unknown as Record<string, string>)[key] = value;
  }
}

/** Major version of a PostgreSQL version text: `16.14 (…)` → 16, `9.6.24` → 9.6, `17beta1` → 17. */
export function majorOf(version: string): number | null {
  const match = /^(\d+)(?:\.(\d+))?/.exec(version.trim());
  if (!match) return null;
  const first = Number(match[1]);
  return first >= 10 || match[2] === undefined ? first : Number(`${first}.${match[2]}`);
}

/** `pg_restore (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)` → version `15.18`, major 15. */
export function parsePgToolVersion(output: string): { version: string; major: number } | null {
  const match = /\(PostgreSQL\)\s+(\d+(?:\.\d+)*(?:[a-z]+\d*)?)/.exec(output);
  if (!match) return null;
  const major = majorOf(match[1]!);
  return major === null ? null : { version: match[1]!, major };
}

/** The newest archive version a pg_restore of this major reads (1.14: 12–15, 1.15: 16, 1.16: 17 and 18). */
export function newestReadableArchiveVersion(pgRestoreMajor: number): string {
  if (pgRestoreMajor >= 17) return '1.16';
  if (pgRestoreMajor >= 16) return '1.15';
  if (pgRestoreMajor >= 12) return '1.14';
  if (pgRestoreMajor >= 10) return '1.13';
  return '1.12';
}

/**
 * Whether a local pg_restore of `pgRestoreMajor` can read an archive of `dumpVersion` (`1.15-0` or `1.15`).
 * False for an unparsable version: refusing is the safe answer before a destructive restore.
 */
export function archiveVersionReadable(dumpVersion: string, pgRestoreMajor: number): boolean {
  const wanted = /^(\d+)\.(\d+)/.exec(dumpVersion.trim());
  const newest = /^(\d+)\.(\d+)/.exec(newestReadableArchiveVersion(pgRestoreMajor))!;
  if (!wanted) return false;
  const [wMajor, wMinor] = [Number(wanted[1]), Number(wanted[2])];
  const [nMajor, nMinor] = [Number(newest[1]), Number(newest[2])];
  return wMajor < nMajor || (wMajor === nMajor && wMinor <= nMinor);
}

/**
 * Whether an archive written by pg_dump `dumpedByMajor` restores cleanly into a server of `serverMajor`:
 * a pg_dump ≥ 17 archive sets `transaction_timeout`, which a server ≤ 16 rejects (RELIABILITY.md lesson 3).
 */
export function dumpRestorableInto(dumpedByMajor: number, serverMajor: number): boolean {
  return !(dumpedByMajor >= 17 && serverMajor <= 16);
}
