import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  archiveVersionReadable,
  dumpRestorableInto,
  majorOf,
  parseArchiveListing,
  parsePgToolVersion,
} from '../../src/core/dump-header.js';

const fixture = (name: string): string => readFileSync(join('test/fixtures/tool-output/pg_restore', name), 'utf8');

describe('parseArchiveListing', () => {
  test('reads a pg 15 header and counts the TOC entries', () => {
    const listing = parseArchiveListing(fixture('list-pg15.txt'))!;
    expect(listing.header).toEqual({
      createdAt: '2026-11-25 22:00:58 UTC',
      dbname: 'orca_test',
      tocEntries: 94,
      compression: '-1',
      dumpVersion: '1.14-0',
      archiveVersion: '1.14',
      format: 'CUSTOM',
      dumpedFrom: '15.18 (Debian 15.18-0+deb12u1)',
      dumpedBy: '15.18 (Debian 15.18-0+deb12u1)',
      dumpedFromMajor: 15,
      dumpedByMajor: 15,
    });
    expect(listing.entries).toHaveLength(15);
    expect(listing.entries[0]).toEqual({ dumpId: 240, text: 'TABLE public aps_migrations postgres' });
  });

  test('reads pg 16 and pg 17 headers, different dumped-from and dumped-by versions', () => {
    const v16 = parseArchiveListing(fixture('list-pg16.txt'))!;
    expect(v16.header).toMatchObject({
      compression: 'gzip',
      archiveVersion: '1.15',
      dumpedFromMajor: 16,
      dumpedBy: '16.15 (Ubuntu 16.15-0ubuntu0.24.04.1)',
    });
    expect(v16.entries.map((e) => e.dumpId)).toEqual([218, 215, 217, 216, 3436, 3275, 3429]);
    expect(v16.tablesWithData).toEqual(['public.alembic_version']);

    const v17 = parseArchiveListing(fixture('list-pg17.txt'))!;
    expect(v17.header).toMatchObject({
      dbname: 'quickticket',
      dumpVersion: '1.16-0',
      archiveVersion: '1.16',
      dumpedByMajor: 17,
    });
    expect(v17.tablesWithData).toEqual(['public.alembic_version', 'public.events']);
  });

  test('a header without version lines leaves those fields null; no header at all is null', () => {
    const listing = parseArchiveListing(
      ';\n; Archive created at 2026-07-10 18:47:43 UTC\n;     dbname: q\n;     Format: CUSTOM\n',
    )!;
    expect(listing.header.dumpedFrom).toBeNull();
    expect(listing.header.dumpVersion).toBeNull();
    expect(listing.entries).toEqual([]);
    expect(parseArchiveListing(fixture('truncated-stderr-pg15.txt'))).toBeNull();
    expect(parseArchiveListing('')).toBeNull();
  });
});

describe('versions', () => {
  test('parses pg_restore --version', () => {
    expect(parsePgToolVersion(fixture('version-pg15.txt'))).toEqual({ version: '15.18', major: 15 });
    expect(parsePgToolVersion('pg_restore (PostgreSQL) 17.2')).toEqual({ version: '17.2', major: 17 });
    expect(parsePgToolVersion('pg_restore (PostgreSQL) 9.6.24')).toEqual({ version: '9.6.24', major: 9.6 });
    expect(parsePgToolVersion('something else')).toBeNull();
    expect(majorOf('18beta1')).toBe(18);
  });

  test.each([
    ['1.14-0', 15, true],
    ['1.14-0', 12, true],
    ['1.15-0', 15, false],
    ['1.15-0', 16, true],
    ['1.16-0', 16, false],
    ['1.16-0', 17, true],
    ['1.16', 18, true],
    ['1.14', 17, true],
    ['garbage', 18, false],
  ])('archive %s readable by pg_restore %d: %s', (dumpVersion, major, readable) => {
    expect(archiveVersionReadable(dumpVersion, major)).toBe(readable);
  });

  test('a pg_dump 17 archive does not go into a server of 16 or older', () => {
    expect(dumpRestorableInto(17, 16)).toBe(false);
    expect(dumpRestorableInto(18, 14)).toBe(false);
    expect(dumpRestorableInto(16, 17)).toBe(true);
    expect(dumpRestorableInto(17, 17)).toBe(true);
  });
});
