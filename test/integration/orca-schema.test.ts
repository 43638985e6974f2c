/**
 * The lab's tables match ORCA's real DDL column for column: the lab database is created exactly as the lab
 * creates it, and its catalog is compared with every recorded definition (src/lab/orca/ddl/registry.ts,
 * each naming the jma-receipt files it follows). Also: the lab creates no table it does not record, and the
 * known drifts of the old hand-written DDL are gone.
 */
import type pg from 'pg';
import { RECORDED_TABLES } from '../../src/lab/orca/ddl/registry.js';
import { createOrcaSchema } from '../../src/lab/orca/schema.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';
import { compareTable } from '../helpers/schema-compare.js';

let cluster: TestCluster;
let client: pg.Client;

beforeAll(async () => {
  cluster = await startTestCluster();
  await createDatabase(cluster, 'orca_schema_test');
  client = await cluster.connect('orca_schema_test');
  await createOrcaSchema(client);
});

afterAll(async () => {
  await client?.end();
  await cluster?.stop();
});

test.each(RECORDED_TABLES.map((table) => [table.name, table] as const))(
  '%s matches its recorded definition',
  async (_name, table) => {
    expect(await compareTable(client, table)).toEqual([]);
  },
);

test('every recorded definition names the files it follows, and a 5.1 table its record definition', () => {
  for (const table of RECORDED_TABLES) {
    expect(table.sources.length).toBeGreaterThan(0);
    if (table.release === '5.1') expect(table.sources).toContain(`record/${table.name}.db`);
  }
});

test('the lab creates only recorded tables, with their sequences', async () => {
  const { rows } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
  );
  const expected = RECORDED_TABLES.map((t) => t.name).sort();
  expect(rows.map((r) => r.name)).toEqual(expected);
  const sequences = await client.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relkind = 'S'`);
  expect(sequences.rows.map((r) => r.name).sort()).toEqual(RECORDED_TABLES.flatMap((t) => t.sequences ?? []).sort());
});

test('what ORCA does not have is gone (issues #14, #15)', async () => {
  const { rows } = await client.query<{ name: string }>(
    `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
      WHERE (table_name, column_name) IN (('tbl_sryacct_main', 'srysyukbn'), ('tbl_hkncombi', 'hknftnrate'),
        ('tbl_sysbase', 'hospcd'), ('tbl_dbkanri', 'dbrversion1'), ('tbl_dbkanri', 'dbrversion2'))`,
  );
  expect(rows).toEqual([]);
  const denpnumIndex = await client.query(
    `SELECT 1 FROM pg_indexes WHERE tablename = 'tbl_jyurrk' AND indexdef LIKE '%denpnum%'`,
  );
  expect(denpnumIndex.rowCount).toBe(0);
});
