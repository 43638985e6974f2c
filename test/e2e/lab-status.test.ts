import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createOtherCa } from '../../src/lab/pki.js';
import { isPidAlive } from '../../src/adapters/fs/lock-holder.js';
import type { PgToolsReport } from '../../src/core/pg-programs.js';
import { runCli } from '../helpers/cli.js';
import { startLab, type LabFixture } from '../helpers/lab.js';

interface StatusJson {
  mode: string;
  environments: Record<
    string,
    {
      online: boolean;
      reportedMode: string | null;
      sequences: Record<string, number> | null;
      error: { code: string } | null;
      institutionName: string | null;
      vm?: { state: string } | null;
    }
  >;
  mismatches: unknown[];
}

let lab: LabFixture;

beforeAll(async () => {
  lab = await startLab();
}, 240_000);

afterAll(async () => {
  await lab?.stop();
});

/** Writes a variant of the lab config (e.g. a wrong API key) and returns its path. */
type LabYaml = { environments: Record<string, { credentials: Record<string, unknown> }> };

function variantConfig(name: string, change: (config: LabYaml) => void): string {
  const config = parse(readFileSync(lab.config, 'utf8')) as LabYaml;
  change(config);
  const path = join(lab.dir, `${name}.yaml`);
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}

describe('lab up + status through the built binary', () => {
  test('lab up twice is harmless and says so', async () => {
    const again = await lab.lab(['up', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).alreadyUp).toBe(true);
  });

  test('status shows three online environments with counters, modes and the clinic', async () => {
    const run = await lab.run(['status', '--json']);
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout) as StatusJson;
    expect(status.mode).toBe('normal');
    for (const env of ['operating', 'cloudEmergency', 'localEmergency']) {
      expect([env, status.environments[env]!.online]).toEqual([env, true]);
      expect(status.environments[env]!.sequences!.outpatientSlip).toBeGreaterThan(0);
    }
    expect(status.environments.operating!.reportedMode).toBe('normal');
    expect(status.environments.cloudEmergency!.reportedMode).toBe('normal-fa');
    expect(status.environments.operating!.institutionName).toContain('ラボ');
    expect(status.environments.localEmergency!.vm?.state).toBe('running');
    expect(status.mismatches).toEqual([]);
    expect('pgTools' in status).toBe(false);
  });

  test('status --verbose says which PostgreSQL programs were found where, in the document and the text', async () => {
    const run = await lab.run(['status', '--json', '--verbose']);
    expect(run.code).toBe(0);
    const { pgTools } = JSON.parse(run.stdout) as { pgTools: PgToolsReport };
    expect(pgTools.programs.map((p) => [p.name, p.chosen?.path.endsWith(`/${p.name}`)])).toEqual([
      ['pg_dump', true],
      ['pg_restore', true],
    ]);
    expect(pgTools.searched).toContain('/usr/lib/postgresql/<major>/bin');
    const human = await lab.run(['status', '--verbose'], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(human.stdout).toContain('PostgreSQL のプログラム:');
    expect(human.stdout).toMatch(/ {2}pg_dump \d+\.\d+\S*: \/\S+\/pg_dump \((PATH|標準のインストール先)\)/);
    expect(human.stdout).toContain('探した場所: ');
  });

  test('the human table speaks Japanese with the manual terms', async () => {
    const run = await lab.run(['status'], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('運用環境');
    expect(run.stdout).toContain('クラウド応急措置環境');
    expect(run.stdout).toContain('オンライン');
  });

  test('after lab outage operating it is 利用不可 and the others still answer; --strict exits 3', async () => {
    expect((await lab.lab(['outage', 'operating'])).code).toBe(0);
    try {
      const run = await lab.run(['status', '--json', '--timeout', '3']);
      const status = JSON.parse(run.stdout) as StatusJson;
      expect(status.environments.operating!.online).toBe(false);
      expect(status.environments.operating!.error?.code).toBe('UNREACHABLE');
      expect(status.environments.cloudEmergency!.online).toBe(true);
      expect(status.environments.localEmergency!.online).toBe(true);
      const human = await lab.run(['status', '--timeout', '3'], { env: { LANG: 'ja_JP.UTF-8' } });
      expect(human.stdout).toContain('利用不可');
      expect((await lab.run(['status', '--strict', '--timeout', '3'])).code).toBe(3);
      // One document on stdout (the report), the strict verdict on stderr and in the exit code.
      const strict = await lab.run(['status', '--strict', '--json', '--timeout', '3']);
      expect(strict.code).toBe(3);
      expect((JSON.parse(strict.stdout) as StatusJson).environments.operating!.online).toBe(false);
      expect(strict.stderr).toContain('Unavailable: operating environment');
    } finally {
      expect((await lab.lab(['recover', 'operating'])).code).toBe(0);
    }
    const back = JSON.parse((await lab.run(['status', '--json'])).stdout) as StatusJson;
    expect(back.environments.operating!.online).toBe(true);
  });

  test('a blackholed environment is reported offline by the timeout, not waited for', async () => {
    expect((await lab.lab(['fault', 'cloudEmergency', '--blackhole'])).code).toBe(0);
    try {
      const run = await lab.run(['status', '--json', '--timeout', '2']);
      const status = JSON.parse(run.stdout) as StatusJson;
      expect(status.environments.cloudEmergency!.online).toBe(false);
      expect(status.environments.cloudEmergency!.error?.code).toBe('TIMEOUT');
      expect(status.environments.operating!.online).toBe(true);
    } finally {
      await lab.lab(['fault', 'cloudEmergency', '--clear']);
    }
  });

  test('a wrong API key makes the environment refuse: status --strict exits 4 like every other command', async () => {
    const keyFile = join(lab.dir, 'wrong.key');
    writeFileSync(keyFile, 'not-the-key\n', { mode: 0o600 });
    const config = variantConfig('wrong-key', (c) => {
      c.environments.operating!.credentials.apiKeyFile = keyFile;
    });
    const run = await lab.run(['--config', config, 'status', '--json']);
    const status = JSON.parse(run.stdout) as StatusJson;
    expect(status.environments.operating!.online).toBe(false);
    expect(status.environments.operating!.error?.code).toBe('AUTH');
    expect(run.stdout + run.stderr).not.toContain('not-the-key');
    const strict = await lab.run(['--config', config, 'status', '--strict', '--json']);
    expect(strict.code).toBe(4);
    expect((JSON.parse(strict.stdout) as StatusJson).environments.operating!.error?.code).toBe('AUTH');
    expect(strict.stderr).toContain('Refused our credentials: operating environment');
    expect(strict.stdout + strict.stderr).not.toContain('not-the-key');
  });

  test('a client without the certificate is refused by mutual TLS', async () => {
    const config = variantConfig('no-cert', (c) => {
      delete c.environments.operating!.credentials.clientCertificate;
    });
    const status = JSON.parse((await lab.run(['--config', config, 'status', '--json'])).stdout) as StatusJson;
    expect(status.environments.operating!.online).toBe(false);
    expect(['AUTH', 'UNREACHABLE']).toContain(status.environments.operating!.error?.code);
  });

  test('a server certificate from another CA fails verification with a clear message', async () => {
    const other = createOtherCa({ hosts: ['127.0.0.1'] });
    const caFile = join(lab.dir, 'other-ca.crt');
    writeFileSync(caFile, other.caCertPem);
    const config = variantConfig('other-ca', (c) => {
      c.environments.cloudEmergency!.credentials.caFile = caFile;
    });
    const run = await lab.run(['--config', config, 'status', '--json']);
    const status = JSON.parse(run.stdout) as StatusJson;
    expect(status.environments.cloudEmergency!.online).toBe(false);
    expect(JSON.stringify(status.environments.cloudEmergency!.error)).toMatch(/certificate/i);
    expect(status.environments.operating!.online).toBe(true);
  });

  test('lab enter makes staff work in an environment: its counters rise, the others stay', async () => {
    const before = JSON.parse((await lab.run(['status', '--json'])).stdout) as StatusJson;
    const entered = await lab.lab(['enter', 'cloudEmergency', '--visits', '6', '--new-patients', '2', '--json']);
    expect(entered.code).toBe(0);
    const after = JSON.parse((await lab.run(['status', '--json'])).stdout) as StatusJson;
    const seq = (s: StatusJson, env: string) => s.environments[env]!.sequences!;
    expect(seq(after, 'cloudEmergency').outpatientSlip!).toBeGreaterThanOrEqual(
      seq(before, 'cloudEmergency').outpatientSlip! + 6,
    );
    expect(seq(after, 'cloudEmergency').patientId).toBe(seq(before, 'cloudEmergency').patientId! + 2);
    expect(seq(after, 'operating')).toEqual(seq(before, 'operating'));
  });

  test("lab enter's cases, then lab check: the environment still keeps ORCA's rules; a broken one exits 6", async () => {
    const cases = ['--second-department', '1', '--second-insurance', '1', '--many-zai', '1', '--admission', '1'];
    const entered = await lab.lab(['enter', 'cloudEmergency', '--visits', '2', ...cases, '--json']);
    expect(entered.code).toBe(0);
    const visits = (JSON.parse(entered.stdout) as { caseVisits: { case: string }[] }).caseVisits.map((v) => v.case);
    expect(new Set(visits)).toEqual(new Set(['second-department', 'second-insurance', 'many-zai']));
    const checked = await lab.lab(['check', 'cloudEmergency', '--json']);
    expect(checked.code).toBe(0);
    expect((JSON.parse(checked.stdout) as { ok: boolean }).ok).toBe(true);
    const { connectLabDatabase, openLab } = await import('../../src/lab/lab-ops.js');
    const client = await connectLabDatabase(await openLab(lab.dir), 'cloudEmergency');
    try {
      await client.query('BEGIN');
      await client.query('UPDATE tbl_ptinf SET maxzainum = 0');
      await client.query('COMMIT');
      const broken = await lab.lab(['check', 'cloudEmergency', '--json']);
      expect(broken.code).toBe(6);
      expect(JSON.parse(broken.stdout).error.details.join('\n')).toContain('maxzainum-covers-zainums');
    } finally {
      await client.end();
    }
  });

  test('lab nightly makes a new backup in the operating store', async () => {
    const run = await lab.lab(['nightly', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).id).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  test('usage errors exit 2 with a precise message', async () => {
    const bad = await lab.lab(['enter', 'operating', '--visits', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--visits');
    expect((await lab.lab(['outage', 'nowhere'])).code).toBe(2);
    expect((await runCli(['lab', 'status', '--dir', join(lab.dir, 'missing'), '--json'])).code).toBe(0);
  });

  test('lab status shows what runs where', async () => {
    const run = await lab.lab(['status', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      daemon: { pid: number } | null;
      clusters: { cloud: { running: boolean }; local: { running: boolean } };
    };
    expect(report.daemon?.pid).toBeGreaterThan(0);
    expect(report.clusters.cloud.running).toBe(true);
    expect(report.clusters.local.running).toBe(true);
  });

  test('lab down leaves no process and no listening port', async () => {
    const report = JSON.parse((await lab.lab(['status', '--json'])).stdout) as {
      daemon: { pid: number; urls: Record<string, string> };
      clusters: { cloud: { pid: number; port: number }; local: { pid: number; port: number } };
    };
    const ports = [
      ...Object.values(report.daemon.urls).map((u) => Number(new URL(u).port)),
      report.clusters.cloud.port,
      report.clusters.local.port,
    ];
    const pids = [report.daemon.pid, report.clusters.cloud.pid, report.clusters.local.pid];
    const down = await lab.lab(['down']);
    expect([down.code, down.stderr]).toEqual([0, '']);
    for (const pid of pids) expect([pid, alive(pid)]).toEqual([pid, false]);
    for (const port of ports) expect([port, await listening(port)]).toEqual([port, false]);
    const after = JSON.parse((await lab.lab(['status', '--json'])).stdout) as { daemon: unknown };
    expect(after.daemon).toBeNull();
  });
});

/** A pid that still runs (a zombie waiting to be reaped by its new parent does not). */
function alive(pid: number): boolean {
  return isPidAlive(pid);
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
