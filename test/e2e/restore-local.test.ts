/**
 * `restore` into directly reached databases through the built binary, against one real cluster: row counts
 * after a restore, refusals before anything is touched (altered or unverified dump, another clinic, the
 * active emergency environment, nobody to confirm), a SIGKILL during pg_restore, the safety dump.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execa } from 'execa';
import { copyFile, open, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { listArchive } from '../../src/adapters/postgres/dump-tool.js';
import { BIN } from '../helpers/cli.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';
import {
  CLINIC_CODE,
  CLINIC_NAME,
  clinicDatabase,
  createWorld,
  dbConfig,
  type RestoreWorld,
} from '../helpers/restore-world.js';

/** Catalog entries tests plant beside the real backup (altered, unverified, another clinic's, a big one). */
const PLANTED = [
  '20260302T000000Z-altered',
  '20260302T000000Z-unverified',
  '20260303T000000Z-other',
  '20260304T000000Z-big',
];
let cluster: TestCluster;
let world: RestoreWorld;
/** What WebORCA's importer (`onpre_db_import.sh`) empties; `aps_migrations` and `ap_server_ld_processes` it drops. */
const isSessionTable = (t: string): boolean =>
  /^(tbl_lock|tbl_jobkanri|tbl_para|tbl_spa_tmp|tbl_api_para|monpushevent|monbatch|monbatch_log|monbatch_clog)$/.test(
    t,
  );

async function query<T = Record<string, unknown>>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = await cluster.connect(database);
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Rows of every table of `database`, by name. */
async function rowCounts(database: string): Promise<Record<string, number>> {
  const tables = await query<{ name: string }>(
    database,
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables)
    counts[name] = Number((await query<{ n: string }>(database, `SELECT count(*) AS n FROM "${name}"`))[0]!.n);
  return counts;
}

async function sideDatabases(): Promise<string[]> {
  return (
    await query<{ datname: string }>('postgres', `SELECT datname FROM pg_database WHERE datname LIKE '%\\_orcahy\\_%'`)
  ).map((r) => r.datname);
}

/** A table only the database in use has: present after a refusal, gone after a restore. */
async function addMarker(): Promise<void> {
  await query('orca_local_test', 'CREATE TABLE IF NOT EXISTS test_marker (note text)');
  await query('orca_local_test', 'DELETE FROM test_marker');
  await query('orca_local_test', 'INSERT INTO test_marker VALUES ($1)', ['outage data']);
}
async function markerRows(): Promise<number> {
  return Number((await query<{ n: string }>('orca_local_test', 'SELECT count(*) AS n FROM test_marker'))[0]!.n);
}

beforeAll(async () => {
  cluster = await startTestCluster();
  await clinicDatabase(cluster, 'orca_src_test', 3);
  await clinicDatabase(cluster, 'orca_local_test', 9);
  world = await createWorld({
    operating: dbConfig(cluster, 'orca_src_test'),
    localEmergency: dbConfig(cluster, 'orca_local_test'),
  });
  await world.writeState({ selectedEmergency: 'local' });
  await world.catalog('operating', dbConfig(cluster, 'orca_src_test'), '20260301T000000Z-operating');
});

/** Every test starts from normal mode, the one real backup, and no lock (a killed run's is removed here). */
afterEach(async () => {
  await world.writeState({ ...(await world.readState()), mode: 'normal', selectedEmergency: 'local' });
  for (const id of PLANTED) {
    await rm(join(world.backupFolder, 'operating', `${id}.dump`), { force: true });
    await rm(join(world.backupFolder, 'operating', `${id}.json`), { force: true });
  }
  await rm(join(world.stateDir, 'orca-hybrid.lock'), { recursive: true, force: true });
  await rm(join(world.stateDir, 'orca-hybrid.lock.json'), { force: true });
});

afterAll(async () => {
  await world?.cleanup();
  await cluster?.stop();
});

describe('restore into a directly reached database', () => {
  it('restores the newest verified backup: every table has the source row counts, session tables are empty', async () => {
    await addMarker();
    const run = await world.run(['restore', '--yes', '--json']);
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining('20260301T000000Z-operating')]);
    const doc = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({
      target: 'localEmergency',
      backupId: '20260301T000000Z-operating',
      safetyBackupId: null,
      seconds: expect.any(Number),
    });
    const [source, restored] = [await rowCounts('orca_src_test'), await rowCounts('orca_local_test')];
    const session = Object.keys(source).filter(isSessionTable);
    // The lab leaves rows in them as a running WebORCA does; the restore empties them.
    expect(session.filter((t) => source[t]! > 0).length).toBeGreaterThanOrEqual(5);
    for (const table of session) {
      expect(restored[table]).toBe(0);
      delete source[table];
      delete restored[table];
    }
    expect(source.aps_migrations).toBeGreaterThan(0);
    expect(restored.aps_migrations).toBeUndefined();
    delete source.aps_migrations;
    expect(restored).toEqual(source);
    expect(Object.keys(restored).length).toBeGreaterThan(10);
    expect(await sideDatabases()).toEqual([]);
    // ANALYZE ran on the database now in use: every table with rows has column statistics (pg_stats is
    // written in ANALYZE's own transaction, so it is there when the command returns).
    const analyzed = (
      await query<{ name: string }>(
        'orca_local_test',
        `SELECT DISTINCT tablename AS name FROM pg_stats WHERE schemaname = 'public'`,
      )
    ).map((r) => r.name);
    expect(analyzed.sort()).toEqual(
      Object.keys(restored)
        .filter((t) => restored[t]! > 0)
        .sort(),
    );
    const state = await world.readState();
    expect(state.restorePoints).toMatchObject({ localEmergency: { backupId: '20260301T000000Z-operating' } });
    expect((await world.journal()).at(-1)).toMatchObject({ command: 'restore', outcome: 'ok' });
    expect(run.stderr).toContain(`institution code (tbl_syskanri 1001) of the dump ${CLINIC_CODE}`);
    // The lab world's WebORCA API URL answers nothing: the restore says so and what to restart.
    expect(doc).toMatchObject({ webOrcaAnswered: false, keptDatabases: [] });
    expect(run.stderr).toContain('sudo systemctl restart jma-receipt-weborca');
  });

  it('refuses an altered dump and an unverified one (exit 6) before touching anything', async () => {
    await addMarker();
    const entry = (await world.folder.read()).entries.find((e) => e.id === '20260301T000000Z-operating')!;
    const dir = join(world.backupFolder, 'operating');
    const sidecar = JSON.parse(await readFile(entry.dumpPath.replace(/\.dump$/, '.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const [id, verified] of [
      ['20260302T000000Z-altered', true],
      ['20260302T000000Z-unverified', false],
    ] as const) {
      await copyFile(entry.dumpPath, join(dir, `${id}.dump`));
      // Newer than the real dump by metadata: the default choice picks the altered one.
      await writeFile(
        join(dir, `${id}.json`),
        JSON.stringify({ ...sidecar, id, verified, createdAt: new Date(Date.now() + 60_000).toISOString() }),
      );
    }
    const handle = await open(join(dir, '20260302T000000Z-altered.dump'), 'r+');
    // Near the end: in table data, not in the table of contents `pg_restore --list` reads.
    await handle.write(Buffer.from([0x5a]), 0, 1, entry.size - 16);
    await handle.close();

    const altered = await world.run(['restore', '--backup', '20260302T000000Z-altered', '--yes']);
    expect([altered.code, altered.stderr]).toEqual([6, expect.stringContaining('no longer matches its catalog entry')]);
    const unverified = await world.run(['restore', '--backup', '20260302T000000Z-unverified', '--yes']);
    expect([unverified.code, unverified.stderr]).toEqual([6, expect.stringContaining('never verified')]);
    // The newest entry by metadata is the altered one: the default choice is refused too.
    expect((await world.run(['restore', '--yes'])).code).toBe(6);
    expect(await markerRows()).toBe(1);
    expect(await sideDatabases()).toEqual([]);
    expect((await world.journal()).at(-1)).toMatchObject({ command: 'restore', outcome: 'failed', exitCode: 6 });
  });

  it('refuses a dump of another clinic with exit 5, printing both codes', async () => {
    await clinicDatabase(cluster, 'orca_other_test', 5, '2712345678');
    await world.catalog('operating', dbConfig(cluster, 'orca_other_test'), '20260303T000000Z-other');
    const run = await world.run(['restore', '--backup', '20260303T000000Z-other', '--yes']);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/institution code 2712345678, but the configuration\/target says 1312345678/);
    expect(await markerRows()).toBe(1);
    expect(await sideDatabases()).toEqual([]);
  });

  it('refuses a dump of several clinics, one without its 1001 row and one of a newer structure (exit 5)', async () => {
    const variants: Array<[string, string, RegExp]> = [
      [
        'groups',
        `INSERT INTO tbl_sysbase (grpnum, hospnum, hospname) VALUES (2, 2, 'branch')`,
        /clinics \(hospnum\) 1, 2; exactly one is needed/,
      ],
      ['no1001', `DELETE FROM tbl_syskanri WHERE kanricd = '1001'`, /no tbl_syskanri 1001 row .* valid today/],
      [
        'newer',
        `UPDATE tbl_dbkanri SET version = '050300-1' WHERE kanricd = 'ORCADB00'`,
        /database structure 050300-1, newer than the target's 050200-1/,
      ],
    ];
    for (const [name, change, message] of variants) {
      await query('postgres', `CREATE DATABASE orca_${name}_test TEMPLATE orca_src_test`);
      await query(`orca_${name}_test`, change);
      await world.catalog('operating', dbConfig(cluster, `orca_${name}_test`), `20260303T000000Z-${name}`);
      const run = await world.run(['restore', '--backup', `20260303T000000Z-${name}`, '--yes']);
      expect([name, run.code, run.stderr]).toEqual([name, 5, expect.stringMatching(message)]);
      expect(await markerRows()).toBe(1);
      expect(await sideDatabases()).toEqual([]);
    }
  });

  it('a restore killed (SIGKILL) during pg_restore leaves the database in use intact; a re-run cleans up and succeeds', async () => {
    await query('postgres', 'CREATE DATABASE orca_big_test TEMPLATE orca_src_test');
    await query(
      'orca_big_test',
      `CREATE TABLE test_filler AS SELECT g AS id, md5(g::text) AS pad FROM generate_series(1, 200000) g;
      ALTER TABLE test_filler ADD PRIMARY KEY (id)`,
    );
    await world.catalog('operating', dbConfig(cluster, 'orca_big_test'), '20260304T000000Z-big');
    const before = await rowCounts('orca_local_test');

    const child = execa(
      'node',
      [BIN, '--config', world.configFile, 'restore', '--backup', '20260304T000000Z-big', '--yes'],
      { reject: false, env: { LANG: 'C' } },
    );
    let seen = false;
    for (let i = 0; i < 1200 && !seen; i++) {
      const rows = await query(
        'postgres',
        `SELECT 1 FROM pg_stat_activity WHERE datname LIKE '%\\_orcahy\\_stg\\_%' AND application_name = 'orca-hybrid'`,
      );
      seen = rows.length > 0;
      if (!seen) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(seen).toBe(true);
    child.kill('SIGKILL');
    const killed = await child;
    expect(killed.signal).toBe('SIGKILL');
    expect(await rowCounts('orca_local_test')).toEqual(before);
    expect(await markerRows()).toBe(1);

    const rerun = await world.run(['restore', '--backup', '20260304T000000Z-big', '--yes']);
    expect([rerun.code, rerun.stderr]).toEqual([0, expect.stringContaining('left by an interrupted earlier restore')]);
    expect(rerun.stderr).toContain('Took over a stale lock');
    expect(await sideDatabases()).toEqual([]);
    expect((await rowCounts('orca_local_test')).test_filler).toBe(200000);
  });

  it('refuses over the emergency environment in use without --force; with it, a verified safety dump is cataloged first', async () => {
    await world.writeState({ mode: 'emergency', selectedEmergency: 'local' });
    await addMarker();
    const refused = await world.run(['restore', '--backup', '20260301T000000Z-operating', '--yes']);
    expect([refused.code, refused.stderr]).toEqual([5, expect.stringContaining('in use during the outage')]);
    expect(await markerRows()).toBe(1);

    const forced = await world.run(['restore', '--backup', '20260301T000000Z-operating', '--yes', '--force']);
    expect([forced.code, forced.stderr]).toEqual([0, expect.any(String)]);
    const safetyId = /kept as backup (\S+)\./.exec(forced.stdout)?.[1];
    // The safety dump is of the replaced database, taken after the swap; its id names the restore run.
    expect(safetyId).toMatch(/-local-safety-[0-9a-z]+$/);
    expect(forced.stdout).toContain('orca-hybrid bump-seq --env localEmergency --from operating');
    const safety = (await world.folder.read()).entries.find((e) => e.id === safetyId)!;
    expect(safety).toMatchObject({ source: 'localEmergency', verified: true });
    expect((await listArchive(safety.dumpPath)).tablesWithData).toContain('public.test_marker');
    expect((await query('orca_local_test', `SELECT to_regclass('test_marker') AS t`))[0]!.t).toBeNull();
  });

  it('asks for --yes when nobody can answer, and for the clinic name before replacing the operating environment', async () => {
    const noYes = await world.run(['restore', '--backup', '20260301T000000Z-operating']);
    expect([noYes.code, noYes.stderr]).toEqual([2, expect.stringContaining('--yes')]);
    const noName = await world.run([
      'restore',
      '--target',
      'operating',
      '--backup',
      '20260301T000000Z-operating',
      '--yes',
    ]);
    expect([noName.code, noName.stderr]).toEqual([2, expect.stringContaining('--confirm-clinic')]);
    const wrong = await world.run([
      'restore',
      '--target',
      'operating',
      '--backup',
      '20260301T000000Z-operating',
      '--confirm-clinic',
      'Other Clinic',
    ]);
    expect(wrong.code).toBe(5);
    const named = await world.run([
      'restore',
      '--target',
      'operating',
      '--backup',
      '20260301T000000Z-operating',
      '--confirm-clinic',
      ` ${CLINIC_NAME} `,
      '--json',
    ]);
    expect([named.code, named.stderr]).toEqual([0, expect.any(String)]);
    expect(JSON.parse(named.stdout)).toMatchObject({
      target: 'operating',
      safetyBackupId: expect.stringMatching(/-operating-safety-[0-9a-z]+$/),
    });
    expect(await sideDatabases()).toEqual([]);
  });
});
