/**
 * A restore killed (SIGKILL) at each step after loading — during ANALYZE, inside the swap, during the
 * safety dump of the replaced database — leaves either the old or the new database under the target's name,
 * with every row; a database left closed to connections is re-opened by the next `status` (or `restore`);
 * a replaced database without a verified dump is kept and listed, never dropped silently. Each step is held
 * with a lock the test takes (so the kill lands there, not by timing), or watched for in pg_stat_activity.
 * (A kill during pg_restore is in restore-local.test.ts.)
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { execa, type ResultPromise } from 'execa';
import type pg from 'pg';
import { BIN } from '../helpers/cli.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';
import { clinicDatabase, createWorld, dbConfig, type RestoreWorld } from '../helpers/restore-world.js';

const TARGET = 'orca_local_test';
const BACKUP = '20260301T000000Z-operating';
let cluster: TestCluster;
let world: RestoreWorld;

async function query<T = Record<string, unknown>>(database: string, sql: string): Promise<T[]> {
  const client = await cluster.connect(database);
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Polls `sql` on the maintenance database until it returns a row; fails at once when `run` ended first. */
async function until<T>(sql: string, what: string, run?: ResultPromise): Promise<T> {
  let ended = false;
  void run?.then(() => (ended = true));
  for (let i = 0; i < 2400; i++) {
    const rows = await query<T>('postgres', sql);
    if (rows.length > 0) return rows[0]!;
    if (ended) throw new Error(`the restore ended before ${what}: ${(await run!).stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never saw ${what}`);
}

function startRestore(extra: string[] = []): ResultPromise {
  return execa('node', [BIN, '--config', world.configFile, 'restore', '--yes', '--backup', BACKUP, ...extra], {
    reject: false,
    env: { LANG: 'C' },
  });
}

/** What is under the target's name now: the old database (it has the marker) or the restored one. */
async function targetContent(): Promise<'old' | 'new'> {
  const rows = await query<{ t: string | null }>(TARGET, `SELECT to_regclass('test_marker')::text AS t`);
  return rows[0]!.t === null ? 'new' : 'old';
}

async function databases(): Promise<Array<{ datname: string; datallowconn: boolean }>> {
  return query(
    'postgres',
    `SELECT datname, datallowconn FROM pg_database WHERE datname LIKE 'orca\\_local%' ORDER BY 1`,
  );
}

beforeAll(async () => {
  cluster = await startTestCluster();
  await clinicDatabase(cluster, 'orca_src_test', 3);
  await clinicDatabase(cluster, 'orca_seed_local', 9);
  // A table without indexes that ANALYZE must lock (a test holds it), and rows pg_dump needs a moment for.
  await query('orca_src_test', 'CREATE TABLE test_slow AS SELECT g AS x FROM generate_series(1, 1000) g');
  await query('orca_seed_local', 'CREATE TABLE test_marker (note text)');
  await query(
    'orca_seed_local',
    `CREATE TABLE test_filler AS SELECT g, md5(g::text) AS pad FROM generate_series(1, 400000) g`,
  );
  world = await createWorld({
    operating: dbConfig(cluster, 'orca_src_test'),
    localEmergency: dbConfig(cluster, TARGET),
  });
  await world.catalog('operating', dbConfig(cluster, 'orca_src_test'), BACKUP);
});

afterAll(async () => {
  await world?.cleanup();
  await cluster?.stop();
});

beforeEach(async () => {
  // The emergency environment in use, with data entered during the outage: a restore must keep it.
  for (const { datname } of await query<{ datname: string }>(
    'postgres',
    `SELECT datname FROM pg_database WHERE datname LIKE 'orca\\_local%'`,
  ))
    await query('postgres', `DROP DATABASE "${datname}" WITH (FORCE)`);
  await query('postgres', `CREATE DATABASE ${TARGET} TEMPLATE orca_seed_local`);
  await world.writeState({ mode: 'emergency', selectedEmergency: 'local' });
});

describe('a restore killed', () => {
  it('during ANALYZE leaves the database in use as it was; the next restore drops the staging database', async () => {
    const restore = startRestore(['--force']);
    const { datname } = await until<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '%\\_orcahy\\_stg\\_%'`,
      'the staging database',
    );
    const holder = await holdWhenLoaded(datname);
    try {
      await until(
        `SELECT 1 FROM pg_stat_activity WHERE query LIKE 'ANALYZE%test_slow%' AND wait_event_type = 'Lock'`,
        'ANALYZE waiting',
      );
      restore.kill('SIGKILL');
      await restore;
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end().catch(() => undefined);
    }
    expect(await targetContent()).toBe('old');
    const rerun = await world.run(['restore', '--force', '--yes', '--backup', BACKUP]);
    expect([rerun.code, rerun.stderr]).toEqual([0, expect.stringContaining('left by an interrupted earlier restore')]);
    expect(await targetContent()).toBe('new');
  });

  it('inside the swap leaves the old database, closed; `status` re-opens it and the next restore succeeds', async () => {
    const restore = startRestore(['--force']);
    const { datname } = await until<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '%\\_orcahy\\_stg\\_%'`,
      'the staging database',
    );
    // Holding a lock on the staging database object stops the swap's second rename inside its transaction.
    const holder = await cluster.connect('postgres');
    await holder.query('BEGIN');
    await holder.query(`COMMENT ON DATABASE "${datname}" IS 'held by the test'`);
    try {
      await until(
        `SELECT 1 FROM pg_stat_activity WHERE query LIKE 'ALTER DATABASE%RENAME%' AND wait_event_type = 'Lock'`,
        'the swap waiting',
      );
      expect(await databases()).toContainEqual({ datname: TARGET, datallowconn: false });
      restore.kill('SIGKILL');
      await restore;
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end().catch(() => undefined);
    }
    // The swap's transaction died with it: both renames rolled back, the old database under its name.
    await until(
      `SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE query LIKE 'ALTER DATABASE%RENAME%')`,
      'the swap to end',
    );
    expect((await databases()).map((d) => d.datname)).toEqual([TARGET, datname].sort());
    const status = await world.run(['status', '--json']);
    expect(JSON.parse(status.stdout).environments.localEmergency).toMatchObject({ reopened: true });
    expect(await targetContent()).toBe('old');
    const rerun = await world.run(['restore', '--force', '--yes', '--backup', BACKUP]);
    expect(rerun.code).toBe(0);
    expect(await targetContent()).toBe('new');
  });

  it('during the safety dump keeps the replaced database, listed; --drop-kept dumps it and drops it', async () => {
    const restore = startRestore(['--force']);
    const { datname } = await until<{ datname: string }>(
      `SELECT datname FROM pg_stat_activity WHERE datname LIKE '%\\_orcahy\\_old\\_%' AND query LIKE 'COPY%'`,
      'pg_dump of the replaced database',
      restore,
    );
    restore.kill('SIGKILL');
    await restore;
    expect(await targetContent()).toBe('new');
    expect((await databases()).map((d) => d.datname)).toEqual([TARGET, datname].sort());
    const status = await world.run(['status', '--json']);
    expect(JSON.parse(status.stdout).environments.localEmergency.keptDatabases).toEqual([datname]);

    const rerun = await world.run(['restore', '--force', '--yes', '--backup', BACKUP]);
    expect([rerun.code, rerun.stderr]).toEqual([
      0,
      expect.stringContaining(`kept these databases (no verified dump of them yet): ${datname}`),
    ]);
    const drop = await world.run(['restore', '--target', 'localEmergency', '--drop-kept', '--yes', '--json']);
    const dropped = JSON.parse(drop.stdout) as { dropped: Array<{ name: string; dumpId: string }> };
    expect([drop.code, dropped.dropped.map((d) => d.name)]).toEqual([0, [datname]]);
    expect(await databases()).toEqual([{ datname: TARGET, datallowconn: true }]);
    const { listArchive } = await import('../../src/adapters/postgres/dump-tool.js');
    const dump = (await world.folder.read()).entries.find((e) => e.id === dropped.dropped[0]!.dumpId)!;
    expect((await listArchive(dump.dumpPath)).tablesWithData).toContain('public.test_marker');
  });
});

/**
 * Connects to the staging database once pg_restore has committed the rows of `test_slow` (it touches the
 * table no more: no index, no constraint) and locks it the way ANALYZE conflicts with, in an open transaction.
 */
async function holdWhenLoaded(database: string): Promise<pg.Client> {
  for (let i = 0; i < 2400; i++) {
    try {
      const client = await cluster.connect(database);
      const loaded = await client
        .query<{ n: number }>('SELECT count(*)::int AS n FROM test_slow')
        .then((r) => r.rows[0]!.n === 1000)
        .catch(() => false);
      if (loaded) {
        await client.query('BEGIN');
        await client.query('LOCK TABLE test_slow IN SHARE UPDATE EXCLUSIVE MODE');
        return client;
      }
      await client.end();
    } catch {
      // The staging database is still being created.
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`test_slow was never loaded into ${database}`);
}
