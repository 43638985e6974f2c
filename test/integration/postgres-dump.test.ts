/**
 * pg_dump / pg_restore through the runner against a real cluster: a dump, its header, a full read,
 * a truncated dump refused, the password kept out of argv and out of errors.
 */
import { readFileSync, statSync, truncateSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  dumpDatabase,
  listArchive,
  localPgRestoreVersion,
  readWholeArchive,
} from '../../src/adapters/postgres/dump-tool.js';
import { observeSpawns, type SpawnedProcess } from '../../src/adapters/process/run.js';
import type { DatabaseConfig } from '../../src/core/config-schema.js';
import { archiveVersionReadable } from '../../src/core/dump-header.js';
import { AuthError, UnreachableError, VerificationError } from '../../src/core/errors.js';
import { orcaSchemaStatements } from '../../src/lab/orca/schema.js';
import { createDatabase, findFreePort } from '../../src/lab/postgres/cluster.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';

const DB = 'orca_dump_test';
let cluster: TestCluster;
let db: DatabaseConfig;
let dumpFile: string;
const spawned: { process: SpawnedProcess; cmdline: string }[] = [];
let stopObserving: () => void;

beforeAll(async () => {
  cluster = await startTestCluster();
  await createDatabase(cluster, DB);
  const admin = await cluster.connect(DB);
  try {
    for (const statement of orcaSchemaStatements()) await admin.query(statement);
    await admin.query(`INSERT INTO tbl_ptinf (hospnum, ptid, kananame, name, birthday)
      SELECT 1, g, 'ﾃｽﾄ ' || g, 'テスト 患者' || g, '19800101' FROM generate_series(1, 3000) g`);
  } finally {
    await admin.end();
  }
  db = cluster.databaseConfig(DB);
  dumpFile = join(cluster.dir, '..', 'backup.dump');
  stopObserving = observeSpawns((process) => {
    // The child has exec'd by the time spawn returns: its argv is what /proc shows.
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${process.pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      cmdline = '(exited)';
    }
    spawned.push({ process, cmdline });
  });
});

afterAll(async () => {
  stopObserving?.();
  await cluster?.stop();
});

test('dumps into <file>.partial (0600) with the password kept out of argv', async () => {
  spawned.length = 0;
  const result = await dumpDatabase(db, dumpFile);
  expect(result.partialFile).toBe(`${dumpFile}.partial`);
  expect(result.bytes).toBe(statSync(result.partialFile).size);
  expect(statSync(result.partialFile).mode & 0o777).toBe(0o600);
  expect(readFileSync(result.partialFile).subarray(0, 5).toString('latin1')).toBe('PGDMP');
  const dump = spawned.find((s) => s.process.file.endsWith('pg_dump'));
  expect(dump).toBeDefined();
  expect(dump!.cmdline).toContain('--format=custom');
  expect(dump!.cmdline).not.toContain(cluster.password);
  expect(dump!.process.args.join(' ')).not.toContain(cluster.password);
  copyFileSync(result.partialFile, dumpFile);
});

test('lists the header and TOC of the dump', async () => {
  const listing = await listArchive(dumpFile);
  const local = await localPgRestoreVersion();
  expect(listing.header.dbname).toBe(DB);
  expect(listing.header.format).toBe('CUSTOM');
  expect(listing.header.dumpedByMajor).toBe(local.major);
  expect(listing.header.dumpedFromMajor).toBe(local.major);
  expect(archiveVersionReadable(listing.header.dumpVersion!, local.major)).toBe(true);
  expect(listing.header.tocEntries).toBeGreaterThan(10);
  expect(listing.tablesWithData).toContain('public.tbl_ptinf');
  expect(listing.tablesWithData).toContain('public.tbl_syskanri');
});

test('a full read passes on the whole dump and fails on a truncated one the TOC still lists', async () => {
  await readWholeArchive(dumpFile);
  const truncated = `${dumpFile}.truncated`;
  copyFileSync(dumpFile, truncated);
  truncateSync(truncated, statSync(dumpFile).size - 100);
  await expect(listArchive(truncated)).resolves.toBeDefined();
  const error = await readWholeArchive(truncated).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(VerificationError);
  expect((error as VerificationError).details.join('\n')).toMatch(/end of file/);
});

test('a file that is no dump fails the listing with VerificationError', async () => {
  const bogus = `${dumpFile}.bogus`;
  copyFileSync(dumpFile, bogus);
  truncateSync(bogus, 3);
  await expect(listArchive(bogus)).rejects.toBeInstanceOf(VerificationError);
});

test('a wrong password is an AuthError, without the password, and leaves no partial file', async () => {
  const wrong = 'wrong-secret-' + 'q7';
  const target = join(cluster.dir, '..', 'wrong.dump');
  const error = await dumpDatabase({ ...db, password: wrong }, target, { env: 'operating' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthError);
  const text = JSON.stringify({
    m: (error as Error).message,
    d: (error as AuthError).details,
    p: (error as AuthError).params,
  });
  expect(text).not.toContain(wrong);
  expect(text).toContain('password authentication failed');
  expect(existsSync(`${target}.partial`)).toBe(false);
});

test('a refused port is an UnreachableError', async () => {
  const port = await findFreePort();
  const target = join(cluster.dir, '..', 'refused.dump');
  await expect(dumpDatabase({ ...db, port }, target, { env: 'operating' })).rejects.toBeInstanceOf(UnreachableError);
});

test('in a Japanese locale the failures are still told apart (the programs are asked for English messages)', async () => {
  // Debian ships pg_dump's Japanese catalog; LC_ALL=C.UTF-8 with LANGUAGE=ja selects it on this machine.
  const saved = { LC_ALL: process.env.LC_ALL, LANGUAGE: process.env.LANGUAGE };
  process.env.LC_ALL = 'C.UTF-8';
  process.env.LANGUAGE = 'ja';
  try {
    const port = await findFreePort();
    const refused = join(cluster.dir, '..', 'refused-ja.dump');
    await expect(dumpDatabase({ ...db, port }, refused, { env: 'operating' })).rejects.toBeInstanceOf(UnreachableError);
    const wrong = join(cluster.dir, '..', 'wrong-ja.dump');
    const error = await dumpDatabase({ ...db, password: 'wrong-' + 'ja' }, wrong, { env: 'operating' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthError);
  } finally {
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  }
});
