/**
 * No data lost during a restore: a writer keeps inserting into the emergency environment in use (one
 * committed row at a time) while `restore --force` replaces its database; every row whose COMMIT succeeded
 * is afterwards in the safety dump the restore cataloged (the restored database is the backup's, which
 * never had them). The database is dumped after the swap, so nothing committed before the swap is missed.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execa } from 'execa';
import pg from 'pg';
import { defaultPgTools } from '../../src/adapters/process/pg-tools.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { BIN } from '../helpers/cli.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';
import { clinicDatabase, createWorld, dbConfig, type RestoreWorld } from '../helpers/restore-world.js';

let cluster: TestCluster;
let world: RestoreWorld;

/** Inserts 1, 2, 3, … one autocommitted row at a time until stopped; returns the ids whose COMMIT succeeded. */
function startWriter(database: string): { stop(): Promise<number[]>; count(): number } {
  const committed: number[] = [];
  let running = true;
  const loop = (async () => {
    let client: pg.Client | null = null;
    for (let id = 1; running; id++) {
      try {
        if (client === null) {
          client = await cluster.connect(database);
          // The swap ends this session between statements: an 'error' event, not a failed query.
          client.on('error', () => undefined);
        }
        await client.query('INSERT INTO outage_rows (id) VALUES ($1)', [id]);
        committed.push(id);
      } catch {
        // Terminated at the swap, refused while the database is closed, or the restored database lacks the
        // table: nothing was committed by this statement.
        await client?.end().catch(() => undefined);
        client = null;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    await client?.end().catch(() => undefined);
  })();
  return {
    count: () => committed.length,
    stop: async () => {
      running = false;
      await loop;
      return committed;
    },
  };
}

beforeAll(async () => {
  cluster = await startTestCluster();
  await clinicDatabase(cluster, 'orca_src_test', 3);
  await clinicDatabase(cluster, 'orca_local_test', 9);
  world = await createWorld({
    operating: dbConfig(cluster, 'orca_src_test'),
    localEmergency: dbConfig(cluster, 'orca_local_test'),
  });
  await world.catalog('operating', dbConfig(cluster, 'orca_src_test'), '20260301T000000Z-operating');
  await world.writeState({ mode: 'emergency', selectedEmergency: 'local' });
});

afterAll(async () => {
  await world?.cleanup();
  await cluster?.stop();
});

it('every row committed while the restore ran is in the new database or the safety dump', async () => {
  const admin = await cluster.connect('orca_local_test');
  await admin.query('CREATE TABLE outage_rows (id integer PRIMARY KEY)');
  await admin.end();
  const writer = startWriter('orca_local_test');
  while (writer.count() < 20) await new Promise((resolve) => setTimeout(resolve, 10));
  const run = await execa(
    'node',
    [
      BIN,
      '--config',
      world.configFile,
      'restore',
      '--force',
      '--yes',
      '--json',
      '--backup',
      '20260301T000000Z-operating',
    ],
    { reject: false, env: { LANG: 'C' } },
  );
  const committed = await writer.stop();
  expect([run.exitCode, run.stderr]).toEqual([0, expect.any(String)]);
  const { safetyBackupId } = JSON.parse(run.stdout) as { safetyBackupId: string };
  expect(committed.length).toBeGreaterThan(20);

  const inNew = await idsIn('orca_local_test');
  const safety = (await world.folder.read()).entries.find((e) => e.id === safetyBackupId)!;
  await createDatabase(cluster, 'orca_safety_check');
  await execa(
    await defaultPgTools().path('pg_restore'),
    [
      `--host=${cluster.host}`,
      `--port=${cluster.port}`,
      `--username=${cluster.user}`,
      '--no-owner',
      '--dbname=orca_safety_check',
      safety.dumpPath,
    ],
    { env: { PGPASSWORD: cluster.password } },
  );
  const inSafety = await idsIn('orca_safety_check');
  const lost = committed.filter((id) => !inNew.has(id) && !inSafety.has(id));
  expect(lost).toEqual([]);
  // The restored database is the backup's: the outage rows live on only in the safety dump.
  expect(inNew.size).toBe(0);
  expect(await sideDatabases()).toEqual([]);
});

async function idsIn(database: string): Promise<Set<number>> {
  const client = await cluster.connect(database);
  try {
    if ((await client.query(`SELECT to_regclass('outage_rows') AS t`)).rows[0].t === null) return new Set();
    return new Set((await client.query<{ id: number }>('SELECT id FROM outage_rows')).rows.map((r) => r.id));
  } finally {
    await client.end();
  }
}

async function sideDatabases(): Promise<string[]> {
  const client = await cluster.connect('postgres');
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '%\\_orcahy\\_%'`,
    );
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}
