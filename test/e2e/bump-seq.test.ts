/**
 * `bump-seq` through the built binary against one real cluster: the manual's worked example (restore +
 * bumps both ways), never lowering, short `kanritbl` rows, concurrent runs, `--dry-run`, the last-known
 * source with its margin, and the confirmation rule.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Sequences } from '../../src/core/domain.js';
import { bumpSequencesSql, readSequences } from '../../src/adapters/postgres/sequences-sql.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { createOrcaSchema, seedOrcaSystem } from '../../src/lab/orca/schema.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';
import { CLINIC_CODE, CLINIC_NAME, createWorld, dbConfig, type RestoreWorld } from '../helpers/restore-world.js';

let cluster: TestCluster;
let world: RestoreWorld;

const seq = (
  outpatientSlip: number,
  inpatientSlip: number,
  patientSerial: number,
  patientId = patientSerial,
): Sequences => ({ outpatientSlip, inpatientSlip, patientSerial, patientId });

async function withDb<T>(
  database: string,
  fn: (client: Awaited<ReturnType<TestCluster['connect']>>) => Promise<T>,
): Promise<T> {
  const client = await cluster.connect(database);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
const countersOf = (database: string): Promise<Sequences> => withDb(database, (c) => readSequences(c));
const raise = (database: string, values: Sequences): Promise<unknown> =>
  withDb(database, (c) => bumpSequencesSql(c, values));
const kanritbl = (database: string): Promise<Record<string, string>> =>
  withDb(database, async (c) => {
    const { rows } = await c.query<{ kanricd: string; kanritbl: string }>(
      `SELECT kanricd, kanritbl FROM tbl_syskanri WHERE kanricd IN ('0041', '0042', '1009')`,
    );
    return Object.fromEntries(rows.map((r) => [r.kanricd, r.kanritbl]));
  });

async function orcaDatabase(name: string, values: Sequences): Promise<void> {
  await createDatabase(cluster, name);
  await withDb(name, async (client) => {
    await createOrcaSchema(client);
    await seedOrcaSystem(client, {
      institutionCode: CLINIC_CODE,
      clinicName: CLINIC_NAME,
      sequences: values,
      ymd: '20260101',
    });
  });
}

interface BumpJson {
  env: string;
  source: { env: string; reading: string; ageSeconds: number; sequences: Sequences };
  margin: number;
  before: Sequences;
  after: Sequences;
  raised: string[];
  basis: string;
}
async function bump(args: string[], w: RestoreWorld = world): Promise<BumpJson> {
  const run = await w.run(['bump-seq', '--json', ...args]);
  expect([run.code, run.stderr]).toEqual([0, expect.any(String)]);
  return JSON.parse(run.stdout) as BumpJson;
}

beforeAll(async () => {
  cluster = await startTestCluster();
  await orcaDatabase('orca_op_test', seq(50, 10, 100));
  await orcaDatabase('orca_em_test', seq(0, 0, 0));
  world = await createWorld({
    operating: dbConfig(cluster, 'orca_op_test'),
    localEmergency: dbConfig(cluster, 'orca_em_test'),
  });
  await world.writeState({ selectedEmergency: 'local' });
});

afterAll(async () => {
  await world?.cleanup();
  await cluster?.stop();
});

describe('bump-seq', () => {
  it("reproduces the manual's worked example: restore, bump the emergency env, then the operating env", async () => {
    await world.catalog('operating', dbConfig(cluster, 'orca_op_test'), '20260101T000000Z-operating');
    await raise('orca_op_test', seq(60, 20, 110)); // the operating environment went on until it failed
    const restored = await world.run(['restore', '--target', 'localEmergency', '--yes']);
    expect(restored.code).toBe(0);
    expect(await countersOf('orca_em_test')).toEqual(seq(50, 10, 100));

    const toEmergency = await bump(['--env', 'localEmergency', '--from', 'operating', '--yes']);
    expect(toEmergency).toMatchObject({
      env: 'localEmergency',
      source: { env: 'operating', reading: 'live', sequences: seq(60, 20, 110) },
      before: seq(50, 10, 100),
      after: seq(60, 20, 110),
    });
    expect(await countersOf('orca_em_test')).toEqual(seq(60, 20, 110));

    await raise('orca_em_test', seq(70, 70, 120)); // numbers issued during the outage
    const toOperating = await bump(['--env', 'operating', '--from', 'localEmergency', '--yes']);
    expect(toOperating).toMatchObject({ before: seq(60, 20, 110), after: seq(70, 70, 120) });
    expect(await countersOf('orca_op_test')).toEqual(seq(70, 70, 120));

    const again = await bump(['--env', 'operating', '--from', 'localEmergency', '--yes']);
    expect(again).toMatchObject({ before: seq(70, 70, 120), after: seq(70, 70, 120), raised: [] });
    const entries = (await world.journal()).filter((e) => e.command === 'bump-seq');
    expect(entries.map((e) => e.outcome)).toEqual(['ok', 'ok', 'ok']);
    expect((await world.readState()).lastKnownSequences).toMatchObject({
      operating: { values: seq(70, 70, 120) },
      localEmergency: { values: seq(70, 70, 120) },
    });
  });

  it('never lowers a counter: only those below the source plus margin rise', async () => {
    await raise('orca_em_test', seq(500, 70, 120, 900));
    const report = await bump(['--env', 'localEmergency', '--from', 'operating', '--margin', '5', '--yes']);
    expect(report.after).toEqual(seq(500, 75, 125, 900));
    expect(report.raised).toEqual(['inpatientSlip', 'patientSerial']);
    expect(await countersOf('orca_em_test')).toEqual(seq(500, 75, 125, 900));
  });

  it('pads short kanritbl rows before splicing and keeps every other character', async () => {
    const layout = (await kanritbl('orca_em_test'))['1009']!.slice(0, 20);
    await withDb('orca_em_test', async (c) => {
      await c.query(`UPDATE tbl_syskanri SET kanritbl = '' WHERE kanricd = '0041'`);
      await c.query(`UPDATE tbl_syskanri SET kanritbl = '00000003' WHERE kanricd = '0042'`);
      await c.query(`UPDATE tbl_syskanri SET kanritbl = $1 WHERE kanricd = '1009'`, [`${layout}0000000005`]);
    });
    await bump(['--env', 'localEmergency', '--from', 'operating', '--yes']);
    expect(await kanritbl('orca_em_test')).toEqual({
      '0041': '00000070',
      '0042': '00000070',
      '1009': `${layout}00000001200000000120`,
    });
  });

  it('two bumps started at once both succeed and leave the larger result', async () => {
    const runs = await Promise.all(
      ['5', '50'].map((margin) =>
        world.run([
          'bump-seq',
          '--env',
          'localEmergency',
          '--from',
          'operating',
          '--margin',
          margin,
          '--yes',
          '--json',
        ]),
      ),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    for (const run of runs) {
      const doc = JSON.parse(run.stdout) as BumpJson;
      for (const name of Object.keys(doc.after) as Array<keyof Sequences>)
        expect(doc.after[name]).toBeGreaterThanOrEqual(doc.before[name]);
    }
    expect(await countersOf('orca_em_test')).toEqual(seq(120, 120, 170));
  });

  it('--dry-run shows the plan, needs no --yes, and changes nothing (not even the journal)', async () => {
    const [texts, lines] = [await kanritbl('orca_em_test'), (await world.journal()).length];
    const plan = await bump(['--env', 'localEmergency', '--from', 'operating', '--margin', '1000', '--dry-run']);
    expect(plan).toMatchObject({ before: seq(120, 120, 170), after: seq(1070, 1070, 1120), dryRun: true });
    expect(await kanritbl('orca_em_test')).toEqual(texts);
    expect((await world.journal()).length).toBe(lines);
  });

  it('asks for --yes when nobody can answer (exit 2) and changes nothing', async () => {
    const texts = await kanritbl('orca_em_test');
    const run = await world.run(['bump-seq', '--env', 'localEmergency', '--from', 'operating', '--margin', '60']);
    expect([run.code, run.stderr]).toEqual([2, expect.stringContaining('--yes')]);
    expect(await kanritbl('orca_em_test')).toEqual(texts);
  });

  it('uses the last-known reading of an unreachable source with the larger margin, and says how old it is', async () => {
    await orcaDatabase('orca_em2_test', seq(10, 10, 10));
    const offline = await createWorld({
      operating: { ...dbConfig(cluster, 'orca_op_test'), port: 9 },
      localEmergency: dbConfig(cluster, 'orca_em2_test'),
    });
    try {
      const readAt = new Date(Date.now() - 2 * 3600_000).toISOString();
      await offline.writeState({
        selectedEmergency: 'local',
        lastKnownSequences: { operating: { values: seq(200, 30, 300), readAt } },
      });
      const recorded = await bump(['--env', 'localEmergency', '--from-last-known', '--yes'], offline);
      expect(recorded).toMatchObject({
        source: { env: 'operating', reading: 'lastKnown', sequences: seq(200, 30, 300) },
        margin: 100,
        after: seq(300, 130, 400),
      });
      expect(recorded.source.ageSeconds).toBeGreaterThanOrEqual(7200);

      const fallback = await offline.run(['bump-seq', '--env', 'localEmergency', '--margin', '150', '--yes', '--json']);
      expect([fallback.code, fallback.stderr]).toEqual([
        0,
        expect.stringContaining('cannot be reached; using its last-known counters'),
      ]);
      expect(JSON.parse(fallback.stdout)).toMatchObject({
        source: { reading: 'lastKnown' },
        margin: 150,
        after: seq(350, 180, 450),
      });

      const none = await offline.run([
        'bump-seq',
        '--env',
        'localEmergency',
        '--from',
        'cloudEmergency',
        '--from-last-known',
        '--yes',
      ]);
      expect([none.code, none.stderr]).toEqual([5, expect.stringContaining('No last-known')]);
    } finally {
      await offline.cleanup();
    }
  });

  it('a reading older than --max-age is refused without --force; older than the restored backup, it bumps once', async () => {
    await orcaDatabase('orca_em3_test', seq(500, 40, 600));
    const offline = await createWorld({
      operating: { ...dbConfig(cluster, 'orca_op_test'), port: 9 },
      localEmergency: dbConfig(cluster, 'orca_em3_test'),
    });
    try {
      const readAt = new Date(Date.now() - 50 * 3600_000).toISOString();
      const backupCreatedAt = new Date(Date.now() - 49 * 3600_000).toISOString();
      await offline.writeState({
        selectedEmergency: 'local',
        lastKnownSequences: { operating: { values: seq(200, 30, 300), readAt } },
        restorePoints: { localEmergency: { backupId: 'b-1', restoredAt: backupCreatedAt, backupCreatedAt } },
      });
      const args = ['bump-seq', '--env', 'localEmergency', '--from-last-known', '--yes', '--json'];
      const refused = await offline.run(args);
      expect([refused.code, JSON.parse(refused.stdout).error.code]).toEqual([5, 'REFUSED']);
      expect(refused.stderr).toContain('50 h ago — more than 48 h');
      expect(await countersOf('orca_em3_test')).toEqual(seq(500, 40, 600));

      // The reading predates the backup the environment holds: the margin goes on top of its own counters.
      const forced = JSON.parse((await offline.run([...args, '--force', '--margin', '10'])).stdout) as BumpJson;
      expect(forced).toMatchObject({
        basis: 'max',
        after: seq(510, 50, 610),
        source: { ageSeconds: expect.any(Number) },
      });
      const again = JSON.parse((await offline.run([...args, '--force', '--margin', '10'])).stdout) as BumpJson;
      expect(again).toMatchObject({ basis: 'recorded', raised: [], after: seq(510, 50, 610) });
      expect((await offline.readState()).lastBumps).toMatchObject({
        localEmergency: { sourceEnv: 'operating', readAt },
      });
    } finally {
      await offline.cleanup();
    }
  });
});
