/**
 * `bump-seq`'s write against ORCA's own way of numbering, on a real cluster: ORCA reads a counter row
 * without a lock and writes the whole row back at REPEATABLE READ (panda `PgInitConnect`). A bump that
 * commits between such a read and its write makes the ORCA-style writer fail — it never silently undoes the
 * bump — and a bump that meets ORCA's uncommitted write waits for it and keeps ORCA's number. A row lock
 * held longer than the lock timeout ends in exit 7 naming the holder. The hospnum comes from tbl_sysbase.
 */
import type pg from 'pg';
import { connectDatabase } from '../../src/adapters/postgres/connect.js';
import { bumpSequencesSql, readSequences } from '../../src/adapters/postgres/sequences-sql.js';
import type { DatabaseConfig } from '../../src/core/config-schema.js';
import { ExitCode } from '../../src/core/errors.js';
import { orcaSchemaStatements } from '../../src/lab/orca/schema.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';
import { dbConfig } from '../helpers/restore-world.js';

const DB = 'orca_bump_race_test';
const TODAY = '20260906';
/** 標準構成, 連番のみ, 6-digit serial: RENNUM may reach 999,999. */
const row1009 = (rennum: number, ptid: number): string =>
  '200042006' + '0000000' + '2024' + String(rennum).padStart(10, '0') + String(ptid).padStart(10, '0') + '01';

let cluster: TestCluster;
let admin: pg.Client;
let db: DatabaseConfig;

async function seed(hospnum = 1): Promise<void> {
  await admin.query('DELETE FROM tbl_syskanri');
  await admin.query('DELETE FROM tbl_sysbase');
  await admin.query(`INSERT INTO tbl_sysbase (grpnum, hospnum, hospname) VALUES (1, $1, 'test')`, [hospnum]);
  for (const [kanricd, kanritbl] of [
    ['0041', '00000060'],
    ['0042', '00000020'],
    ['1009', row1009(110, 110)],
  ]) {
    await admin.query(
      `INSERT INTO tbl_syskanri (hospnum, kanricd, kbncd, styukymd, edyukymd, kanritbl) VALUES ($1, $2, '*', '00000000', '99999999', $3)`,
      [hospnum, kanricd, kanritbl],
    );
  }
}

/** A session as ORCA's middleware opens it: REPEATABLE READ, no FOR UPDATE. */
async function orcaSession(): Promise<pg.Client> {
  const client = await cluster.connect(DB);
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  return client;
}

/** ORCA's slip numbering: read 0041 (no lock), +1, write the whole row back by its key. */
async function orcaReadSlip(session: pg.Client): Promise<string> {
  const { rows } = await session.query<{ kanritbl: string }>(
    `SELECT kanritbl FROM tbl_syskanri WHERE hospnum = 1 AND kanricd = '0041' AND kbncd = '*'`,
  );
  return rows[0]!.kanritbl;
}
async function orcaWriteSlip(session: pg.Client, read: string): Promise<void> {
  const next = String(Number(read.slice(0, 8)) + 1).padStart(8, '0') + read.slice(8);
  await session.query(
    `UPDATE tbl_syskanri SET kanricd = '0041', kbncd = '*', styukymd = '00000000', edyukymd = '99999999', kanritbl = $1
      WHERE hospnum = 1 AND kanricd = '0041' AND kbncd = '*' AND styukymd = '00000000' AND edyukymd = '99999999'`,
    [next],
  );
}

async function bump(atLeast: Parameters<typeof bumpSequencesSql>[1], lockTimeoutMs = 5_000) {
  const client = await connectDatabase(db, { env: 'localEmergency' });
  try {
    return await bumpSequencesSql(client, atLeast, { today: TODAY, env: 'localEmergency', lockTimeoutMs });
  } finally {
    await client.end();
  }
}

async function current() {
  const client = await connectDatabase(db, { env: 'localEmergency' });
  try {
    return await readSequences(client, TODAY);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  cluster = await startTestCluster();
  await createDatabase(cluster, DB);
  admin = await cluster.connect(DB);
  for (const statement of orcaSchemaStatements()) await admin.query(statement);
  db = dbConfig(cluster, DB);
});

afterAll(async () => {
  await admin?.end();
  await cluster?.stop();
});

beforeEach(() => seed());

test('a bump committed between an ORCA read and its write makes ORCA fail instead of undoing the bump', async () => {
  const orca = await orcaSession();
  try {
    const read = await orcaReadSlip(orca); // ORCA has read 60 and will write 61
    const written = await bump({ outpatientSlip: 1000 });
    expect(written.after.outpatientSlip).toBe(1000); // read back after the commit
    const failure = await orcaWriteSlip(orca, read).catch((error: { code?: string }) => error);
    expect(failure).toMatchObject({ code: '40001' }); // could not serialize access due to concurrent update
  } finally {
    await orca.query('ROLLBACK').catch(() => undefined);
    await orca.end();
  }
  expect((await current()).outpatientSlip).toBe(1000);
});

test("a bump that meets ORCA's uncommitted write waits for it and keeps ORCA's number", async () => {
  const orca = await orcaSession();
  try {
    await orcaWriteSlip(orca, await orcaReadSlip(orca)); // 61, the row locked until COMMIT
    const waiting = bump({ outpatientSlip: 61, patientSerial: 500 });
    await untilWaitingOnALock();
    await orca.query('COMMIT');
    const result = await waiting;
    expect(result.before.outpatientSlip).toBe(61); // read after ORCA's commit, never the older 60
    expect(result.after).toMatchObject({ outpatientSlip: 61, patientSerial: 500 });
  } finally {
    await orca.end();
  }
});

/** Polls until some session of the test database waits on a lock (the bump's SELECT … FOR UPDATE). */
async function untilWaitingOnALock(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await admin.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
      [DB],
    );
    if (rows.length > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('no session ever waited on a lock');
}

test('a row lock held past the lock timeout ends in exit 7 naming the holder, with nothing written', async () => {
  const holder = await cluster.connect(DB);
  try {
    await holder.query(`SET application_name = 'ORCA K03'`);
    await holder.query('BEGIN');
    await holder.query(`UPDATE tbl_syskanri SET upymd = '20260906' WHERE kanricd = '1009'`);
    const error = await bump({ patientId: 500 }, 300).catch((e: unknown) => e);
    expect(error).toMatchObject({
      exitCode: ExitCode.locked,
      key: 'sequences.rowsLocked',
      params: { holders: expect.stringContaining('ORCA K03') },
    });
  } finally {
    await holder.query('ROLLBACK');
    await holder.end();
  }
  expect((await current()).patientId).toBe(110);
});

test('the width guards hold in the locked transaction too: 7-digit slips, 6-digit patient serial', async () => {
  expect(await bump({ outpatientSlip: 10_000_000 }).catch((e) => e)).toMatchObject({ key: 'sequences.pastLimit' });
  expect(await bump({ patientSerial: 1_000_000 }).catch((e) => e)).toMatchObject({ key: 'sequences.wouldWrap' });
  expect((await bump({ outpatientSlip: 9_999_999, patientSerial: 999_999 })).after).toMatchObject({
    outpatientSlip: 9_999_999,
    patientSerial: 999_999,
  });
});

test('the counters are those of the clinic tbl_sysbase names; several clinics are refused', async () => {
  await seed(3);
  expect((await bump({ outpatientSlip: 70 })).after.outpatientSlip).toBe(70);
  await admin.query(`INSERT INTO tbl_sysbase (grpnum, hospnum, hospname) VALUES (2, 4, 'other')`);
  expect(await bump({ outpatientSlip: 80 }).catch((e) => e)).toMatchObject({
    key: 'sequences.severalClinics',
    exitCode: ExitCode.refused,
    params: { hospnums: '3, 4' },
  });
});
