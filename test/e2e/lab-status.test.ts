import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { createOtherCa } from '../../src/lab/pki.js';
import { startLab, type LabFixture } from '../helpers/lab.js';

interface StatusJson {
  mode: string;
  environments: Record<string, { online: boolean; reportedMode: string | null; sequences: Record<string, number> | null; error: { code: string } | null; institutionName: string | null; vm?: { state: string } | null }>;
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
function variantConfig(name: string, change: (config: Record<string, any>) => void): string {
  const config = parse(readFileSync(lab.config, 'utf8')) as Record<string, any>;
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

  test('a wrong API key makes the environment refuse: status --strict exits 3 and names the cause; a direct call exits 4', async () => {
    const keyFile = join(lab.dir, 'wrong.key');
    writeFileSync(keyFile, 'not-the-key\n', { mode: 0o600 });
    const config = variantConfig('wrong-key', (c) => { c.environments.operating.credentials.apiKeyFile = keyFile; });
    const run = await lab.run(['--config', config, 'status', '--json']);
    const status = JSON.parse(run.stdout) as StatusJson;
    expect(status.environments.operating!.online).toBe(false);
    expect(status.environments.operating!.error?.code).toBe('AUTH');
    expect(run.stdout + run.stderr).not.toContain('not-the-key');
  });

  test('a client without the certificate is refused by mutual TLS', async () => {
    const config = variantConfig('no-cert', (c) => { delete c.environments.operating.credentials.clientCertificate; });
    const status = JSON.parse((await lab.run(['--config', config, 'status', '--json'])).stdout) as StatusJson;
    expect(status.environments.operating!.online).toBe(false);
    expect(['AUTH', 'UNREACHABLE']).toContain(status.environments.operating!.error?.code);
  });

  test('a server certificate from another CA fails verification with a clear message', async () => {
    const other = createOtherCa({ hosts: ['127.0.0.1'] });
    const caFile = join(lab.dir, 'other-ca.crt');
    writeFileSync(caFile, other.caCertPem);
    const config = variantConfig('other-ca', (c) => { c.environments.cloudEmergency.credentials.caFile = caFile; });
    const run = await lab.run(['--config', config, 'status', '--json']);
    const status = JSON.parse(run.stdout) as StatusJson;
    expect(status.environments.cloudEmergency!.online).toBe(false);
    expect(JSON.stringify(status.environments.cloudEmergency!.error)).toMatch(/certificate/i);
    expect(status.environments.operating!.online).toBe(true);
  });

  test('lab status shows what runs where', async () => {
    const run = await lab.lab(['status', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { daemon: { pid: number } | null; clusters: { cloud: { running: boolean }; local: { running: boolean } } };
    expect(report.daemon?.pid).toBeGreaterThan(0);
    expect(report.clusters.cloud.running).toBe(true);
    expect(report.clusters.local.running).toBe(true);
  });
});
