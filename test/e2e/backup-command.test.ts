/**
 * `backup --from localEmergency|cloudEmergency` and `backups list` through the built binary: a direct
 * pg_dump (password through PGPASSWORD: the child's real command line is read from /proc by a wrapper
 * first on PATH) and a cloud export job then download; both verified into the catalog, 0600/0700.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { runCli } from '../helpers/cli.js';
import { expectPrivate, soundCatalog } from '../helpers/catalog-check.js';
import { expectNoSecrets, jsonOf, startSyncWorld, type SyncWorld, type TestSetup } from '../helpers/sync-world.js';

let world: SyncWorld;
let setup: TestSetup;
let wrapperDir: string;
let spawnLog: string;

beforeAll(async () => {
  world = await startSyncWorld();
  setup = world.makeConfig();
  wrapperDir = join(world.dir, 'wrappers');
  spawnLog = join(world.dir, 'spawned.log');
  mkdirSync(wrapperDir, { recursive: true });
  for (const tool of ['pg_dump', 'pg_restore']) {
    const real = (await execa('sh', ['-c', `command -v ${tool}`])).stdout.trim();
    const script = [
      '#!/bin/sh',
      // What the tool really passed: this shell's own command line, as any other process on the machine sees it.
      `{ tr '\\000' ' ' < /proc/$$/cmdline; echo; [ -n "$PGPASSWORD" ] && echo "PGPASSWORD is set"; } >> '${spawnLog}'`,
      `exec '${real}' "$@"`,
      '',
    ].join('\n');
    writeFileSync(join(wrapperDir, tool), script);
    chmodSync(join(wrapperDir, tool), 0o755);
  }
});

afterAll(async () => {
  await world?.stop();
});

const withWrappers = () => ({ PATH: `${wrapperDir}:${process.env.PATH ?? ''}` });

test('backup --from localEmergency: pg_dump with the password only in its environment, verified and cataloged', async () => {
  writeFileSync(spawnLog, '');
  const run = await runCli(['--config', setup.config, 'backup', '--from', 'localEmergency', '--json'], {
    env: withWrappers(),
  });
  expect([run.code, run.stderr]).toEqual([0, '']);
  const doc = jsonOf(run);
  expect(doc).toMatchObject({
    env: 'localEmergency',
    error: null,
    backup: { source: 'localEmergency', verified: true, id: expect.stringMatching(/-local$/) },
  });
  const entries = await soundCatalog(setup.folder);
  expect(entries.map((e) => [e.source, e.id])).toEqual([['localEmergency', doc.backup.id]]);
  expectPrivate(setup.folder);

  const lines = readFileSync(spawnLog, 'utf8').trim().split('\n');
  // The search asks a pg_dump on PATH whose folder tells no major for its `--version` first.
  const dumps = lines.filter((l) => /pg_dump /.test(l) && !/ --version $/.test(l));
  expect(dumps).toHaveLength(1);
  expect(dumps[0]).toContain('--format=custom');
  expect(dumps[0]).toContain('--dbname=orca_local_test');
  expect(lines[lines.indexOf(dumps[0]!) + 1]).toBe('PGPASSWORD is set');
  expect(lines.filter((l) => /pg_restore /.test(l)).length).toBeGreaterThanOrEqual(2);
  for (const secret of world.secrets) expect(lines.join('\n').includes(secret)).toBe(false);
  expectNoSecrets(world, setup, [run]);
  const journal = readFileSync(join(setup.stateDir, 'journal.jsonl'), 'utf8');
  expect(journal).toContain('"command":"backup"');
});

test('backups into folders whose names hold spaces, Japanese and parentheses', async () => {
  const japanese = world.makeConfig({ folderName: 'バックアップ 先 (院内)', stateDirName: '状態 フォルダー' });
  // pg_dump into the folder, and a cloud export downloaded there; each verified by pg_restore there.
  for (const from of ['localEmergency', 'cloudEmergency']) {
    const backup = await runCli(['--config', japanese.config, 'backup', '--from', from, '--json']);
    expect([from, backup.code, backup.stderr]).toEqual([from, 0, '']);
  }
  const entries = await soundCatalog(japanese.folder);
  expect(entries.map((e) => e.source).sort()).toEqual(['cloudEmergency', 'localEmergency']);
  for (const entry of entries) expect(entry.dumpPath.startsWith(join(japanese.folder, entry.source))).toBe(true);
  expectPrivate(japanese.folder);
});

test('backup --from cloudEmergency: an export job on the server, then a verified download', async () => {
  const run = await runCli(['--config', setup.config, 'backup', '--from', 'cloudEmergency', '--json']);
  expect([run.code, run.stderr]).toEqual([0, '']);
  const doc = jsonOf(run);
  expect(doc.backup).toMatchObject({ source: 'cloudEmergency', verified: true, id: expect.stringMatching(/-export$/) });
  const stored = await world.emergency.store.get(doc.backup.id);
  expect(stored).toMatchObject({ sha256: doc.backup.sha256, size: doc.backup.size, origin: 'export' });
  const entries = await soundCatalog(setup.folder);
  expect(entries.map((e) => e.source).sort()).toEqual(['cloudEmergency', 'localEmergency']);
  expectPrivate(setup.folder);
  expectNoSecrets(world, setup, [run]);

  const list = await runCli(['--config', setup.config, 'backups', 'list', '--json']);
  const rows = jsonOf(list).backups as Array<{ env: string; id: string; verified: boolean; restoredInto: string[] }>;
  expect(rows.map((r) => r.env).sort()).toEqual(['cloudEmergency', 'localEmergency']);
  expect(rows.every((r) => r.verified && r.restoredInto.length === 0)).toBe(true);
});

test('backup needs --from, and only an emergency environment', async () => {
  expect((await runCli(['--config', setup.config, 'backup'])).code).toBe(2);
  expect((await runCli(['--config', setup.config, 'backup', '--from', 'operating'])).code).toBe(2);
});

test('an unreachable local database fails with exit 3 and leaves the catalog as it was', async () => {
  const broken = world.makeConfig();
  const settings = JSON.parse(readFileSync(broken.config, 'utf8'));
  settings.environments.localEmergency.database.port = 1;
  writeFileSync(broken.config, JSON.stringify(settings), { mode: 0o600 });
  const run = await runCli(['--config', broken.config, 'backup', '--from', 'localEmergency', '--json']);
  expect(run.code).toBe(3);
  expect(jsonOf(run)).toMatchObject({ backup: null, error: { code: 'UNREACHABLE' } });
  expect(run.stderr).toContain('The backup catalog is unchanged.');
  expect(await soundCatalog(broken.folder)).toEqual([]);
});
