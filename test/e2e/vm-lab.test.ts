/**
 * `vm` through the built binary against a real lab: its local cluster is the VM's database and its local
 * WebORCA stand-in refuses connections while the "VM" is off. Stop → start → WebORCA answers; a start
 * whose WebORCA never answers is exit 3 with the elapsed time; a rebuild dumps the database first when it
 * holds entries made after its restore point, runs the update steps, and restores the newest backup.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { parse, stringify } from 'yaml';
import { startLab, type LabFixture } from '../helpers/lab.js';
import { journalLines } from '../helpers/state-files.js';

let lab: LabFixture;

beforeAll(async () => {
  lab = await startLab({ patients: 20, days: 5 });
  // The nightly backup into the backup folder: what `restore` and the rebuild's restore offer load.
  const sync = await lab.run(['sync']);
  if (sync.code !== 0) throw new Error(`sync failed: ${sync.stderr}`);
}, 240_000);

afterAll(async () => {
  await lab?.stop();
});

const json = (stdout: string): Record<string, unknown> => JSON.parse(stdout) as Record<string, unknown>;

/** A superuser connection to the lab's local emergency database (the VM's `orca`). */
async function localDb(): Promise<pg.Client> {
  const manifest = JSON.parse(readFileSync(join(lab.dir, 'lab.json'), 'utf8')) as { ports: { localCluster: number } };
  const password = readFileSync(join(lab.dir, 'secrets', 'localSuperPassword.txt'), 'utf8').trim();
  const client = new pg.Client({
    host: '127.0.0.1',
    port: manifest.ports.localCluster,
    user: 'postgres',
    password,
    database: 'orca',
  });
  await client.connect();
  return client;
}

const PATIENT_TABLES = ['tbl_ptinf', 'tbl_jyurrk', 'tbl_sryact', 'tbl_sryacct_main', 'tbl_syunou_main', 'tbl_ptbyomei'];

/**
 * The generator stamps its rows with simulated clinic hours, some later today than now; a real WebORCA
 * stamps with its clock. Moving the restored copy's stamps into the past makes "entered since the restore"
 * mean only what the test enters.
 */
async function ageRestoredRows(): Promise<void> {
  const client = await localDb();
  try {
    for (const table of PATIENT_TABLES) await client.query(`UPDATE ${table} SET upymd = '20000101', uphms = '000000'`);
  } finally {
    await client.end();
  }
}

/** A clerk corrects one patient during the outage: WebORCA stamps the row with the time of the change. */
async function editOnePatient(): Promise<void> {
  const client = await localDb();
  try {
    await client.query(
      `UPDATE tbl_ptinf SET upymd = to_char(now(), 'YYYYMMDD'), uphms = to_char(now(), 'HH24MISS')
        WHERE ptid = (SELECT min(ptid) FROM tbl_ptinf)`,
    );
  } finally {
    await client.end();
  }
}

/** A variant of the lab config with rebuild update steps run in the lab folder. */
function configWithUpdateSteps(): string {
  const config = parse(readFileSync(lab.config, 'utf8')) as {
    environments: { localEmergency: { vm: Record<string, unknown> } };
  };
  config.environments.localEmergency.vm.rebuild = {
    update: [[process.execPath, '-e', "require('fs').writeFileSync('weborca-updated.txt', 'yes')"]],
  };
  const path = join(lab.dir, 'with-update.yaml');
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}

describe('vm on the lab', () => {
  test('status: the VM runs and WebORCA answers', async () => {
    const run = await lab.run(['vm', 'status', '--json']);
    expect(run.code).toBe(0);
    expect(json(run.stdout)).toMatchObject({
      provider: 'lab',
      state: 'running',
      webOrca: { answering: true, error: null },
    });
  });

  test('stop → the VM is off and WebORCA refuses; start → WebORCA answers again', async () => {
    const stop = await lab.run(['vm', 'stop', '--json']);
    expect([stop.code, stop.stderr]).toEqual([0, expect.any(String)]);
    expect(journalLines(join(lab.dir, 'state')).at(-1)).toMatchObject({ command: 'vm stop', outcome: 'ok' });
    expect(json(stop.stdout)).toMatchObject({ outcome: 'stopped' });
    const off = await lab.run(['status', '--json']);
    const local = (json(off.stdout).environments as Record<string, { online: boolean; vm: { state: string } }>)
      .localEmergency!;
    expect(local.online).toBe(false);
    expect(local.vm.state).toBe('off');
    expect(json((await lab.run(['vm', 'stop', '--json'])).stdout)).toMatchObject({ outcome: 'alreadyStopped' });

    const start = await lab.run(['vm', 'start', '--json']);
    expect(start.code).toBe(0);
    expect(json(start.stdout)).toMatchObject({ outcome: 'started' });
    const on = await lab.run(['status', '--json']);
    const again = (json(on.stdout).environments as Record<string, { online: boolean; vm: { state: string } }>)
      .localEmergency!;
    expect([again.online, again.vm.state]).toEqual([true, 'running']);
    const twice = await lab.run(['vm', 'start']);
    expect(twice.code).toBe(0);
    expect(twice.stderr + twice.stdout).toContain('already running');
  });

  test('a WebORCA that never answers: exit 3 after the timeout, with the elapsed time', async () => {
    expect((await lab.run(['vm', 'stop'])).code).toBe(0);
    expect((await lab.lab(['fault', 'localEmergency', '--blackhole'])).code).toBe(0);
    try {
      const start = await lab.run(['vm', 'start', '--timeout', '3s', '--json']);
      expect(start.code).toBe(3);
      expect(start.stderr).toMatch(/did not answer within 3 s \(waited [3-9](\.\d)? s\)/);
      expect(json(start.stdout)).toMatchObject({ error: { code: 'UNREACHABLE', exitCode: 3 } });
    } finally {
      await lab.lab(['fault', 'localEmergency', '--clear']);
    }
    const start = await lab.run(['vm', 'start', '--json']);
    expect(json(start.stdout)).toMatchObject({ outcome: 'alreadyRunning' });
  });

  test('rebuild refuses without the typed confirmation when nobody can answer', async () => {
    const run = await lab.run(['vm', 'rebuild', '--no-restore']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--confirm-env');
    const wrong = await lab.run(['vm', 'rebuild', '--yes', '--confirm-env', 'operating', '--no-restore']);
    expect(wrong.code).toBe(5);
  });

  test('rebuild without entries since the restore point: no safety dump; the update steps run', async () => {
    expect((await lab.run(['restore', '--target', 'localEmergency', '--yes'])).code).toBe(0);
    await ageRestoredRows();
    const config = configWithUpdateSteps();
    const run = await lab.run(
      ['--config', config, 'vm', 'rebuild', '--yes', '--confirm-env', 'localEmergency', '--no-restore', '--json'],
      {
        timeoutMs: 180_000,
      },
    );
    expect([run.code, run.stderr]).toEqual([0, expect.any(String)]);
    const report = json(run.stdout);
    expect(report).toMatchObject({ entriesFound: 0, safetyBackupId: null, restore: { kind: 'declined' } });
    expect((report.steps as Array<{ step: string }>).map((s) => s.step)).toEqual([
      'inspect',
      'powerOff',
      'snapshot',
      'start',
      'update',
      'verify',
      'restore',
    ]);
    expect(existsSync(join(lab.dir, 'weborca-updated.txt'))).toBe(true);
    const client = await localDb();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM tbl_ptinf')).rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });

  test('rebuild with entries made during the outage: safety dump first, then the newest backup restored', async () => {
    expect((await lab.run(['restore', '--target', 'localEmergency', '--yes'])).code).toBe(0);
    await ageRestoredRows();
    await editOnePatient();
    const run = await lab.run(['vm', 'rebuild', '--yes', '--confirm-env', 'localEmergency', '--restore', '--json'], {
      timeoutMs: 180_000,
    });
    expect([run.code, run.stderr]).toEqual([0, expect.any(String)]);
    const report = json(run.stdout) as { safetyBackupId: string; entriesFound: number; restore: { kind: string } };
    expect(report.entriesFound).toBe(1);
    expect(report.safetyBackupId).toMatch(/^\d{8}T\d{6}Z-local-safety$/);
    expect(report.restore.kind).toBe('restored');
    const entry = journalLines(join(lab.dir, 'state')).at(-1)!;
    expect(entry).toMatchObject({
      command: 'vm rebuild',
      outcome: 'ok',
      after: { safetyBackupId: report.safetyBackupId },
    });
    // The restore point before the rebuild, and the new one of the restore it offered (dotted paths).
    const key = 'restorePoints.localEmergency.restoredAt';
    const restoredAt = (side: unknown) => Date.parse((side as Record<string, string>)[key]!);
    expect(restoredAt(entry.after)).toBeGreaterThan(restoredAt(entry.before));
    const backups = json((await lab.run(['backups', 'list', '--json'])).stdout) as unknown as {
      backups: Array<{ id: string; verified: boolean }>;
    };
    expect(backups.backups.find((b) => b.id === report.safetyBackupId)?.verified).toBe(true);
    const status = json((await lab.run(['vm', 'status', '--json'])).stdout);
    expect(status).toMatchObject({ state: 'running', webOrca: { answering: true } });
    const client = await localDb();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM tbl_ptinf')).rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});
