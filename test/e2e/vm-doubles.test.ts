/**
 * `vm` through the built binary with the VBoxManage and powershell.exe test doubles first on PATH
 * (test/doubles/README.md) and a real HTTP server on 127.0.0.1 playing WebORCA behind the VM's forwarded
 * port: the exact VBoxManage calls, exit codes 0/2/3 with their messages, the JSON documents, the
 * not-elevated hint, and a forced rebuild of a VM whose database cannot be reached.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli, type CliRun } from '../helpers/cli.js';
import { validSettings } from '../helpers/config-fixtures.js';
import { createVmDoubles, type DoubleWorld, type VmDoubles } from '../helpers/vm-doubles.js';

let dir: string;
let server: Server;
let webOrcaPort: number;
/** A free port nothing listens on: the VM's database, unreachable. */
const DEAD_DB_PORT = 1;
let doubles: VmDoubles | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orca-vm-e2e-'));
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const at = { Information_Date: '2026-08-01', Information_Time: '09:00:00' };
      const body = req.url?.startsWith('/api/api01rv2/systeminfv2')
        ? {
            private_objects: {
              ...at,
              Api_Result: '0000',
              Jma_Receipt_Version: '050200-1',
              Database_Information: { Local_Version: 'S-050200-1-1', New_Version: 'S-050200-1-1' },
            },
          }
        : { system01_dailyres: { ...at, Api_Result: '00', Api_Result_Message: '処理終了' } };
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Hybridmode': 'normal-fa' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  webOrcaPort = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

afterEach(() => doubles?.cleanup());

function config(vm: Record<string, unknown>, webPort = webOrcaPort): string {
  const settings = validSettings() as {
    environments: { localEmergency: Record<string, unknown> };
    stateDir?: string;
    backup: { folder: string };
  };
  settings.environments.localEmergency = {
    kind: 'postgres',
    database: { host: '127.0.0.1', port: DEAD_DB_PORT, password: 'x' },
    orcaApiUrl: `http://127.0.0.1:${webPort}`,
    credentials: { user: 'ormaster', apiKey: 'x' },
    vm,
  };
  settings.stateDir = join(dir, 'state');
  settings.backup.folder = join(dir, 'backups');
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, stringify(settings), { mode: 0o600 });
  return path;
}

function vbox(world: Partial<DoubleWorld['vms'][string]>, extra: Partial<DoubleWorld> = {}): VmDoubles {
  doubles = createVmDoubles({
    ...extra,
    vms: {
      'orca-vm': {
        state: 'poweroff',
        forwards: [`pg,tcp,127.0.0.1,${DEAD_DB_PORT},,5432`, `orca,tcp,127.0.0.1,${webOrcaPort},,8000`],
        snapshots: ['clean'],
        currentSnapshot: 'clean',
        ...world,
      },
    },
  });
  return doubles;
}

const cli = (d: VmDoubles, configPath: string, args: string[]): Promise<CliRun> =>
  runCli(['--config', configPath, 'vm', ...args], { env: d.env });
const VBOX = { provider: 'virtualbox', name: 'orca-vm' };
const show = ['showvminfo', 'orca-vm', '--machinereadable'];

describe('vm with VirtualBox (VBoxManage double)', () => {
  test('status: state, snapshot, forwards, as JSON and for people', async () => {
    const d = vbox({});
    const run = await cli(d, config(VBOX), ['status', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      provider: 'virtualbox',
      name: 'orca-vm',
      state: 'off',
      detail: 'poweroff',
      maybeNotElevated: false,
      snapshot: 'clean',
      missingForwards: [],
      webOrca: null,
    });
    const human = await cli(d, config(VBOX), ['status']);
    expect(human.stdout).toContain('virtualbox "orca-vm" — off (poweroff)');
  });

  test('start: the exact calls, then WebORCA answers through the forwarded port', async () => {
    const d = vbox({ startExit1: true });
    const run = await cli(d, config(VBOX), ['start', '--json']);
    expect([run.code, run.stderr]).toEqual([0, expect.any(String)]);
    expect(JSON.parse(run.stdout)).toMatchObject({ ...VBOX, outcome: 'started' });
    expect(d.argvs()).toEqual([show, show, ['startvm', 'orca-vm', '--type', 'headless']]);
  });

  test('start with WebORCA silent: exit 3 after the timeout, with the elapsed time', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const d = vbox({ forwards: [`pg,tcp,127.0.0.1,${DEAD_DB_PORT},,5432`, `orca,tcp,127.0.0.1,${port},,8000`] });
      const run = await cli(d, config(VBOX, port), ['start', '--timeout', '2s', '--json']);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(/WebORCA did not answer within 2 s \(waited [2-5](\.\d)? s\)/);
      expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'UNREACHABLE', exitCode: 3 });
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('a missing forward is exit 2 with the modifyvm line, before anything starts', async () => {
    const d = vbox({ forwards: [`pg,tcp,127.0.0.1,${DEAD_DB_PORT},,5432`] });
    const run = await cli(d, config(VBOX), ['start']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--natpf1 "orca,tcp,127.0.0.1,${webOrcaPort},,8000"`);
    expect(d.argvs().some((a) => a[0] === 'startvm')).toBe(false);
  });

  test('an unknown VM is exit 2 naming the VM and `VBoxManage list vms`', async () => {
    const d = vbox({});
    const run = await cli(d, config({ ...VBOX, name: 'other-vm' }), ['start']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"other-vm"');
    expect(run.stderr).toContain('VBoxManage list vms');
    const status = await cli(d, config({ ...VBOX, name: 'other-vm' }), ['status', '--json']);
    expect([status.code, JSON.parse(status.stdout).state]).toEqual([0, 'notFound']);
  });

  test('stop: an ACPI-deaf guest is left running (exit 3, --force named); --force pulls the power', async () => {
    const d = vbox({ state: 'running', acpi: 'ignore' });
    const refused = await cli(d, config(VBOX), ['stop', '--timeout', '1s']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('--force');
    expect(d.world().vms['orca-vm']!.state).toBe('running');
    const forced = await cli(d, config(VBOX), ['stop', '--timeout', '1s', '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toMatchObject({ outcome: 'poweredOff' });
    expect(d.argvs().at(-1)).toEqual(['controlvm', 'orca-vm', 'poweroff']);
  });

  test('rebuild of a VM whose database cannot be reached: refused, then forced', async () => {
    const d = vbox({ state: 'running' });
    const path = config({ ...VBOX, startTimeoutSeconds: 10 });
    const refused = await cli(d, path, ['rebuild', '--yes', '--confirm-env', 'localEmergency', '--no-restore']);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain('--force');
    expect(d.argvs().some((a) => a[0] === 'controlvm')).toBe(false);

    const forced = await cli(d, path, [
      'rebuild',
      '--yes',
      '--confirm-env',
      'localEmergency',
      '--no-restore',
      '--force',
      '--json',
    ]);
    expect([forced.code, forced.stderr]).toEqual([0, expect.any(String)]);
    expect(JSON.parse(forced.stdout)).toMatchObject({
      entriesFound: null,
      safetyBackupId: null,
      restore: { kind: 'declined' },
    });
    const changes = d.argvs().filter((a) => a[0] !== 'showvminfo' && !(a[0] === 'snapshot' && a[2] === 'list'));
    expect(changes.slice(-3)).toEqual([
      ['controlvm', 'orca-vm', 'poweroff'],
      ['snapshot', 'orca-vm', 'restore', 'clean'],
      ['startvm', 'orca-vm', '--type', 'headless'],
    ]);
  }, 60_000);
});

describe('vm with Hyper-V (powershell.exe double)', () => {
  test('not elevated: status says so; start is exit 2 with the administrator hint', async () => {
    doubles = createVmDoubles({ elevated: false, vms: { 'orca-vm': { state: 'n/a', hyperv: { state: 'Off' } } } });
    const path = config({ provider: 'hyperv', name: 'orca-vm' });
    const status = await cli(doubles, path, ['status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      state: 'notFound',
      maybeNotElevated: true,
      missingForwards: null,
    });
    const start = await cli(doubles, path, ['start']);
    expect(start.code).toBe(2);
    expect(start.stderr).toContain('administrator');
  });

  test('start and stop through Start-VM / Stop-VM', async () => {
    doubles = createVmDoubles({ vms: { 'orca-vm': { state: 'n/a', hyperv: { state: 'Off' } } } });
    const path = config({ provider: 'hyperv', name: 'orca-vm' });
    expect((await cli(doubles, path, ['start'])).code).toBe(0);
    const stop = await cli(doubles, path, ['stop', '--json']);
    expect(JSON.parse(stop.stdout)).toMatchObject({ outcome: 'stopped' });
    expect(doubles.world().vms['orca-vm']!.hyperv!.state).toBe('Off');
  });
});
