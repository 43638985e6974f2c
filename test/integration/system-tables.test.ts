/**
 * ORCA's three system tables as the lab creates them: the catalog matches the recorded definitions
 * (written from ORCA's `sql/schema` DDL), and the clinic identity reads back from them the way the product
 * reads a real database (tbl_sysbase hospnums, tbl_syskanri 1001 characters 1–10, tbl_dbkanri ORCADB00).
 */
import type pg from 'pg';
import { readDatabaseIdentity } from '../../src/adapters/postgres/clinic-identity-sql.js';
import { tbl_dbkanri } from '../../src/lab/orca/ddl/tbl_dbkanri.js';
import { tbl_sysbase } from '../../src/lab/orca/ddl/tbl_sysbase.js';
import { tbl_syskanri } from '../../src/lab/orca/ddl/tbl_syskanri.js';
import { createOrcaSchema, seedOrcaSystem } from '../../src/lab/orca/schema.js';
import { institutionNameOf } from '../../src/lab/orca/system-rows.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { compareTable } from '../helpers/schema-compare.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';

let cluster: TestCluster;
let client: pg.Client;

beforeAll(async () => {
  cluster = await startTestCluster();
  await createDatabase(cluster, 'orca_system_test');
  client = await cluster.connect('orca_system_test');
  await createOrcaSchema(client);
});

afterAll(async () => {
  await client?.end();
  await cluster?.stop();
});

beforeEach(async () => {
  await seedOrcaSystem(client, { institutionCode: '1312345678', clinicName: 'テスト内科', ymd: '20260101' });
});

test('tbl_syskanri, tbl_sysbase and tbl_dbkanri match their recorded definitions', async () => {
  for (const table of [tbl_syskanri, tbl_sysbase, tbl_dbkanri]) expect(await compareTable(client, table)).toEqual([]);
  // The real tables have no code column and no dbrversion columns (dropped in ORCA 3.5).
  const { rows } = await client.query(
    `SELECT column_name FROM information_schema.columns WHERE column_name IN ('hospcd', 'dbrversion1', 'dbrversion2')`,
  );
  expect(rows).toEqual([]);
});

test('the seeded clinic reads back from tbl_syskanri 1001, per hospnum and valid by date', async () => {
  expect(await readDatabaseIdentity(client, '20260301')).toEqual({
    hospnums: [1],
    institutionCode: '1312345678',
    problem: null,
    structureVersion: '050200-1',
  });
  const { rows } = await client.query<{ kanritbl: string }>(`SELECT kanritbl FROM tbl_syskanri WHERE kanricd = '1001'`);
  expect(institutionNameOf(rows[0]!.kanritbl)).toBe('テスト内科');

  await client.query(`UPDATE tbl_syskanri SET edyukymd = '20251231' WHERE kanricd = '1001'`);
  expect(await readDatabaseIdentity(client, '20260301')).toMatchObject({
    institutionCode: null,
    problem: 'noInstitutionRow',
  });
  expect((await readDatabaseIdentity(client, '20251231')).institutionCode).toBe('1312345678');

  await client.query(`INSERT INTO tbl_sysbase (grpnum, hospnum, hospname) VALUES (2, 2, 'branch')`);
  expect(await readDatabaseIdentity(client, '20251231')).toMatchObject({ hospnums: [1, 2], problem: 'severalClinics' });
});

test('a database without the tables names no clinic instead of failing', async () => {
  await createDatabase(cluster, 'orca_empty_test');
  const empty = await cluster.connect('orca_empty_test');
  try {
    expect(await readDatabaseIdentity(empty, '20260301')).toEqual({
      hospnums: [],
      institutionCode: null,
      problem: 'noClinic',
      structureVersion: null,
    });
  } finally {
    await empty.end();
  }
});
