/**
 * The recorded-definition form (src/lab/orca/ddl) and the comparer the lab's schema tests rely on: a table
 * created from a definition matches it, and each kind of drift is reported.
 */
import type pg from 'pg';
import { createTableStatements, numbered, type TableDefinition } from '../../src/lab/orca/ddl/table-definition.js';
import { compareTable } from '../helpers/schema-compare.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';

const TABLE: TableDefinition = {
  name: 'tbl_example',
  release: '5.1',
  sources: ['record/tbl_example.db'],
  columns: [
    { name: 'ptid', type: 'bigint', notNull: true },
    { name: 'sryymd', type: 'character(8)', notNull: true },
    { name: 'syu_updkbn', type: 'character(1)', default: "' '::bpchar" },
    ...numbered('zainum', 3, 'integer'),
    { name: 'maxzainum', type: 'numeric(8,0)', default: '0' },
    { name: 'hospnum', type: 'smallint', notNull: true },
  ],
  primaryKey: ['hospnum', 'ptid', 'sryymd'],
  indexes: [{ name: 'idx_example_sryymd', columns: ['hospnum', 'sryymd'] }],
};

let cluster: TestCluster;
let client: pg.Client;

beforeAll(async () => {
  cluster = await startTestCluster();
  client = await cluster.connect('postgres');
});

afterAll(async () => {
  await client?.end();
  await cluster?.stop();
});

beforeEach(async () => {
  await client.query('DROP TABLE IF EXISTS tbl_example');
  for (const statement of createTableStatements(TABLE)) await client.query(statement);
});

test('a table created from its definition matches it, primary key named as ORCA names it', async () => {
  expect(await compareTable(client, TABLE)).toEqual([]);
  const { rows } = await client.query(`SELECT conname FROM pg_constraint WHERE conrelid = 'tbl_example'::regclass`);
  expect(rows).toEqual([{ conname: 'tbl_example_primary_key' }]);
});

test('a missing table is reported', async () => {
  expect(await compareTable(client, { ...TABLE, name: 'tbl_absent' })).toEqual(['tbl_absent: table missing']);
});

test('an extra column, another type, NOT NULL and default are each reported', async () => {
  await client.query('ALTER TABLE tbl_example ADD COLUMN hospcd character(10)');
  await client.query('ALTER TABLE tbl_example ALTER COLUMN maxzainum TYPE integer');
  await client.query('ALTER TABLE tbl_example ALTER COLUMN zainum2 SET NOT NULL');
  await client.query('ALTER TABLE tbl_example ALTER COLUMN syu_updkbn DROP DEFAULT');
  const problems = await compareTable(client, TABLE);
  expect(problems).toEqual([
    expect.stringContaining(
      'tbl_example: columns are (ptid,sryymd,syu_updkbn,zainum1,zainum2,zainum3,maxzainum,hospnum,hospcd)',
    ),
    "tbl_example.syu_updkbn: default none, recorded ' '::bpchar",
    'tbl_example.zainum2: NOT NULL is true, recorded false',
    'tbl_example.maxzainum: type integer, recorded numeric(8,0)',
  ]);
});

test('column order, primary key and indexes are compared', async () => {
  const reordered = { ...TABLE, columns: [TABLE.columns[1]!, TABLE.columns[0]!, ...TABLE.columns.slice(2)] };
  expect(await compareTable(client, reordered)).toEqual([expect.stringContaining('columns are (ptid,sryymd,')]);
  await client.query('CREATE INDEX idx_example_extra ON tbl_example (ptid)');
  expect(await compareTable(client, { ...TABLE, primaryKey: ['hospnum', 'ptid'] })).toEqual([
    'tbl_example: primary key (hospnum,ptid,sryymd), recorded (hospnum,ptid)',
    'tbl_example: indexes [idx_example_extra (ptid); idx_example_sryymd (hospnum,sryymd)], recorded [idx_example_sryymd (hospnum,sryymd)]',
  ]);
});
