/**
 * The generated clinic: deterministic, ORCA-consistent (the invariant checker of `lab check`), and shaped like
 * a clinic. The checker itself is shown to catch each kind of broken data on a copy.
 */
import pg from 'pg';
import { readSequences } from '../../src/adapters/postgres/sequences-sql.js';
import { RECORDED_TABLES } from '../../src/lab/orca/ddl/registry.js';
import { generateClinic, type ClinicSummary } from '../../src/lab/orca/generator.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { expectConsistent, failingChecks, issuedMaxima, tableHashes } from '../helpers/orca-invariants.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';

const TABLES = ['tbl_syskanri', 'tbl_sysbase', 'tbl_dbkanri', ...RECORDED_TABLES.map((t) => t.name)];
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

test("keeps ORCA's own consistency (every check of `lab check`)", async () => {
  await expectConsistent(a);
});

test('counters are at the last numbers issued; slips 1…n, one per department and insurance of a save', async () => {
  const sequences = await readSequences(a, OPTIONS.endDate);
  expect(sequences).toEqual(summary.sequences);
  const slips = await a.query(
    `SELECT min(denpnum)::int AS first, count(DISTINCT denpnum)::int AS n FROM tbl_jyurrk WHERE nyugaikbn = '2'`,
  );
  expect(slips.rows[0]).toEqual({ first: 1, n: summary.visits });
  expect(await issuedMaxima(a)).toEqual({ slip: summary.visits, ptid: OPTIONS.patients, serial: OPTIONS.patients });
});

test('identical 剤 of a month share one zainum: counted on several days, its codes stored once (ORCSCZAICHK)', async () => {
  const days = Array.from({ length: 31 }, (_, i) => `(day_${i + 1} > 0)::int`).join(' + ');
  const shared = await a.query(
    `SELECT m.ptid, m.zainum, (SELECT count(*)::int FROM tbl_sryact s WHERE s.ptid = m.ptid AND s.zainum = m.zainum) AS rows
       FROM tbl_sryacct_main m WHERE (${days}) >= 2`,
  );
  expect(shared.rowCount).toBeGreaterThan(0);
  for (const row of shared.rows) expect(row.rows).toBeGreaterThanOrEqual(1);
  const visitsOfShared = await a.query(
    `SELECT count(DISTINCT j.sryymd)::int AS n FROM tbl_jyurrk j
      WHERE j.ptid = $1 AND $2 IN (zainum1, zainum2, zainum3, zainum4, zainum5, zainum6, zainum7, zainum8)`,
    [shared.rows[0].ptid, shared.rows[0].zainum],
  );
  expect(visitsOfShared.rows[0].n).toBeGreaterThanOrEqual(2);
});

test('writes what the outpatient save writes: 収納, 明細, 履歴, 算定履歴, 診療科履歴, 受付 with 会計時間', async () => {
  const { rows } = await a.query(`SELECT
      (SELECT count(*) FROM tbl_syunou_main WHERE nyugaikbn = '2')::int AS syunou,
      (SELECT count(*) FROM tbl_syumei WHERE denpedanum = 1)::int AS syumei,
      (SELECT count(*) FROM tbl_syurrk WHERE syurrknum = 1)::int AS syurrk,
      (SELECT count(*) FROM tbl_santei)::int AS santei,
      (SELECT count(*) FROM tbl_srykarrk)::int AS srykarrk,
      (SELECT count(*) FROM tbl_uketuke WHERE ukeid > 0 AND kaikeitime > 0)::int AS stamped,
      (SELECT count(*) FROM tbl_uketuke WHERE ukeid = 0)::int AS days`);
  const r = rows[0];
  expect(r.syumei).toBe(r.syunou);
  expect(r.syurrk).toBe(r.syunou);
  expect(r.santei).toBeGreaterThan(0);
  expect(r.srykarrk).toBeGreaterThan(0);
  expect(r.stamped).toBeGreaterThan(0);
  expect(r.days).toBeGreaterThan(0);
});

test('rows have no NULL, as ORCA writes whole records (blank text, zero numbers)', async () => {
  for (const table of [
    'tbl_jyurrk',
    'tbl_sryact',
    'tbl_sryacct_main',
    'tbl_syunou_main',
    'tbl_ptinf',
    'tbl_hkncombi',
  ]) {
    const { rows } = await a.query(`SELECT count(*)::int AS n FROM ${table} t WHERE t IS NOT NULL = false`);
    expect({ table, nulls: rows[0].n }).toEqual({ table, nulls: 0 });
  }
});

test('looks like a clinic: Japanese names, several departments and doctors, insurance, diseases, a daily rate', async () => {
  const names = await a.query('SELECT name, kananame, sex FROM tbl_ptinf');
  for (const row of names.rows) {
    expect(row.name).toMatch(/^[\u3005\u3040-\u30ff\u4e00-\u9fff]+　[\u3005\u3040-\u30ff\u4e00-\u9fff]+$/u);
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

test("leaves rows in WebORCA's session tables for a restore to empty", async () => {
  const result = await a.query(
    `SELECT (SELECT count(*) FROM tbl_lock)::int AS locks, (SELECT count(*) FROM monbatch_log)::int AS logs`,
  );
  expect(result.rows[0]).toEqual({ locks: 1, logs: 1 });
});

test('refuses to generate into a database that already has patients', async () => {
  await expect(generateClinic(a, OPTIONS)).rejects.toMatchObject({ key: 'lab.data.notEmpty' });
});

test('the checker catches each kind of broken data (run on the copy)', async () => {
  expect(await failingChecks(b)).toEqual([]);
  const target = await b.query<{ ptid: string; zainum: number }>(
    `SELECT ptid, zainum FROM tbl_sryacct_main ORDER BY ptid, zainum LIMIT 1`,
  );
  const { ptid, zainum } = target.rows[0] as { ptid: string; zainum: number };
  await b.query('UPDATE tbl_sryacct_main SET day_31 = day_31 + 1 WHERE ptid = $1 AND zainum = $2', [ptid, zainum]);
  expect(await failingChecks(b)).toEqual(['day-counts-match-visits', 'zaikaisu-is-month-total']);
  await b.query('UPDATE tbl_sryacct_main SET day_31 = day_31 - 1 WHERE ptid = $1 AND zainum = $2', [ptid, zainum]);
  await b.query('UPDATE tbl_ptinf SET maxzainum = 0 WHERE ptid = $1', [ptid]);
  expect(await failingChecks(b)).toEqual(['maxzainum-covers-zainums']);
  await b.query(`UPDATE tbl_ptinf SET maxzainum = 99999 WHERE ptid = $1`, [ptid]);
  await b.query(
    'UPDATE tbl_jyurrk SET zainum15 = 99999 WHERE ctid = (SELECT ctid FROM tbl_jyurrk WHERE ptid = $1 LIMIT 1)',
    [ptid],
  );
  expect(await failingChecks(b)).toEqual(['visit-zai-exists', 'day-counts-match-visits']);
  await b.query('UPDATE tbl_jyurrk SET zainum15 = 0 WHERE ptid = $1', [ptid]);
  await b.query(`UPDATE tbl_syskanri SET kanritbl = '00000001' WHERE kanricd = '0041'`);
  expect(await failingChecks(b)).toEqual(['issued-within-counters']);
  await b.query(`DELETE FROM tbl_sryacct_main WHERE ptid = $1 AND zainum = $2`, [ptid, zainum]);
  expect(await failingChecks(b)).toContain('sryact-belongs-to-zai');
});
