/**
 * `lab enter` on a generated clinic: each case written the way ORCA's programs write it (the rule and its
 * source in each test name), ORCA's consistency afterwards, determinism, and ORCA's concurrency: counters
 * read without FOR UPDATE and written whole at REPEATABLE READ.
 */
import pg from 'pg';
import { readSequences } from '../../src/adapters/postgres/sequences-sql.js';
import { CHRONIC_MANAGEMENT } from '../../src/lab/orca/clinic-catalog.js';
import { orcaTransaction } from '../../src/lab/orca/book/orca-transaction.js';
import { applyChanges } from '../../src/lab/orca/book/sql-book.js';
import { registerPatient, saveVisit } from '../../src/lab/orca/enter-actions.js';
import { loadClinic } from '../../src/lab/orca/enter-load.js';
import { enterVisits, type EnterSummary } from '../../src/lab/orca/enter.js';
import { generateClinic } from '../../src/lab/orca/generator.js';
import { Rng } from '../../src/lab/orca/prng.js';
import { issueOutpatientSlip } from '../../src/lab/orca/save/counters.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { expectConsistent, issuedMaxima } from '../helpers/orca-invariants.js';
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
  secondDepartment: 1,
  secondInsurance: 1,
  manyZai: 1,
  sameZaiAgain: 1,
  admission: 1,
  insuranceChange: 1,
  diseaseEnd: 1,
  diseaseDelete: 1,
};

let cluster: TestCluster;
let db: pg.Client;
let twin: pg.Client;
let summary: EnterSummary;

beforeAll(async () => {
  cluster = await startTestCluster();
  await createDatabase(cluster, 'orca_enter_test');
  db = await cluster.connect('orca_enter_test');
  await generateClinic(db, CLINIC);
  await db.query('CREATE DATABASE orca_enter_test_twin TEMPLATE orca_enter_test');
  twin = await cluster.connect('orca_enter_test_twin');
  summary = await enterVisits(db, ENTER);
});

afterAll(async () => {
  await Promise.all([db, twin].map((client) => client?.end()));
  await cluster?.stop();
});

const caseVisits = (label: string) => summary.caseVisits.filter((v) => v.case === label);

test('counters rise by exactly what was issued: a slip per department and insurance, 0042 per admission', async () => {
  const { before, after } = summary.sequences;
  const slips = [...summary.visits, ...summary.caseVisits].map((v) => v.denpnum).sort((x, y) => x - y);
  expect(slips).toEqual(Array.from({ length: slips.length }, (_, i) => before.outpatientSlip + i + 1));
  expect(after.outpatientSlip).toBe(before.outpatientSlip + slips.length);
  expect(after.inpatientSlip).toBe(before.inpatientSlip + 1);
  expect(after.patientId).toBe(before.patientId + 3);
  expect(after.patientSerial).toBe(before.patientSerial + 3);
  const issued = await issuedMaxima(db);
  expect(issued.slip).toBe(after.outpatientSlip);
  expect(issued.ptid).toBe(after.patientId);
});

test("keeps ORCA's own consistency after every case (the checks of `lab check`)", async () => {
  await expectConsistent(db);
});

test('new patients get the next numbers and one visit; a registered-only patient has none', async () => {
  const { before } = summary.sequences;
  const ptids = [...summary.newPatients, ...summary.registeredOnly].map((p) => p.ptid).sort((x, y) => x - y);
  expect(ptids).toEqual([before.patientId + 1, before.patientId + 2, before.patientId + 3]);
  for (const patient of summary.newPatients) {
    expect(summary.visits.filter((v) => v.ptid === patient.ptid && v.newPatient).length).toBeGreaterThanOrEqual(1);
  }
  const [only] = summary.registeredOnly;
  const rows = await db.query(
    `SELECT (SELECT count(*)::int FROM tbl_jyurrk WHERE ptid = $1) AS visits, (SELECT trim(ptnum) FROM tbl_ptnum WHERE ptid = $1) AS ptnum`,
    [only?.ptid],
  );
  expect(rows.rows[0]).toEqual({ visits: 0, ptnum: only?.patientNumber });
});

test('訂正 (ORCSCGAIRAI 10011-TEISEI-SYORI1-SEC): same slip and rennum, kaikei_rennum + 1; 収納 rewritten, 明細 状態 8, 履歴 2', async () => {
  const [c] = summary.corrected;
  if (!c) throw new Error('no correction');
  expect(c.kaikeiRennum).toBe(c.kaikeiRennumBefore + 1);
  const rows = await db.query(
    'SELECT DISTINCT rennum, kaikei_rennum, denpnum FROM tbl_jyurrk WHERE ptid = $1 AND denpnum = $2',
    [c.ptid, c.denpnum],
  );
  expect(rows.rows).toEqual([{ rennum: c.rennum, kaikei_rennum: c.kaikeiRennum, denpnum: c.denpnum }]);
  const money = await db.query(
    `SELECT (SELECT count(*)::int FROM tbl_syunou_main WHERE ptid = $1 AND denpnum = $2) AS syunou,
            (SELECT array_agg(joutaikbn || ':' || denpedanum ORDER BY denpedanum) FROM tbl_syumei WHERE ptid = $1 AND denpnum = $2) AS syumei,
            (SELECT array_agg(syurrknum ORDER BY syurrknum) FROM tbl_syurrk WHERE ptid = $1 AND denpnum = $2) AS syurrk`,
    [c.ptid, c.denpnum],
  );
  expect(money.rows[0]).toEqual({ syunou: 1, syumei: ['1:1', '8:2'], syurrk: [1, 2] });
});

test('a second department in one save: own slips, 複数科まとめ (fuku_denpnum, tbl_syutotal, ORCSCGAIRAI 10041)', async () => {
  const [first, second] = caseVisits('second-department');
  if (!first || !second) throw new Error('no second department');
  expect(second.denpnum).toBe(first.denpnum + 1);
  const slips = await db.query(
    `SELECT denpnum, fuku_denpnum, trim(fuku_kbn) AS kbn, grp_denpnum, grp_rennum FROM tbl_syunou_main WHERE ptid = $1 AND denpnum = ANY($2) ORDER BY denpnum`,
    [first.ptid, [first.denpnum, second.denpnum]],
  );
  expect(slips.rows).toEqual([
    { denpnum: first.denpnum, fuku_denpnum: first.denpnum, kbn: '1', grp_denpnum: first.denpnum, grp_rennum: 1 },
    { denpnum: second.denpnum, fuku_denpnum: first.denpnum, kbn: '2', grp_denpnum: first.denpnum, grp_rennum: 2 },
  ]);
  const total = await db.query(
    `SELECT sryka, douji_sryka1, douji_sryka2 FROM tbl_syutotal WHERE ptid = $1 AND denpnum = $2`,
    [first.ptid, first.denpnum],
  );
  expect(total.rows).toEqual([{ sryka: '00', douji_sryka1: first.sryka, douji_sryka2: second.sryka }]);
});

test('one department under two insurances (a 公費 added): one rennum, douji_rennum 1 and 2 (ORCSCGAIRAI 1003-JYURRK-SYORI1)', async () => {
  const visits = caseVisits('second-insurance');
  expect(visits.map((v) => [v.sryka, v.doujiRennum])).toEqual([
    ['01', 1],
    ['01', 2],
  ]);
  expect(new Set(visits.map((v) => v.rennum)).size).toBe(1);
  expect(visits[0]?.hkncombinum).not.toBe(visits[1]?.hkncombinum);
  const kohi = await db.query(
    `SELECT n.kohid, n.autocombinum, c.koh1id FROM tbl_ptnum n JOIN tbl_hkncombi c ON c.ptid = n.ptid AND c.hkncombinum = $2 WHERE n.ptid = $1`,
    [visits[1]?.ptid, Number(visits[1]?.hkncombinum)],
  );
  expect(kohi.rows[0]).toEqual({ kohid: '1', autocombinum: Number(visits[1]?.hkncombinum), koh1id: '1' });
});

test('more than 15 剤: a second row with edanum 2, the same visit numbers (ORCSCGAIRAI 45001-JYURRK-SYORI2)', async () => {
  const [visit] = caseVisits('many-zai');
  if (!visit) throw new Error('no many-zai visit');
  const rows = await db.query(
    `SELECT edanum, rennum, douji_rennum, kaikei_rennum, num_nonnulls(NULLIF(zainum1,0), NULLIF(zainum2,0), NULLIF(zainum3,0), NULLIF(zainum4,0),
       NULLIF(zainum5,0), NULLIF(zainum6,0), NULLIF(zainum7,0), NULLIF(zainum8,0), NULLIF(zainum9,0), NULLIF(zainum10,0), NULLIF(zainum11,0),
       NULLIF(zainum12,0), NULLIF(zainum13,0), NULLIF(zainum14,0), NULLIF(zainum15,0)) AS used
       FROM tbl_jyurrk WHERE ptid = $1 AND denpnum = $2 ORDER BY edanum`,
    [visit.ptid, visit.denpnum],
  );
  expect(rows.rows.map((r) => [r.edanum, r.used])).toEqual([
    [1, 15],
    [2, new Set(visit.zainums).size - 15],
  ]);
  expect(new Set(rows.rows.map((r) => `${r.rennum}/${r.douji_rennum}/${r.kaikei_rennum}`)).size).toBe(1);
});

test('an identical 剤 again in the month keeps its zainum and raises the day count (ORCSCZAICHK)', async () => {
  const [visit] = caseVisits('same-zai-again');
  if (!visit) throw new Error('no same-zai-again visit');
  expect(visit.reusedZainums).toEqual(visit.zainums);
  const zainum = visit.zainums[0];
  const rows = await db.query(`SELECT zaikaisu, day_21 FROM tbl_sryacct_main WHERE ptid = $1 AND zainum = $2`, [
    visit.ptid,
    zainum,
  ]);
  expect(rows.rows[0].zaikaisu).toBeGreaterThan(rows.rows[0].day_21);
});

test('an admission: 入院履歴, inpatient visits with slip 0 for each day, one inpatient slip from 0042 (ORCSCNYUIN, ORCGI04)', async () => {
  const [stay] = summary.admissions;
  if (!stay) throw new Error('no admission');
  const rows = await db.query(
    `SELECT (SELECT rrknum FROM tbl_ptinf WHERE ptid = $1) AS ptinf_rrknum,
            (SELECT count(*)::int FROM tbl_ptnyuinrrk WHERE ptid = $1 AND rrknum = $2) AS history,
            (SELECT array_agg(sryymd || ':' || denpnum ORDER BY sryymd) FROM tbl_jyurrk WHERE ptid = $1 AND nyugaikbn = '1') AS days,
            (SELECT count(*)::int FROM tbl_syunou_main s JOIN tbl_syunou_nyuin n USING (hospnum, nyugaikbn, ptid, denpnum)
              WHERE s.ptid = $1 AND s.nyugaikbn = '1' AND s.denpnum = $3 AND n.nyuin_rrknum = $2) AS slip`,
    [stay.ptid, stay.rrknum, stay.denpnum],
  );
  expect(rows.rows[0]).toEqual({
    ptinf_rrknum: stay.rrknum,
    history: 1,
    days: ['20250121:0', '20250122:0', '20250123:0'],
    slip: 1,
  });
});

test('an insurance change: 保険ID and 組合せ from tbl_ptnum + 1, the old ones ended the day before (ORCGP02D, ORCGP02W3)', async () => {
  const [change] = summary.insuranceChanges;
  if (!change) throw new Error('no insurance change');
  const rows = await db.query(
    `SELECT n.hknid, n.autocombinum,
            (SELECT array_agg(hknid || ':' || tekedymd ORDER BY hknid) FROM tbl_pthkninf WHERE ptid = $1) AS insurances
       FROM tbl_ptnum n WHERE n.ptid = $1`,
    [change.ptid],
  );
  const { hknid, autocombinum, insurances } = rows.rows[0];
  expect(autocombinum).toBe(change.hkncombinum);
  expect(insurances[insurances.length - 1]).toBe(`${hknid}:99999999`);
  expect(insurances.slice(0, -1).every((i: string) => i.endsWith(':20250120') || !i.endsWith('99999999'))).toBe(true);
});

test('diseases ended (転帰 治ゆ) and soft-deleted (dltflg 1, dlt_opid) as ORCGC02 writes them', async () => {
  for (const d of summary.diseases) {
    const rows = await db.query(
      `SELECT trim(tenkikbn) AS tenkikbn, tenkiymd, trim(dltflg) AS dltflg, dlt_opid FROM tbl_ptbyomei WHERE ptid = $1 AND sryka = $2 AND sryymd = $3 AND rennum = $4`,
      [d.ptid, d.sryka, d.sryymd, d.rennum],
    );
    expect(rows.rows[0]).toEqual(
      d.outcome === 'ended'
        ? { tenkikbn: '1', tenkiymd: summary.date, dltflg: '', dlt_opid: '' }
        : { tenkikbn: '', tenkiymd: '', dltflg: '1', dlt_opid: 'ormaster' },
    );
  }
});

test('a renamed patient has the new name in tbl_ptinf', async () => {
  const [r] = summary.renamed;
  if (!r) throw new Error('no rename');
  expect(r.after).not.toBe(r.before);
  const row = await db.query('SELECT name FROM tbl_ptinf WHERE ptid = $1', [r.ptid]);
  expect(row.rows[0].name).toBe(r.after);
});

test('the same seed on the same data enters the same visits', async () => {
  const again = await enterVisits(twin, ENTER);
  expect(again).toEqual(summary);
});

test('registration skips a patient number already registered (ORCSP01 100-HAKKOU-SEC)', async () => {
  const before = await readSequences(db, '20250125');
  const taken = String(before.patientSerial + 1).padStart(6, '0');
  await db.query(`INSERT INTO tbl_ptnum (hospnum, ptid, ptnum) VALUES (1, 99999, $1)`, [taken]);
  const plan = await registerPatient(db, new Rng('skip'), '20250125', {
    opid: 'ormaster',
    ymd: '20250125',
    hms: '100000',
  });
  const after = await readSequences(db, '20250125');
  expect(plan.ptnum).toBe(String(before.patientSerial + 2).padStart(6, '0'));
  expect(after.patientSerial).toBe(before.patientSerial + 2);
  expect(after.patientId).toBe(before.patientId + 1);
  await db.query('DELETE FROM tbl_ptnum WHERE ptid = 99999');
});

test('two saves at once: the counter is read without a lock, so the later writer fails (40001) instead of reusing a slip', async () => {
  const other = await cluster.connect('orca_enter_test');
  try {
    const audit = { opid: 'ormaster', ymd: '20250125', hms: '110000' };
    const before = await readSequences(db, '20250125');
    const losing = orcaTransaction(other, async () => {
      const clinic = await loadClinic(other, '20250125');
      const slip = issueOutpatientSlip(clinic, '20250125', audit);
      const pairs = [{ hkncombinum: '0001', sryka: '01', drcd: '10001', rate: 30, zais: [CHRONIC_MANAGEMENT] }];
      await saveVisit(db, { ptid: 1, sryymd: '20250125', today: '20250125', termid: 'lab', pairs }, audit);
      await applyChanges(other, clinic);
      return slip;
    });
    await expect(losing).rejects.toMatchObject({ code: '40001' });
    expect((await readSequences(db, '20250125')).outpatientSlip).toBe(before.outpatientSlip + 1);
  } finally {
    await other.end();
  }
});
