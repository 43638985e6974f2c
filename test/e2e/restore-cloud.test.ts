/**
 * `restore` into a cloud environment through the built binary, against the lab's reference server
 * (mutual TLS, real PostgreSQL): the job's success, failure and "still running" paths, the re-run that
 * finds the same job, and the safety export downloaded into the catalog before a forced restore.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { Sequences } from '../../src/core/domain.js';
import { bumpSequencesSql, readSequences } from '../../src/adapters/postgres/sequences-sql.js';
import { writeLabPki } from '../../src/lab/pki.js';
import { BIN } from '../helpers/cli.js';
import { startCloudFixture, type CloudFixture } from '../helpers/lab-cloud.js';
import { createWorld, dbConfig, type RestoreWorld } from '../helpers/restore-world.js';

let f: CloudFixture;
let world: RestoreWorld;
let pkiDir: string;
let backed: Sequences;
const BACKUP = '20260401T000000Z-operating';

async function withDb<T>(
  fn: (client: Awaited<ReturnType<CloudFixture['cluster']['connect']>>) => Promise<T>,
  database = f.db.database,
): Promise<T> {
  const client = await f.cluster.connect(database);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
const counters = (): Promise<Sequences> => withDb((c) => readSequences(c));
const plus = (s: Sequences, n: number): Sequences => ({
  outpatientSlip: s.outpatientSlip + n,
  inpatientSlip: s.inpatientSlip + n,
  patientSerial: s.patientSerial + n,
  patientId: s.patientId + n,
});

beforeAll(async () => {
  f = await startCloudFixture('rcloud', { env: 'cloudEmergency' });
  pkiDir = await mkdtemp(join(tmpdir(), 'orca-restore-pki-'));
  const files = await writeLabPki(pkiDir, f.pki);
  world = await createWorld({
    operating: dbConfig(f.cluster, f.db.database),
    localEmergency: { ...dbConfig(f.cluster, 'orca_unused_test') },
    cloudEmergency: {
      url: f.server.url,
      user: f.auth.user,
      apiKey: f.auth.password,
      certFile: files.clientCert,
      keyFile: files.clientKey,
      caFile: files.caCert,
    },
  });
  await world.writeState({ selectedEmergency: 'cloud' });
  backed = await counters();
  await world.catalog('operating', f.db, BACKUP);
});

/**
 * Every test starts in normal mode with the cloud selected. The restore points stay: they record what the
 * environment really holds, and a restore's job request follows from them.
 */
afterEach(async () => {
  await world.writeState({ ...(await world.readState()), mode: 'normal', selectedEmergency: 'cloud' });
});

afterAll(async () => {
  await world?.cleanup();
  await f?.stop();
  if (pkiDir) await rm(pkiDir, { recursive: true, force: true });
});

describe('restore into a cloud environment', () => {
  it('uploads the dump, runs the restore job to success and records the restore point', async () => {
    await withDb((c) => bumpSequencesSql(c, plus(backed, 5)));
    const run = await world.run(['restore', '--yes', '--json']);
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining('Restore job running on the environment')]);
    expect(JSON.parse(run.stdout)).toMatchObject({
      target: 'cloudEmergency',
      backupId: BACKUP,
      safetyBackupId: null,
      sequences: backed,
    });
    expect(await counters()).toEqual(backed);
    expect(await f.server.store.get(BACKUP)).toMatchObject({ id: BACKUP });
    expect((await world.readState()).restorePoints).toMatchObject({ cloudEmergency: { backupId: BACKUP } });
  });

  it('reports a failed job with exit 3 and leaves the restore point as it was', async () => {
    const content = f.server.store.contentPath(BACKUP);
    const original = await readFile(content);
    const handle = await open(content, 'r+');
    await handle.write(Buffer.alloc(256, 0x55), 0, 256, Math.floor(original.length * 0.6));
    await handle.close();
    const point = (await world.readState()).restorePoints;
    await withDb((c) => bumpSequencesSql(c, plus(backed, 7)));
    try {
      const run = await world.run(['restore', '--backup', BACKUP, '--yes']);
      expect([run.code, run.stderr]).toEqual([
        3,
        expect.stringContaining('The restore job of the cloud emergency environment failed'),
      ]);
      expect(await counters()).toEqual(plus(backed, 7));
      expect((await world.readState()).restorePoints).toEqual(point);
      expect((await world.journal()).at(-1)).toMatchObject({ command: 'restore', outcome: 'failed', exitCode: 3 });
    } finally {
      await writeFile(content, original);
    }
  });

  it('reports a job still running at the deadline as unknown (exit 8); the re-run finds that job and finishes', async () => {
    // The lab's swap renames the database; a lock held on it keeps the job running until released.
    const blocker = await f.cluster.connect('postgres');
    await blocker.query('BEGIN');
    await blocker.query(`COMMENT ON DATABASE ${f.db.database} IS 'held by a test'`);
    let jobId: string | undefined;
    try {
      const run = await world.run(['restore', '--backup', BACKUP, '--yes', '--timeout', '3s']);
      expect([run.code, run.stderr]).toEqual([8, expect.stringContaining('has not finished yet')]);
      expect(run.stderr).toContain('this is not a failure');
      jobId = /restore job (\S+) of the cloud emergency environment has not finished/.exec(run.stderr)?.[1];
      expect(jobId).toBeDefined();
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    await f.server.idle();
    const rerun = await world.run(['restore', '--backup', BACKUP, '--yes']);
    expect([rerun.code, rerun.stderr]).toEqual([0, expect.stringContaining(`Found the restore job ${jobId!}`)]);
    expect(await counters()).toEqual(backed);
  });

  it('Ctrl-C while the job runs exits 130 (not 3), says where the job stands and journals it; the re-run finds it', async () => {
    const blocker = await f.cluster.connect('postgres');
    await blocker.query('BEGIN');
    await blocker.query(`COMMENT ON DATABASE ${f.db.database} IS 'held by a test'`);
    const journaled = (await world.journal()).length;
    let stopped: { code: number | undefined; stdout: string; stderr: string };
    try {
      const child = execa(
        'node',
        [BIN, '--config', world.configFile, 'restore', '--backup', BACKUP, '--yes', '--json'],
        {
          reject: false,
          env: { LANG: 'C' },
        },
      );
      // Ctrl-C once the tool polls the job (the server has started it and told its id).
      let polled = false;
      const onRequest = (message: unknown): void => {
        const request = (message as { request: IncomingMessage }).request;
        if (request.socket.localPort === f.server.port && /\/jobs\//.test(request.url ?? '')) polled = true;
      };
      subscribe('http.server.request.start', onRequest);
      try {
        for (let i = 0; i < 1200 && !polled; i++) await sleep(25);
      } finally {
        unsubscribe('http.server.request.start', onRequest);
      }
      child.kill('SIGINT');
      const done = await child;
      stopped = { code: done.exitCode, stdout: String(done.stdout), stderr: String(done.stderr) };
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect(stopped.code).toBe(130);
    expect(JSON.parse(stopped.stdout).error).toMatchObject({ code: 'CANCELLED', exitCode: 130 });
    const jobId =
      /Stopped watching the restore job (\S+) of the cloud emergency environment: it was (queued|running)/.exec(
        stopped.stderr,
      )?.[1];
    expect([jobId, stopped.stderr]).toEqual([
      expect.any(String),
      expect.stringContaining('goes on on the environment'),
    ]);
    expect((await world.journal()).slice(journaled)).toEqual([
      expect.objectContaining({ command: 'restore', outcome: 'failed', exitCode: 130 }),
    ]);
    await f.server.idle();
    const rerun = await world.run(['restore', '--backup', BACKUP, '--yes']);
    expect([rerun.code, rerun.stderr]).toEqual([0, expect.stringContaining(`Found the restore job ${jobId!}`)]);
  });

  it('takes the safety export into the catalog before a forced restore over the active cloud environment', async () => {
    await world.writeState({ mode: 'emergency', selectedEmergency: 'cloud' });
    const refused = await world.run(['restore', '--backup', BACKUP, '--yes']);
    expect(refused.code).toBe(5);
    const forced = await world.run(['restore', '--backup', BACKUP, '--yes', '--force', '--json']);
    expect([forced.code, forced.stderr]).toEqual([0, expect.any(String)]);
    const doc = JSON.parse(forced.stdout) as { safetyBackupId: string };
    const safety = (await world.folder.read()).entries.find((e) => e.id === doc.safetyBackupId);
    expect(safety).toMatchObject({ source: 'cloudEmergency', verified: true });
  });
});

describe('bump-seq on a cloud environment', () => {
  it("raises the counters through the contract's sequences endpoint, and --dry-run leaves them", async () => {
    const before = await counters();
    const plan = await world.run([
      'bump-seq',
      '--env',
      'cloudEmergency',
      '--from',
      'operating',
      '--margin',
      '9',
      '--dry-run',
      '--json',
    ]);
    expect([plan.code, JSON.parse(plan.stdout).after]).toEqual([0, plus(before, 9)]);
    expect(await counters()).toEqual(before);
    const run = await world.run([
      'bump-seq',
      '--env',
      'cloudEmergency',
      '--from',
      'operating',
      '--margin',
      '3',
      '--yes',
      '--json',
    ]);
    expect([run.code, run.stderr]).toEqual([0, expect.any(String)]);
    // operating and cloudEmergency share one database here: the source read moves with the bump's target.
    expect(JSON.parse(run.stdout)).toMatchObject({
      env: 'cloudEmergency',
      source: { reading: 'live', sequences: before },
      before,
      after: plus(before, 3),
    });
    expect(await counters()).toEqual(plus(before, 3));
  });
});
