/**
 * The `--json` contract (docs/json-output.md) of every command through the built binary: exactly one JSON
 * document on stdout, on success and on each failure exit code it has — usage (2), unreachable (3),
 * refused credentials (4), a guard (5), verification (6), the lock (7), partly done (8). Ctrl-C (130) is
 * held to it in sync-cancel and restore-cloud.
 */
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../helpers/cli.js';
import { startHolder } from '../helpers/lock-holder.js';
import { writeState } from '../helpers/state-files.js';
import { startSyncWorld, type SyncWorld, type TestSetup } from '../helpers/sync-world.js';

let world: SyncWorld;
let ready: TestSetup;
let backupId: string;
const scratch = mkdtempSync(join(tmpdir(), 'orca-json-contract-'));

beforeAll(async () => {
  world = await startSyncWorld();
  ready = world.makeConfig();
  backupId = (await world.operating.createNightlyBackup()).id;
  expect((await cli(ready, ['sync', '--json'])).code).toBe(0);
});

afterAll(async () => {
  rmSync(scratch, { recursive: true, force: true });
  await world?.stop();
});

afterEach(() => {
  world.operating.faults.clear();
  world.emergency.faults.clear();
});

function cli(setup: TestSetup, args: string[]): Promise<CliRun> {
  return runCli(['--config', setup.config, ...args]);
}

/** Exactly one JSON document (an object or an array) on stdout, whatever else went to stderr. */
function oneDocument(run: CliRun): unknown {
  const text = run.stdout.trim();
  expect(text.startsWith('{') || text.startsWith('[')).toBe(true);
  return JSON.parse(text) as unknown;
}

/** A setup whose config differs from a fresh one by `change` (wrong key, dead URL, invalid value). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a config tree reshaped freely
type Tree = Record<string, any>;

function variant(change: (config: Tree) => void): TestSetup {
  const setup = world.makeConfig();
  const config = JSON.parse(readFileSync(setup.config, 'utf8')) as Tree;
  change(config);
  writeFileSync(setup.config, JSON.stringify(config), { mode: 0o600 });
  return setup;
}

const wrongKey = (env: 'operating' | 'cloudEmergency') => (c: Tree) => {
  const file = join(scratch, `${env}-wrong.key`);
  writeFileSync(file, 'not-the-key\n', { mode: 0o600 });
  c.environments[env].credentials.apiKeyFile = file;
};

test.each<[string, string[], number]>([
  ['status', ['status', '--json'], 0],
  ['status: bad --timeout', ['status', '--json', '--timeout', 'soon'], 2],
  ['sync (up to date)', ['sync', '--json'], 0],
  ['sync: bad --wait', ['sync', '--json', '--wait', 'soon'], 2],
  ['backup', ['backup', '--from', 'localEmergency', '--json'], 0],
  ['backup without --from', ['backup', '--json'], 2],
  ['backups list', ['backups', 'list', '--json'], 0],
  ['select', ['select', 'local', '--json'], 0],
  ['select: bad choice', ['select', 'moon', '--json'], 2],
  ['switch: not a mode', ['switch', 'sideways', '--json'], 2],
  ['switch: --force without --reason', ['switch', 'recovery', '--force', '--json'], 2],
  ['switch: no --yes without a terminal', ['switch', 'emergency', '--json'], 2],
  ['journal', ['journal', '--json'], 0],
  ['journal: bad --since', ['journal', '--since', 'soon', '--json'], 2],
  ['unlock (no lock)', ['unlock', '--json'], 0],
  ['config validate', ['config', 'validate', '--json'], 0],
  ['config show', ['config', 'show', '--json'], 0],
  ['bump-seq --dry-run', ['bump-seq', '--env', 'localEmergency', '--from', 'operating', '--dry-run', '--json'], 0],
  ['bump-seq without --env', ['bump-seq', '--json'], 2],
  ['restore', ['restore', '--target', 'localEmergency', '--yes', '--json'], 0],
  ['restore: bad --target', ['restore', '--target', 'nonsense', '--json'], 2],
  ['restore: no such backup', ['restore', '--backup', 'nope', '--yes', '--json'], 2],
  ['schedule show', ['schedule', 'show', '--dry-run', '--platform', 'cron', '--json'], 0],
  ['schedule: another platform', ['schedule', 'install', '--platform', 'windows', '--json'], 2],
  ['an unknown command', ['frobnicate', '--json'], 2],
])('%s %j: exit %i, one document', async (_name, args, exit) => {
  const run = await cli(ready, args);
  expect([run.code, run.stderr]).toEqual([exit, expect.any(String)]);
  const doc = oneDocument(run) as { error?: { exitCode: number } };
  if (exit !== 0 && !Array.isArray(doc) && 'error' in doc) expect(doc.error?.exitCode).toBe(exit);
});

test('lab commands: one document with or without a lab', async () => {
  const dir = join(scratch, 'no-lab');
  expect(oneDocument(await runCli(['lab', 'path', '--dir', dir, '--json']))).toEqual({ config: expect.any(String) });
  expect(oneDocument(await runCli(['lab', 'status', '--dir', dir, '--json']))).toMatchObject({ exists: false });
  const none = await runCli(['lab', 'nightly', '--dir', dir, '--json']);
  expect(none.code).toBe(2);
  expect(oneDocument(none)).toMatchObject({ error: { exitCode: 2 } });
});

test('an invalid configuration (exit 2): config validate reports it, any other command the error', async () => {
  const invalid = variant((c) => (c.backup.retention = -1));
  const validate = await cli(invalid, ['config', 'validate', '--json']);
  expect(validate.code).toBe(2);
  expect(oneDocument(validate)).toMatchObject({
    valid: false,
    problems: [expect.objectContaining({ path: 'backup.retention' })],
  });
  const status = await cli(invalid, ['status', '--json']);
  expect([status.code, oneDocument(status)]).toEqual([2, { error: expect.objectContaining({ code: 'CONFIG' }) }]);
});

test('status --strict: unreachable (3) and refused credentials (4) keep the report as the one document', async () => {
  const dead = variant((c) => {
    c.environments.cloudEmergency.url = 'https://127.0.0.1:9';
    c.environments.cloudEmergency.orcaApiUrl = 'https://127.0.0.1:9';
  });
  const unreachable = await cli(dead, ['status', '--json', '--strict', '--timeout', '3']);
  expect(unreachable.code).toBe(3);
  expect(oneDocument(unreachable)).toMatchObject({ environments: { cloudEmergency: { online: false } } });
  const refused = await cli(variant(wrongKey('cloudEmergency')), ['status', '--json', '--strict']);
  expect(refused.code).toBe(4);
  expect(oneDocument(refused)).toMatchObject({ environments: { cloudEmergency: { error: { code: 'AUTH' } } } });
});

test('switch emergency with the selected emergency environment unreachable (3): one error document', async () => {
  const dead = variant((c) => {
    c.environments.cloudEmergency.url = 'https://127.0.0.1:9';
    c.environments.cloudEmergency.orcaApiUrl = 'https://127.0.0.1:9';
  });
  writeState(dead.stateDir, { selectedEmergency: 'cloud' });
  const run = await cli(dead, ['switch', 'emergency', '--yes', '--json', '--timeout', '2s']);
  expect([run.code, oneDocument(run)]).toEqual([3, { error: expect.objectContaining({ code: 'UNREACHABLE' }) }]);
});

test('sync and backup refused (4), partly done (8): their own documents', async () => {
  const refused = await cli(variant(wrongKey('operating')), ['sync', '--json']);
  expect([refused.code, oneDocument(refused)]).toEqual([4, expect.objectContaining({ outcome: 'failed' })]);
  const cloudBackup = await cli(variant(wrongKey('cloudEmergency')), ['backup', '--from', 'cloudEmergency', '--json']);
  expect([cloudBackup.code, oneDocument(cloudBackup)]).toEqual([4, expect.objectContaining({ backup: null })]);
  const fresh = world.makeConfig();
  await world.operating.createNightlyBackup();
  world.emergency.faults.set({ failNext: 1000, failStatus: 503 });
  const partly = await cli(fresh, ['sync', '--json', '--deadline', '5s']);
  expect(partly.code).toBe(8);
  expect(oneDocument(partly)).toMatchObject({ outcome: 'downloaded', upload: 'failed', error: { exitCode: 3 } });
});

test('a guard (5): an illegal switch and a restore refused in emergency mode, unlock of a live holder', async () => {
  const guarded = world.makeConfig();
  writeState(guarded.stateDir, { mode: 'emergency', selectedEmergency: 'local' });
  const illegal = await cli(guarded, ['switch', 'normal', '--yes', '--json']);
  expect([illegal.code, oneDocument(illegal)]).toEqual([5, { error: expect.objectContaining({ code: 'REFUSED' }) }]);
  copyCatalog(guarded);
  const restore = await cli(guarded, ['restore', '--target', 'localEmergency', '--yes', '--json']);
  expect([restore.code, oneDocument(restore)]).toEqual([5, { error: expect.objectContaining({ exitCode: 5 }) }]);
  const holder = startHolder(guarded.stateDir, 'sync');
  try {
    expect(await holder.acquired).toBe(true);
    const unlock = await cli(guarded, ['unlock', '--json']);
    expect([unlock.code, oneDocument(unlock)]).toEqual([5, { error: expect.objectContaining({ code: 'REFUSED' }) }]);
  } finally {
    await holder.release();
  }
});

test('another run holds the lock (7): sync, backup, restore, bump-seq, switch and select each say so in one document', async () => {
  const locked = world.makeConfig();
  const holder = startHolder(locked.stateDir, 'sync');
  try {
    expect(await holder.acquired).toBe(true);
    for (const args of [
      ['sync', '--json'],
      ['backup', '--from', 'localEmergency', '--json'],
      ['restore', '--yes', '--json'],
      ['bump-seq', '--env', 'localEmergency', '--from', 'operating', '--wait', '0', '--yes', '--json'],
      ['switch', 'emergency', '--yes', '--json'],
      ['select', 'cloud', '--json'],
    ]) {
      const run = await cli(locked, args);
      expect([args[0], run.code]).toEqual([args[0], 7]);
      expect(JSON.stringify(oneDocument(run))).toContain('"code":"LOCKED"');
    }
  } finally {
    await holder.release();
  }
});

test('verification (6): a dump altered after it was cataloged is refused by restore', async () => {
  const altered = world.makeConfig();
  const dump = copyCatalog(altered);
  const handle = openSync(dump, 'r+');
  writeSync(handle, Buffer.from([0x5a]), 0, 1, 2000);
  closeSync(handle);
  const run = await cli(altered, ['restore', '--target', 'localEmergency', '--yes', '--json']);
  expect([run.code, oneDocument(run)]).toEqual([6, { error: expect.objectContaining({ code: 'VERIFICATION' }) }]);
});

/** The ready setup's verified backup, copied into `setup`'s catalog; returns the copy's dump path. */
function copyCatalog(setup: TestSetup): string {
  const from = join(ready.folder, 'operating');
  const to = join(setup.folder, 'operating');
  mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const ext of ['dump', 'json']) copyFileSync(join(from, `${backupId}.${ext}`), join(to, `${backupId}.${ext}`));
  return join(to, `${backupId}.dump`);
}
