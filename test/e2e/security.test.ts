/**
 * Issue #12 end to end, through the built binary against the lab's reference server. Links planted at
 * every path a `sync` and `status --prometheus` write are replaced or refused, never followed. The server
 * is untrusted to the last byte:
 * a download longer than listed (with and without Content-Length) is cut off and its partial removed
 * (exit 6); a server certificate from another CA is a TLS verification failure (exit 6, TLS_VERIFICATION),
 * never retried, journaled as such and shown as such by `status`; terminal controls in a server's version
 * and clinic name and in the recorded last sync message never reach the terminal.
 */
import { lstatSync, lutimesSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCatalog } from '../../src/adapters/fs/backup-catalog.js';
import { lockPaths } from '../../src/adapters/fs/lock-holder.js';
import { createOtherCa } from '../../src/lab/pki.js';
import { expectNoLink, makeOutside, plantLink } from '../helpers/planted-links.js';
import { runCli } from '../helpers/cli.js';
import { idsOf, soundCatalog } from '../helpers/catalog-check.js';
import {
  INSTITUTION,
  jsonOf,
  partialsOf,
  runSync,
  useSyncWorld,
  type SyncWorld,
  type TestSetup,
} from '../helpers/sync-world.js';

let world: SyncWorld;
useSyncWorld({ fillerBytes: 300 * 1024 }, (w) => (world = w));

/** Any terminal control but line feed and tab, 7-bit or 8-bit, and the bidi overrides. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

async function primed(): Promise<{ setup: TestSetup; previous: string }> {
  const nightly = await world.operating.createNightlyBackup();
  const setup = world.makeConfig();
  const run = await runSync(setup);
  expect([run.code, run.stderr]).toEqual([0, '']);
  return { setup, previous: nightly.id };
}

describe('links planted where the tool writes', () => {
  test('sync: journal, run log, lock, holder, state lock, partial, dump and sidecar replaced, outside untouched', async () => {
    const { setup, previous } = await primed();
    const target = await world.operating.createNightlyBackup();
    const outside = makeOutside(join(setup.dir, 'outside'));
    const lock = lockPaths(setup.stateDir);
    const envDir = join(setup.folder, 'operating');
    const planted: Array<[string, string]> = [
      [join(setup.stateDir, 'journal.jsonl'), outside.file('journal')],
      [join(setup.stateDir, 'orca-hybrid.log'), outside.file('log')],
      [lock.lockDir, outside.folder('lock')],
      [lock.holderFile, outside.file('holder', '{"pid": 1}')],
      [join(setup.stateDir, 'state.json.lock'), outside.folder('state-lock')],
      [join(envDir, `${target.id}.dump.partial`), outside.file('partial')],
      [join(envDir, `${target.id}.dump`), outside.file('dump')],
      [join(envDir, `${target.id}.json`), outside.file('sidecar')],
    ];
    // The previous run's journal, log and lock files give way to the links (a folder shared once).
    const old = new Date(Date.now() - 120_000);
    for (const [at, to] of planted) {
      rmAny(at);
      plantLink(at, to);
      lutimesSync(at, old, old); // a lock left long ago: taken over at once
    }
    const run = await runSync(setup);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^(Took over a stale lock[^\n]*\n?)?$/);
    expect(jsonOf(run).backup.id).toBe(target.id);
    outside.expectUntouched();
    for (const [at] of planted) expectNoLink(at);
    expect(idsOf(await soundCatalog(setup.folder))).toEqual([previous, target.id].sort());
    expect(lstatSync(join(envDir, `${target.id}.dump`)).isFile()).toBe(true);
  });

  test('a sidecar reached through a link vouches for nothing: it reads as damaged', async () => {
    const { setup, previous } = await primed();
    const sidecar = join(setup.folder, 'operating', `${previous}.json`);
    const moved = join(setup.dir, 'moved-sidecar.json');
    renameSync(sidecar, moved);
    plantLink(sidecar, moved);
    const catalog = await readCatalog(setup.folder);
    expect(catalog.entries).toEqual([]);
    expect(catalog.damaged).toEqual([sidecar]);
  });

  test('sync: a link at state.json is refused (exit 5) and its target untouched', async () => {
    const { setup } = await primed();
    const outside = makeOutside(join(setup.dir, 'outside'));
    const state = join(setup.stateDir, 'state.json');
    rmAny(state);
    plantLink(state, outside.file('state', readFileSync(join(setup.dir, 'orca-hybrid.json'), 'utf8')));
    const run = await runSync(setup);
    expect(run.code).toBe(5);
    expect((jsonOf(run).error as { message: string }).message).toContain(state);
    outside.expectUntouched();
  });

  test('status --prometheus: a link at the metrics file is replaced, its target untouched', async () => {
    const setup = world.makeConfig();
    const collector = join(setup.dir, 'collector');
    mkdirSync(collector);
    const outside = makeOutside(join(setup.dir, 'outside'));
    const file = join(collector, 'orca-hybrid.prom');
    plantLink(file, outside.file('metrics.prom'));
    const run = await runCli(['--config', setup.config, 'status', '--prometheus', file]);
    expect([0, 3]).toContain(run.code); // the local emergency environment's WebORCA is absent here
    outside.expectUntouched();
    expectNoLink(file);
    expect(readFileSync(file, 'utf8')).toContain('# TYPE');
  });
});

function rmAny(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

describe('a download longer than listed', () => {
  test.each([
    ['with a Content-Length that says so', true],
    ['streamed without a Content-Length', false],
  ])('%s: cut off, the partial removed as the message says, exit 6', async (_name, declared) => {
    const { setup, previous } = await primed();
    const target = await world.operating.createNightlyBackup();
    world.operating.faults.set({ overlongBytes: 4 << 20, overlongDeclared: declared });
    const run = await runSync(setup);
    expect(run.code).toBe(6);
    const error = jsonOf(run).error as { code: string; message: string };
    expect(error.code).toBe('VERIFICATION');
    expect(error.message).toContain(`listed with ${target.size} bytes but the server sent more`);
    // Declared: refused before a byte was read; streamed: at the first byte past the listed size.
    expect(error.message).toContain(`stopped at byte ${declared ? 0 : target.size + 1}`);
    expect(error.message).toMatch(/partial file .*\.partial was removed/);
    expect(partialsOf(setup)).toEqual([]);
    expect(idsOf(await soundCatalog(setup.folder))).toEqual([previous]);
    // The next run, with an honest server, fetches it from byte 0.
    const again = await runSync(setup);
    expect(again.code).toBe(0);
    expect(jsonOf(again).backup.id).toBe(target.id);
  });
});

describe('a server certificate from another CA', () => {
  test('sync: TLS_VERIFICATION, exit 6, one connection, journaled as such; status says so', async () => {
    const other = createOtherCa({ hosts: ['127.0.0.1'] });
    const setup = world.makeConfig();
    const otherCa = join(setup.dir, 'other-ca.crt');
    writeFileSync(otherCa, other.caCertPem, { mode: 0o600 });
    const config = JSON.parse(readFileSync(setup.config, 'utf8')) as {
      environments: { operating: { credentials: { caFile: string } } };
    };
    config.environments.operating.credentials.caFile = otherCa;
    writeFileSync(setup.config, JSON.stringify(config), { mode: 0o600 });
    const mark = world.requests.length;

    const run = await runSync(setup);
    expect(run.code).toBe(6);
    const error = jsonOf(run).error as { code: string; message: string; hint: string };
    expect(error.code).toBe('TLS_VERIFICATION');
    expect(error.message).toContain(`does not chain to the CA in ${otherCa} (the configured caFile)`);
    expect(error.message).toContain('not an outage and was not retried');
    expect(error.hint).toContain('intercepting');
    expect(world.requests.slice(mark).filter((r) => r.port === world.operating.port)).toEqual([]);

    const journal = readFileSync(join(setup.stateDir, 'journal.jsonl'), 'utf8').trim().split('\n');
    const last = JSON.parse(journal.at(-1)!) as { exitCode: number; error: { code: string } };
    expect([last.exitCode, last.error.code]).toEqual([6, 'TLS_VERIFICATION']);
    expect(readFileSync(join(setup.stateDir, 'orca-hybrid.log'), 'utf8')).toContain('the configured caFile');

    const status = await runCli(['--config', setup.config, 'status', '--wide']);
    const row = status.stdout.split('\n').find((l) => l.includes('operating environment') && l.includes('│'));
    expect(row).toContain('certificate refused');
    expect(row).not.toContain('unavailable');
    const strict = await runCli(['--config', setup.config, 'status', '--strict', '--json']);
    expect(strict.code).toBe(6);
    expect(jsonOf(strict).environments.operating.error.code).toBe('TLS_VERIFICATION');
  });
});

describe('terminal controls from a server or a file', () => {
  const HOSTILE_VERSION = '0502\x1b]0;pwned\x07\x1b[2J-1\r\x9b31m';
  const HOSTILE_NAME = 'Evil\x1b[1;1H Clinic\x9d8;;http://x\x9c\u202e';

  async function setIdentity(version: string, name: string): Promise<void> {
    const client = await world.cluster.connect('orca_operating_test');
    try {
      const { writeClinicIdentity, writeStructureVersion } = await import('../../src/lab/orca/system-rows.js');
      await writeStructureVersion(client, version, '20260906');
      await writeClinicIdentity(client, { institutionCode: INSTITUTION, clinicName: name, ymd: '20260906' });
    } finally {
      await client.end();
    }
  }

  test("a server's version and clinic name and the recorded sync message reach the terminal without them", async () => {
    const { setup } = await primed();
    const statePath = join(setup.stateDir, 'state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as { lastSync: Record<string, unknown> };
    state.lastSync = { ...state.lastSync, outcome: 'failed', message: 'boom\r\x1b[2K\x1b]52;c;cGF5bG9hZA==\x07ok\x85' };
    writeFileSync(statePath, JSON.stringify(state), { mode: 0o600 });
    await setIdentity(HOSTILE_VERSION, HOSTILE_NAME);
    try {
      for (const args of [['status', '--wide'], ['status'], ['--lang', 'ja', 'status']]) {
        const run = await runCli(['--config', setup.config, ...args]);
        expect(run.stdout + run.stderr).not.toMatch(CONTROL);
        expect(run.stdout).toContain('0502-1');
        expect(run.stdout).toContain('boomok');
      }
      const json = await runCli(['--config', setup.config, 'status', '--json']);
      expect(json.stdout).not.toMatch(CONTROL);
      const report = jsonOf(json);
      expect(report.environments.operating.version).toBe(HOSTILE_VERSION);
      expect(report.lastSync.message).toContain('\x1b]52;');
    } finally {
      await setIdentity('050200-1', 'Test Clinic');
    }
  });
});
