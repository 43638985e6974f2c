/**
 * 管理連番 over SQL against a real PostgreSQL cluster with the lab's ORCA schema: read, raise, never lower,
 * dry run, two concurrent bumps, short kanritbl rows; connection failures typed.
 */
import { chownSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { connectDatabase, type PgClient } from '../../src/adapters/postgres/connect.js';
import { dumpDatabase } from '../../src/adapters/postgres/dump-tool.js';
import { PostgresEnvironmentControl } from '../../src/adapters/postgres/environment-control.js';
import { bumpSequencesSql, readSequences } from '../../src/adapters/postgres/sequences-sql.js';
import type { DatabaseConfig } from '../../src/core/config-schema.js';
import type { Sequences } from '../../src/core/domain.js';
import { AuthError, ExitCode, GuardError, TlsVerificationError, UnreachableError } from '../../src/core/errors.js';
import { planBump } from '../../src/core/sequences.js';
import { orcaSchemaStatements } from '../../src/lab/orca/schema.js';
import { runProcess } from '../../src/adapters/process/run.js';
import { createLabPki, createOtherCa } from '../../src/lab/pki.js';
import { createDatabase, findFreePort } from '../../src/lab/postgres/cluster.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';
import { dbConfig } from '../helpers/restore-world.js';
import { translator } from '../../src/ui/i18n.js';

const DB = 'orca_seq_test';
const TODAY = '20260906';
const row1009 = (rennum: number, ptid: number): string =>
  '200042006' + '0000000' + '2024' + String(rennum).padStart(10, '0') + String(ptid).padStart(10, '0') + '01';
const seq = (o: number, i: number, r: number, p = r): Sequences => ({
  outpatientSlip: o,
  inpatientSlip: i,
  patientSerial: r,
  patientId: p,
});

let cluster: TestCluster;
let admin: pg.Client;
let db: DatabaseConfig;

async function seedCounters(k0041: string | null, k0042: string | null, k1009: string | null): Promise<void> {
  await admin.query('DELETE FROM tbl_syskanri');
  const rows: [string, string | null][] = [
    ['0041', k0041],
    ['0042', k0042],
    ['1009', k1009],
  ];
  for (const [kanricd, kanritbl] of rows) {
    await admin.query(
      `INSERT INTO tbl_syskanri (hospnum, kanricd, kbncd, styukymd, edyukymd, kanritbl) VALUES (1, $1, '*', '00000000', '99999999', $2)`,
      [kanricd, kanritbl],
    );
  }
}

async function kanritbl(kanricd: string): Promise<string | null> {
  const result = await admin.query<{ kanritbl: string | null }>(
    `SELECT kanritbl FROM tbl_syskanri WHERE kanricd = $1`,
    [kanricd],
  );
  return result.rows[0]!.kanritbl;
}

async function withClient<T>(fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = await connectDatabase(db, { env: 'localEmergency' });
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  cluster = await startTestCluster();
  await createDatabase(cluster, DB);
  admin = await cluster.connect(DB);
  for (const statement of orcaSchemaStatements()) await admin.query(statement);
  // The counters belong to the database's one clinic (tbl_sysbase); never a constant hospnum.
  await admin.query(`INSERT INTO tbl_sysbase (grpnum, hospnum, hospname) VALUES (1, 1, 'test')`);
  db = dbConfig(cluster, DB);
});

afterAll(async () => {
  await admin?.end();
  await cluster?.stop();
});

test('reads the counters, including a short 0042 row of 8 characters', async () => {
  await seedCounters('00000060' + ' '.repeat(30) + 'FILL', '00000020', row1009(110, 111));
  expect(await withClient((c) => readSequences(c, TODAY))).toEqual(seq(60, 20, 110, 111));
});

test('raises to at least the values asked for, never lowers, and keeps the other characters', async () => {
  await seedCounters('00000060' + ' '.repeat(30) + 'FILL', '00000020', row1009(110, 111));
  const result = await withClient((c) =>
    bumpSequencesSql(c, { outpatientSlip: 50, inpatientSlip: 25, patientSerial: 200 }, { today: TODAY }),
  );
  expect(result.before).toEqual(seq(60, 20, 110, 111));
  expect(result.after).toEqual(seq(60, 25, 200, 111));
  expect(await kanritbl('0041')).toBe('00000060' + ' '.repeat(30) + 'FILL');
  expect(await kanritbl('0042')).toBe('00000025');
  expect(await kanritbl('1009')).toBe(row1009(200, 111));
  const stamp = await admin.query<{ upymd: string | null }>(`SELECT upymd FROM tbl_syskanri WHERE kanricd = '0042'`);
  expect(stamp.rows[0]!.upymd).toMatch(/^\d{8}$/);
  const untouched = await admin.query<{ upymd: string | null }>(
    `SELECT upymd FROM tbl_syskanri WHERE kanricd = '0041'`,
  );
  expect(untouched.rows[0]!.upymd).toBeNull();
});

test('pads a short or NULL row before splicing', async () => {
  await seedCounters('7', null, '2000042006');
  const result = await withClient((c) => bumpSequencesSql(c, seq(8, 9, 10, 11), { today: TODAY }));
  expect(result.before).toEqual(seq(7, 0, 0, 0));
  expect(await kanritbl('0041')).toBe('00000008');
  expect(await kanritbl('0042')).toBe('00000009');
  expect(await kanritbl('1009')).toBe('2000042006' + ' '.repeat(10) + '0000000010' + '0000000011');
});

test('a dry run computes the result and changes nothing', async () => {
  await seedCounters('00000060', '00000020', row1009(110, 110));
  const result = await withClient((c) => bumpSequencesSql(c, seq(70, 70, 120), { today: TODAY, dryRun: true }));
  expect(result.after).toEqual(seq(70, 70, 120));
  expect(await withClient((c) => readSequences(c, TODAY))).toEqual(seq(60, 20, 110));
  expect(await kanritbl('0041')).toBe('00000060');
});

test('two concurrent bumps serialise: the final value is the larger request', async () => {
  await seedCounters('00000010', '00000010', row1009(10, 10));
  const a = await connectDatabase(db);
  const b = await connectDatabase(db);
  try {
    // Hold the row lock in a third session so both bumps queue up behind it, then release it.
    const blocker = await cluster.connect(DB);
    await blocker.query('BEGIN');
    await blocker.query(`SELECT 1 FROM tbl_syskanri FOR UPDATE`);
    const first = bumpSequencesSql(a, seq(500, 20, 30), { today: TODAY });
    const second = bumpSequencesSql(b, seq(40, 600, 700, 5), { today: TODAY });
    await waitForLockWaiters(2);
    await blocker.query('COMMIT');
    await blocker.end();
    const results = await Promise.all([first, second]);
    const firstWasEarlier = results[0].before.outpatientSlip === 10 && results[0].before.inpatientSlip === 10;
    const later = firstWasEarlier ? results[1] : results[0];
    expect((firstWasEarlier ? results[0] : results[1]).before).toEqual(seq(10, 10, 10));
    // The later bump read the earlier one's commit, never the older values.
    expect(later.before).toEqual(firstWasEarlier ? seq(500, 20, 30) : seq(40, 600, 700, 10));
  } finally {
    await a.end();
    await b.end();
  }
  expect(await withClient((c) => readSequences(c, TODAY))).toEqual(seq(500, 600, 700, 30));
});

async function waitForLockWaiters(count: number): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const r = await admin.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
      [DB],
    );
    if (Number(r.rows[0]!.n) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('bumps never waited for the row lock');
}

test('reproduces the manual worked example through two databases', async () => {
  const emergencyDb = 'orca_seq_emergency_test';
  await createDatabase(cluster, emergencyDb);
  const emergencyAdmin = await cluster.connect(emergencyDb);
  try {
    for (const statement of orcaSchemaStatements().filter((s) => /tbl_sys(kanri|base)/.test(s)))
      await emergencyAdmin.query(statement);
    await emergencyAdmin.query(`INSERT INTO tbl_sysbase (grpnum, hospnum, hospname) VALUES (1, 1, 'test')`);
    await seedCounters('00000060', '00000020', row1009(110, 110)); // operating after the backup
    for (const [code, text] of [
      ['0041', '00000050'],
      ['0042', '00000010'],
      ['1009', row1009(100, 100)],
    ]) {
      await emergencyAdmin.query(
        `INSERT INTO tbl_syskanri (hospnum, kanricd, kbncd, styukymd, edyukymd, kanritbl) VALUES (1, $1, '*', '00000000', '99999999', $2)`,
        [code, text],
      );
    }
    const operating = new PostgresEnvironmentControl('operating', db, { today: () => TODAY });
    const emergency = new PostgresEnvironmentControl(
      'localEmergency',
      { ...db, database: emergencyDb },
      { today: () => TODAY },
    );
    const bumpedEmergency = await emergency.bumpSequences(
      planBump(await emergency.readSequences(), await operating.readSequences(), 0).after,
      'r1',
    );
    expect(bumpedEmergency.after).toEqual(seq(60, 20, 110));
    await emergency.bumpSequences(seq(70, 70, 120), 'r2'); // numbers issued during the outage
    const bumpedOperating = await operating.bumpSequences(
      planBump(await operating.readSequences(), await emergency.readSequences(), 0).after,
      'r3',
    );
    expect(bumpedOperating.after).toEqual(seq(70, 70, 120));
    expect(await operating.readMode()).toBeNull();
  } finally {
    await emergencyAdmin.end();
  }
});

test('missing counter rows are a clear GuardError naming the environment', async () => {
  await admin.query(`DELETE FROM tbl_syskanri WHERE kanricd = '0042'`);
  const error = await withClient((c) => readSequences(c, TODAY, { env: 'localEmergency' })).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(GuardError);
  expect((error as GuardError).params).toMatchObject({ missing: '0042', env: 'localEmergency' });
  // Rows outside their validity period do not count.
  await seedCounters('1', '2', row1009(3, 4));
  await admin.query(`UPDATE tbl_syskanri SET edyukymd = '20200101' WHERE kanricd = '1009'`);
  await expect(withClient((c) => bumpSequencesSql(c, seq(5, 5, 5), { today: TODAY }))).rejects.toBeInstanceOf(
    GuardError,
  );
  expect(await kanritbl('0041')).toBe('1');
});

test('a wrong password is an AuthError (exit 4) without the password in it', async () => {
  const wrong = 'not-the-password-' + 'x9';
  const error = await connectDatabase({ ...db, password: wrong }, { env: 'operating' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthError);
  expect((error as AuthError).exitCode).toBe(ExitCode.auth);
  expect(
    JSON.stringify({ m: (error as Error).message, p: (error as AuthError).params, d: (error as AuthError).details }),
  ).not.toContain(wrong);
  expect(String((error as Error).message)).not.toContain(cluster.password);
});

test('a refused port is an UnreachableError (exit 3) naming the environment', async () => {
  const port = await findFreePort();
  const error = await connectDatabase({ ...db, port }, { env: 'localEmergency' }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnreachableError);
  expect((error as UnreachableError).exitCode).toBe(ExitCode.unreachable);
  expect((error as UnreachableError).params).toMatchObject({ env: 'localEmergency', port, reason: 'ECONNREFUSED' });
  expect((error as Error).message).not.toContain(cluster.password);
});

describe('TLS (sslmode)', () => {
  let caFile: string;
  let otherCaFile: string;

  beforeAll(async () => {
    const pki = createLabPki({ hosts: ['localhost'] });
    const other = createOtherCa({ hosts: ['localhost'] });
    const dataDir = join(cluster.dir, 'data');
    const owner =
      process.getuid?.() === 0 ? Number((await runProcess('id', ['-u', 'postgres'])).stdout.trim()) : undefined;
    for (const [name, text] of [
      ['server.crt', pki.serverCertPem],
      ['server.key', pki.serverKeyPem],
    ] as const) {
      writeFileSync(join(dataDir, name), text, { mode: 0o600 });
      if (owner !== undefined) chownSync(join(dataDir, name), owner, owner);
    }
    caFile = join(cluster.dir, '..', 'ca.crt');
    otherCaFile = join(cluster.dir, '..', 'other-ca.crt');
    writeFileSync(caFile, pki.caCertPem);
    writeFileSync(otherCaFile, other.caCertPem);
    await admin.query('ALTER SYSTEM SET ssl = on');
    await admin.query('SELECT pg_reload_conf()');
    await waitForSsl();
  });

  async function waitForSsl(): Promise<void> {
    for (let i = 0; i < 100; i += 1) {
      const r = await admin.query<{ ssl: string }>('SHOW ssl');
      if (r.rows[0]!.ssl === 'on') return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('ssl never came on');
  }

  async function sslInUse(config: DatabaseConfig): Promise<boolean> {
    const client = await connectDatabase(config, { env: 'operating' });
    try {
      const r = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
      return r.rows[0]!.ssl;
    } finally {
      await client.end();
    }
  }

  test('verify-full with the right CA and host name connects encrypted', async () => {
    expect(await sslInUse({ ...db, host: 'localhost', sslmode: 'verify-full', caFile })).toBe(true);
    expect(await sslInUse({ ...db, sslmode: 'require' })).toBe(true);
  });

  test('verify-full refuses a host name not in the certificate and a certificate from another CA: exit 6', async () => {
    await expect(
      connectDatabase({ ...db, host: '127.0.0.1', sslmode: 'verify-full', caFile }, { env: 'operating' }),
    ).rejects.toMatchObject({ key: 'postgres.tls.untrustedCaFile', code: 'TLS_VERIFICATION', exitCode: 6 });
    const other = await connectDatabase(
      { ...db, host: 'localhost', sslmode: 'verify-full', caFile: otherCaFile },
      { env: 'operating' },
    ).then(
      () => null,
      (error: unknown) => error as TlsVerificationError,
    );
    expect(other).toBeInstanceOf(TlsVerificationError);
    if (other === null) return;
    expect(translator('en')(other.key, other.params)).toContain(`the one in ${otherCaFile} (database.caFile)`);
    await expect(
      connectDatabase({ ...db, host: 'localhost', sslmode: 'verify-full' }, { env: 'operating' }),
    ).rejects.toMatchObject({ key: 'postgres.tls.untrustedSystem', code: 'TLS_VERIFICATION' });
  });

  test('pg_dump meeting a certificate from another CA: TLS_VERIFICATION naming database.caFile, no dump left', async () => {
    const file = join(cluster.dir, '..', 'tls-refused.dump');
    const error = await dumpDatabase({ ...db, host: 'localhost', sslmode: 'verify-full', caFile: otherCaFile }, file, {
      env: 'localEmergency',
    }).then(
      () => null,
      (e: unknown) => e as TlsVerificationError,
    );
    expect(error).toBeInstanceOf(TlsVerificationError);
    if (error === null) return;
    expect(error.key).toBe('postgres.tls.untrustedCaFile');
    expect(translator('en')(error.key, error.params)).toContain(otherCaFile);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  test('pg_dump without database.caFile trusts the default store, as the tool does: refused by it, accepted through NODE_EXTRA_CA_CERTS', async () => {
    const refused = join(cluster.dir, '..', 'tls-default-refused.dump');
    const error = await dumpDatabase({ ...db, host: 'localhost', sslmode: 'verify-full' }, refused, {
      env: 'localEmergency',
    }).then(
      () => null,
      (e: unknown) => e as TlsVerificationError,
    );
    // Not libpq's "root certificate file ~/.postgresql/root.crt does not exist": the server was asked.
    expect(error).toBeInstanceOf(TlsVerificationError);
    expect(error?.key).toBe('postgres.tls.untrustedSystem');
    const saved = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = caFile;
    try {
      const accepted = join(cluster.dir, '..', 'tls-default-accepted.dump');
      const result = await dumpDatabase({ ...db, host: 'localhost', sslmode: 'verify-full' }, accepted, {
        env: 'localEmergency',
      });
      expect(result.bytes).toBeGreaterThan(0);
    } finally {
      if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = saved;
    }
  });

  test('an unreadable CA file is a ConfigError', async () => {
    await expect(
      connectDatabase({ ...db, sslmode: 'verify-full', caFile: '/nonexistent/ca.crt' }),
    ).rejects.toMatchObject({ key: 'postgres.caUnreadable' });
  });
});
