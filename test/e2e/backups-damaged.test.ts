/**
 * Backups that went bad after they were verified, through the built binary against the lab's reference
 * server: `backups verify` finds and marks them (never deletes them), `backups list` and `status` stop
 * calling them verified, `sync` fetches a damaged or vanished newest backup again, and a sidecar whose dump
 * file is gone is listed rather than hidden.
 */
import { open, readFile, rm, truncate } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { idsOf, soundCatalog } from '../helpers/catalog-check.js';
import { jsonOf, runSync, startSyncWorld, type SyncWorld, type TestSetup } from '../helpers/sync-world.js';

let world: SyncWorld;

beforeAll(async () => {
  world = await startSyncWorld({ fillerBytes: 300 * 1024 });
});

afterAll(async () => {
  await world?.stop();
});

const cli = (setup: TestSetup, ...args: string[]) => runCli(['--config', setup.config, ...args]);
const listJson = async (setup: TestSetup) =>
  JSON.parse((await cli(setup, 'backups', 'list', '--json')).stdout) as {
    backups: Array<{ id: string; condition: string; verified: boolean; damage: { check: string } | null }>;
  };

async function flipByte(file: string, at: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, at);
    byte[0] = byte[0]! ^ 0xff;
    await handle.write(byte, 0, 1, at);
  } finally {
    await handle.close();
  }
}

test('a byte flipped after verification: verify marks it (exit 6), list and status stop trusting it, sync fetches it again', async () => {
  const nightly = await world.operating.createNightlyBackup();
  const setup = world.makeConfig();
  expect((await runSync(setup, '--no-upload')).code).toBe(0);
  const dump = join(setup.folder, 'operating', `${nightly.id}.dump`);
  await flipByte(dump, Math.floor(nightly.size / 2));

  const verify = await cli(setup, 'backups', 'verify', '--json');
  expect(verify.code).toBe(6);
  const doc = JSON.parse(verify.stdout);
  expect(doc).toMatchObject({ checked: 1, failed: 1 });
  expect(doc.results[0]).toMatchObject({ id: nightly.id, outcome: 'damaged', check: 'sha256' });
  // Marked, never deleted.
  expect(existsSync(dump)).toBe(true);
  const sidecar = JSON.parse(await readFile(dump.replace(/\.dump$/, '.json'), 'utf8'));
  expect(sidecar.damaged).toMatchObject({ check: 'sha256' });

  expect((await listJson(setup)).backups[0]).toMatchObject({ id: nightly.id, condition: 'damaged' });
  const table = await cli(setup, 'backups', 'list');
  expect(table.stdout).toContain('damaged (checksum differs)');
  const status = JSON.parse((await cli(setup, 'status', '--json', '--timeout', '3')).stdout);
  expect(status.newestBackup).toBeNull();

  const again = await runSync(setup, '--no-upload');
  expect(again.code).toBe(0);
  expect(jsonOf(again)).toMatchObject({ outcome: 'downloaded', backup: { id: nightly.id } });
  expect(again.stderr).toContain('damaged or its file is missing');
  expect(idsOf(await soundCatalog(setup.folder))).toEqual([nightly.id]);
  const ok = await cli(setup, 'backups', 'verify', '--all');
  expect([ok.code, ok.stdout]).toEqual([0, expect.stringContaining('passed')]);
  const journal = await readFile(join(setup.stateDir, 'journal.jsonl'), 'utf8');
  expect(journal).toContain('"command":"backups verify"');
});

test('a truncated newest dump counts as damaged at once: list says so and sync downloads it again', async () => {
  const nightly = await world.operating.createNightlyBackup();
  const setup = world.makeConfig();
  expect((await runSync(setup, '--no-upload')).code).toBe(0);
  await truncate(join(setup.folder, 'operating', `${nightly.id}.dump`), 1000);
  expect((await listJson(setup)).backups[0]).toMatchObject({ condition: 'damaged', damage: { check: 'size' } });
  const again = await runSync(setup, '--no-upload');
  expect(jsonOf(again)).toMatchObject({ outcome: 'downloaded', backup: { id: nightly.id } });
  expect(idsOf(await soundCatalog(setup.folder))).toEqual([nightly.id]);
});

test('a sidecar whose dump file is gone is listed as missing, and sync fetches that backup again', async () => {
  const nightly = await world.operating.createNightlyBackup();
  const setup = world.makeConfig();
  expect((await runSync(setup, '--no-upload')).code).toBe(0);
  await rm(join(setup.folder, 'operating', `${nightly.id}.dump`));
  expect((await listJson(setup)).backups).toEqual([expect.objectContaining({ id: nightly.id, condition: 'missing' })]);
  expect((await cli(setup, 'backups', 'list')).stdout).toContain('dump file missing');
  const verify = await cli(setup, 'backups', 'verify', '--json');
  expect([verify.code, JSON.parse(verify.stdout).results[0].outcome]).toEqual([6, 'missing']);
  const again = await runSync(setup, '--no-upload');
  expect(jsonOf(again)).toMatchObject({ outcome: 'downloaded', backup: { id: nightly.id } });
  expect((await listJson(setup)).backups[0]).toMatchObject({ id: nightly.id, condition: 'verified' });
});

test('verify: an unknown id is a usage error; --all checks every backup', async () => {
  const setup = world.makeConfig();
  await world.operating.createNightlyBackup();
  expect((await runSync(setup, '--no-upload')).code).toBe(0);
  await world.operating.createNightlyBackup();
  expect((await runSync(setup, '--no-upload')).code).toBe(0);
  const unknown = await cli(setup, 'backups', 'verify', 'no-such-backup');
  expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('no-such-backup')]);
  const all = JSON.parse((await cli(setup, 'backups', 'verify', '--all', '--json')).stdout);
  expect(all).toMatchObject({ checked: 2, failed: 0 });
});
