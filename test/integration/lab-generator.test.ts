import pg from 'pg';
import { readSequences } from '../../src/adapters/postgres/sequences-sql.js';
import { generateClinic, type ClinicSummary } from '../../src/lab/orca/generator.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import {
  danglingZaiReferences,
  dayCountMismatches,
  issuedMaxima,
  rennumGaps,
  slipProblems,
  tableHashes,
  zaiWithoutCodes,
  zainumsAboveMax,
} from '../helpers/orca-invariants.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';

const TABLES = [
  'tbl_syskanri',
  'tbl_sysbase',
  'tbl_dbkanri',
  'tbl_ptinf',
  'tbl_ptnum',
  'tbl_pthkninf',
  'tbl_hkncombi',
  'tbl_jyurrk',
  'tbl_sryact',
  'tbl_sryacct_main',
  'tbl_sryacct_sub',
  'tbl_sryacctplus',
  'tbl_ptcom',
  'tbl_syunou_main',
  'tbl_srykarrk',
  'tbl_ptbyomei',
];
const OPTIONS = {
  patients: 80,
  days: 50,
  seed: 'lab-test',
  institutionCode: '1312345678',
  clinicName: 'ラボ内科クリニック',
  endDate: '20250210',
};

let cluster: TestCluster;
let a: pg.Client;
let b: pg.Client;
let other: pg.Client;
let summary: ClinicSummary;

beforeAll(async () => {
  cluster = await startTestCluster();
  for (const name of ['orca_gen_test_a', 'orca_gen_test_b', 'orca_gen_test_c']) await createDatabase(cluster, name);
  a = await cluster.connect('orca_gen_test_a');
  b = await cluster.connect('orca_gen_test_b');
  other = await cluster.connect('orca_gen_test_c');
  summary = await generateClinic(a, OPTIONS);
  await generateClinic(b, OPTIONS);
  await generateClinic(other, { ...OPTIONS, seed: 'another-seed' });
});

afterAll(async () => {
  await Promise.all([a, b, other].map((client) => client?.end()));
  await cluster?.stop();
});

test('the same seed gives identical rows in every table; another seed does not', async () => {
  const [hashA, hashB, hashOther] = await Promise.all([
    tableHashes(a, TABLES),
    tableHashes(b, TABLES),
    tableHashes(other, TABLES),
  ]);
  expect(hashB).toEqual(hashA);
  expect(hashOther.tbl_ptinf).not.toBe(hashA.tbl_ptinf);
  expect(hashOther.tbl_jyurrk).not.toBe(hashA.tbl_jyurrk);
});

test('counters are at least every issued slip, patient id and serial; slips start at 1', async () => {
  const sequences = await readSequences(a, OPTIONS.endDate);
  const issued = await issuedMaxima(a);
  expect(sequences).toEqual(summary.sequences);
  expect(sequences.outpatientSlip).toBeGreaterThanOrEqual(issued.slip);
  expect(sequences.patientId).toBeGreaterThanOrEqual(issued.ptid);
  expect(sequences.patientSerial).toBeGreaterThanOrEqual(issued.serial);
  const slips = await a.query('SELECT MIN(denpnum)::int AS first, COUNT(DISTINCT denpnum)::int AS n FROM tbl_jyurrk');
  expect(slips.rows[0]).toEqual({ first: 1, n: summary.visits });
  expect(issued).toEqual({ slip: summary.visits, ptid: OPTIONS.patients, serial: OPTIONS.patients });
});

test('identical 剤 in a month share one zainum whose day counts match the visits referencing it', async () => {
  expect(await dayCountMismatches(a)).toEqual([]);
  const shared = await a.query(`SELECT count(*)::int AS n FROM tbl_sryacct_main
    WHERE (${Array.from({ length: 31 }, (_, i) => `day_${i + 1}`).join(' + ')}) >= 2`);
  expect(shared.rows[0].n).toBeGreaterThan(0);
});

test('maxzainum covers every zainum; visit references point to 剤 of the same month', async () => {
  expect(await zainumsAboveMax(a)).toEqual([]);
  expect(await danglingZaiReferences(a)).toEqual([]);
  expect(await zaiWithoutCodes(a)).toEqual([]);
  expect(await rennumGaps(a)).toEqual([]);
  expect(await slipProblems(a)).toEqual([]);
});

test('looks like a clinic: Japanese names, several departments and doctors, insurance, diseases, a daily rate', async () => {
  const names = await a.query('SELECT name, kananame, sex, birthday FROM tbl_ptinf');
  for (const row of names.rows) {
    expect(row.name).toMatch(/^[\u3040-\u30ff\u4e00-\u9fff]+　[\u3040-\u30ff\u4e00-\u9fff]+$/u);
    expect(row.kananame).toMatch(/^[\u30a0-\u30ff]+ [\u30a0-\u30ff]+$/u);
    expect(['1', '2']).toContain(row.sex);
  }
  const spread = await a.query(`SELECT count(DISTINCT sryka)::int AS departments, count(DISTINCT drcd)::int AS doctors,
    count(DISTINCT sryymd)::int AS days FROM tbl_jyurrk`);
  expect(spread.rows[0].departments).toBeGreaterThanOrEqual(3);
  expect(spread.rows[0].doctors).toBeGreaterThanOrEqual(3);
  const perDay = summary.visits / spread.rows[0].days;
  expect(perDay).toBeGreaterThanOrEqual(2);
  expect(perDay).toBeLessThanOrEqual(60);
  const uninsured = await a.query(`SELECT count(*)::int AS n FROM tbl_ptinf p WHERE NOT EXISTS
    (SELECT 1 FROM tbl_hkncombi c JOIN tbl_pthkninf h ON h.ptid = c.ptid AND h.hknid = c.hknid WHERE c.ptid = p.ptid)`);
  expect(uninsured.rows[0].n).toBe(0);
  expect(summary.diseases).toBeGreaterThan(0);
  const system = await a.query(
    `SELECT s.hospname, substr(k.kanritbl, 1, 10) AS code, d.version FROM tbl_sysbase s, tbl_dbkanri d, tbl_syskanri k
      WHERE d.kanricd = 'ORCADB00' AND k.kanricd = '1001' AND k.hospnum = s.hospnum`,
  );
  expect(system.rows).toEqual([
    { hospname: OPTIONS.clinicName, code: OPTIONS.institutionCode, version: expect.any(String) },
  ]);
});

test('the schema has the real repeated column sets', async () => {
  const columns = await a.query<{ table_name: string; n: number }>(`
    SELECT table_name, count(*)::int AS n FROM information_schema.columns
     WHERE table_schema = 'public' AND (
       (table_name = 'tbl_jyurrk' AND (column_name ~ '^srykbn([1-9]|1[01])$' OR column_name ~ '^zainum([1-9]|1[0-5])$'))
       OR (table_name = 'tbl_sryacct_main' AND column_name ~ '^day_([1-9]|[12][0-9]|3[01])$')
       OR (table_name = 'tbl_sryact' AND column_name ~ '^(srycd|srysuryo|srykaisu|meiskyflg|autokbn|inputnum|jihimoney|kansuryo)[1-5]$')
       OR (table_name = 'tbl_ptbyomei' AND column_name ~ '^(byomeicd_([1-9]|1[0-9]|2[01])|byomeiinputcd_[1-6])$'))
     GROUP BY table_name ORDER BY table_name`);
  expect(columns.rows).toEqual([
    { table_name: 'tbl_jyurrk', n: 26 },
    { table_name: 'tbl_ptbyomei', n: 27 },
    { table_name: 'tbl_sryacct_main', n: 31 },
    { table_name: 'tbl_sryact', n: 40 },
  ]);
});

test("leaves rows in WebORCA's session tables for a restore to empty", async () => {
  const result = await a.query(
    `SELECT (SELECT count(*) FROM tbl_lock)::int AS locks, (SELECT count(*) FROM monbatch_log)::int AS logs`,
  );
  expect(result.rows[0]).toEqual({ locks: 1, logs: 1 });
});

test('refuses to generate into a database that already has patients', async () => {
  await expect(generateClinic(a, OPTIONS)).rejects.toMatchObject({ key: 'lab.data.notEmpty' });
});

test('the rule checks catch broken data (run on the copy)', async () => {
  const target = await b.query<{ ptid: string; zainum: number }>(
    `SELECT ptid, zainum FROM tbl_sryacct_main ORDER BY ptid, zainum LIMIT 1`,
  );
  const { ptid, zainum } = target.rows[0] as { ptid: string; zainum: number };
  await b.query('UPDATE tbl_sryacct_main SET day_31 = day_31 + 1 WHERE ptid = $1 AND zainum = $2', [ptid, zainum]);
  expect(await dayCountMismatches(b)).not.toEqual([]);
  await b.query('UPDATE tbl_ptinf SET maxzainum = 0 WHERE ptid = $1', [ptid]);
  expect(await zainumsAboveMax(b)).not.toEqual([]);
  await b.query('UPDATE tbl_jyurrk SET zainum15 = 99999 WHERE ptid = $1', [ptid]);
  expect(await danglingZaiReferences(b)).not.toEqual([]);
  await b.query(`UPDATE tbl_syskanri SET kanritbl = '00000001' WHERE kanricd = '0041'`);
  expect((await readSequences(b, OPTIONS.endDate)).outpatientSlip).toBeLessThan((await issuedMaxima(b)).slip);
});
