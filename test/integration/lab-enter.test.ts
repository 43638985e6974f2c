import pg from 'pg';
import { readSequences } from '../../src/adapters/postgres/sequences-sql.js';
import { enterVisits, type EnterSummary } from '../../src/lab/orca/enter.js';
import { generateClinic } from '../../src/lab/orca/generator.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import {
  danglingZaiReferences,
  dayCountMismatches,
  issuedMaxima,
  rennumGaps,
  slipProblems,
  zaiWithoutCodes,
  zainumsAboveMax,
} from '../helpers/orca-invariants.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';

const CLINIC = {
  patients: 40,
  days: 30,
  seed: 'enter-test',
  institutionCode: '1312345678',
  clinicName: 'ラボ小児科内科',
  endDate: '20250120',
};
const ENTER = {
  visits: 10,
  newPatients: 2,
  seed: 'staff',
  date: '20250121',
  corrected: 1,
  renamed: true,
  registeredOnly: 1,
};

let cluster: TestCluster;
let db: pg.Client;
let twin: pg.Client;
let summary: EnterSummary;
let later: EnterSummary;

beforeAll(async () => {
  cluster = await startTestCluster();
  await createDatabase(cluster, 'orca_enter_test');
  db = await cluster.connect('orca_enter_test');
  await generateClinic(db, CLINIC);
  await db.query('CREATE DATABASE orca_enter_test_twin TEMPLATE orca_enter_test');
  twin = await cluster.connect('orca_enter_test_twin');
  summary = await enterVisits(db, ENTER);
  later = await enterVisits(db, { visits: 25, seed: 'staff', date: '20250124' });
});

afterAll(async () => {
  await Promise.all([db, twin].map((client) => client?.end()));
  await cluster?.stop();
});

test('raises the counters by exactly what it issued, one slip per visit', async () => {
  const { before, after } = summary.sequences;
  expect(summary.visits).toHaveLength(10);
  expect(after.outpatientSlip).toBe(before.outpatientSlip + 10);
  expect(after.patientId).toBe(before.patientId + 3);
  expect(after.patientSerial).toBe(before.patientSerial + 3);
  expect(after.inpatientSlip).toBe(before.inpatientSlip);
  const slips = summary.visits.map((v) => v.denpnum).sort((x, y) => x - y);
  expect(slips).toEqual(Array.from({ length: 10 }, (_, i) => before.outpatientSlip + i + 1));
  const now = await readSequences(db, '20250124');
  const issued = await issuedMaxima(db);
  expect(now.outpatientSlip).toBeGreaterThanOrEqual(issued.slip);
  expect(now.patientId).toBeGreaterThanOrEqual(issued.ptid);
  expect(now.patientSerial).toBeGreaterThanOrEqual(issued.serial);
});

test('new patients get the next numbers and one visit; a registered-only patient has none', async () => {
  const { before } = summary.sequences;
  const ptids = [...summary.newPatients, ...summary.registeredOnly].map((p) => p.ptid).sort((x, y) => x - y);
  expect(ptids).toEqual([before.patientId + 1, before.patientId + 2, before.patientId + 3]);
  for (const patient of summary.newPatients) {
    const visits = await db.query(`SELECT sryymd FROM tbl_jyurrk WHERE ptid = $1 AND sryymd <= '20250121'`, [
      patient.ptid,
    ]);
    expect(visits.rows).toEqual([{ sryymd: '20250121' }]);
    expect(summary.visits.filter((v) => v.ptid === patient.ptid && v.newPatient)).toHaveLength(1);
  }
  const [only] = summary.registeredOnly;
  const rows = await db.query(
    `SELECT (SELECT count(*)::int FROM tbl_jyurrk WHERE ptid = $1 AND sryymd <= '20250121') AS visits,
    (SELECT trim(ptnum) FROM tbl_ptnum WHERE ptid = $1) AS ptnum`,
    [only?.ptid],
  );
  expect(rows.rows[0]).toEqual({ visits: 0, ptnum: only?.patientNumber });
});

test('a corrected visit is re-inserted with kaikei_rennum + 1 under the same slip; the old rows are gone', async () => {
  expect(summary.corrected).toHaveLength(1);
  const [c] = summary.corrected;
  if (!c) throw new Error('no correction');
  expect(c.kaikeiRennumAfter).toBe(c.kaikeiRennumBefore + 1);
  const rows = await db.query(
    'SELECT kaikei_rennum, denpnum FROM tbl_jyurrk WHERE ptid = $1 AND sryka = $2 AND sryymd = $3 AND rennum = $4',
    [c.ptid, c.sryka, c.sryymd, c.rennum],
  );
  expect(rows.rows).toEqual([{ kaikei_rennum: c.kaikeiRennumAfter, denpnum: c.denpnum }]);
  const slip = await db.query('SELECT count(*)::int AS n FROM tbl_syunou_main WHERE ptid = $1 AND denpnum = $2', [
    c.ptid,
    c.denpnum,
  ]);
  expect(slip.rows[0].n).toBe(1);
  const visit = summary.visits.find((v) => v.denpnum === c.denpnum);
  const refs = await db.query(
    `SELECT z FROM tbl_jyurrk j, unnest(ARRAY[${Array.from({ length: 15 }, (_, i) => `zainum${i + 1}`).join(', ')}]) z
    WHERE j.ptid = $1 AND j.denpnum = $2 AND z <> 0`,
    [c.ptid, c.denpnum],
  );
  expect(refs.rows.map((r) => r.z)).toEqual(visit?.zainums);
  expect(visit?.kaikeiRennum).toBe(c.kaikeiRennumAfter);
});

test('a renamed patient has the new name in tbl_ptinf', async () => {
  const [r] = summary.renamed;
  if (!r) throw new Error('no rename');
  expect(r.after).not.toBe(r.before);
  const row = await db.query('SELECT name FROM tbl_ptinf WHERE ptid = $1', [r.ptid]);
  expect(row.rows[0].name).toBe(r.after);
});

test("keeps ORCA's rules: shared 剤 day counts, maxzainum, references, rennum, slips", async () => {
  expect(later.visits.some((v) => v.reusedZainums.length > 0)).toBe(true);
  expect(await dayCountMismatches(db)).toEqual([]);
  expect(await zainumsAboveMax(db)).toEqual([]);
  expect(await danglingZaiReferences(db)).toEqual([]);
  expect(await zaiWithoutCodes(db)).toEqual([]);
  expect(await rennumGaps(db)).toEqual([]);
  expect(await slipProblems(db)).toEqual([]);
});

test('the same seed on the same data enters the same visits', async () => {
  const again = await enterVisits(twin, ENTER);
  expect(again).toEqual(summary);
});
