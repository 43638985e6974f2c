/**
 * What `restore` checks on a directly reached target before anything is touched: the configured user must
 * be the owner (`datdba`) of the database it replaces — a member of the owning role or a superuser is not
 * enough, because with `--no-owner` every restored object belongs to the restoring user — and may create
 * databases; a database a killed restore left closed to connections is re-opened and said so; the target's
 * identity, structure version and counters are read, or said unreadable.
 */
import type pg from 'pg';
import { FsBackupFolder } from '../../src/adapters/fs/backup-folder.js';
import { PostgresRestoreTarget } from '../../src/adapters/postgres/restore-target.js';
import type { DatabaseConfig } from '../../src/core/config-schema.js';
import { createOrcaSchema, seedOrcaSystem } from '../../src/lab/orca/schema.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';
import { dbConfig } from '../helpers/restore-world.js';

const PASSWORD = 'inspect-test-password';
let cluster: TestCluster;
let admin: pg.Client;

const as = (user: string, database = 'orca_owned'): DatabaseConfig => ({
  ...dbConfig(cluster, database),
  user,
  password: PASSWORD,
});
const inspect = (db: DatabaseConfig) =>
  new PostgresRestoreTarget('localEmergency', db, { folder: new FsBackupFolder('/nonexistent') }).inspect();

beforeAll(async () => {
  cluster = await startTestCluster();
  admin = await cluster.connect('postgres');
  await admin.query(`CREATE ROLE orca LOGIN CREATEDB PASSWORD '${PASSWORD}'`);
  await admin.query(`CREATE ROLE helper LOGIN CREATEDB PASSWORD '${PASSWORD}' IN ROLE orca`);
  await admin.query(`CREATE ROLE nocreate LOGIN PASSWORD '${PASSWORD}'`);
  await admin.query('CREATE DATABASE orca_owned OWNER orca');
  // As WebORCA's database is: its tables belong to orca.
  const { connectDatabase } = await import('../../src/adapters/postgres/connect.js');
  const client = await connectDatabase(as('orca'));
  try {
    await createOrcaSchema(client);
    await seedOrcaSystem(client, { institutionCode: '1312345678', clinicName: 'テスト', ymd: '20260101' });
  } finally {
    await client.end();
  }
});

afterAll(async () => {
  await admin?.end();
  await cluster?.stop();
});

test('the owner passes and the identity, structure and counters of its database are read', async () => {
  expect(await inspect(as('orca'))).toMatchObject({
    server: { major: expect.any(Number) },
    identity: { exists: true, hospnums: [1], institutionCode: '1312345678', structureVersion: '050200-1' },
    canTakeSafetyDump: true,
    sequences: { outpatientSlip: 0, patientId: 0 },
    notes: [],
  });
});

test('a member of the owning role, or a superuser that is not the owner, is refused (exit 5)', async () => {
  for (const user of ['helper', cluster.user]) {
    const db = user === cluster.user ? dbConfig(cluster, 'orca_owned') : as(user);
    expect(await inspect(db).catch((e: unknown) => e)).toMatchObject({ key: 'restore.privilege.owner', exitCode: 5 });
  }
  expect(await inspect(as('nocreate')).catch((e: unknown) => e)).toMatchObject({ key: 'restore.privilege.createdb' });
});

test('no database yet: nothing to compare, nothing to dump', async () => {
  expect(await inspect(as('orca', 'orca_absent'))).toMatchObject({
    identity: { exists: false, institutionCode: null },
    canTakeSafetyDump: false,
    sequences: null,
  });
});

test('a database left closed to connections is re-opened first, and the inspection says so', async () => {
  await admin.query('ALTER DATABASE orca_owned ALLOW_CONNECTIONS false');
  const facts = await inspect(as('orca'));
  expect(facts.notes).toEqual([
    { key: 'restore.warn.reopened', params: { env: 'localEmergency', database: 'orca_owned' } },
  ]);
  expect(facts.identity.institutionCode).toBe('1312345678');
  const { rows } = await admin.query(`SELECT datallowconn FROM pg_database WHERE datname = 'orca_owned'`);
  expect(rows).toEqual([{ datallowconn: true }]);
});
