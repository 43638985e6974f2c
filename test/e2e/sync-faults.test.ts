/**
 * `sync` against the reference server's fault knobs, through the built binary: connection reset and
 * truncation mid-download (resumed with Range, never restarted), a byte corrupted in transit (sha256) or
 * stored corrupt (full read), 5xx then success, a server slower than the timeout, `kill -9` mid-download,
 * five runs at once, an archive version the local pg_restore cannot read. After every run the catalog
 * holds only verified dumps and the previous newest is intact.
 */
import { copyFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { BIN, runCli } from '../helpers/cli.js';
import { idsOf, soundCatalog } from '../helpers/catalog-check.js';
import {
  jsonOf,
  partialsOf,
  rangeStart,
  runSync,
  useSyncWorld,
  type SyncWorld,
  type TestSetup,
} from '../helpers/sync-world.js';
import { startThrottleProxy } from '../helpers/throttle-proxy.js';
import type { StoredBackup } from '../../src/lab/cloud/backup-store.js';

let world: SyncWorld;
useSyncWorld({ fillerBytes: 600 * 1024 }, (w) => (world = w));

/** A setup whose catalog already holds one verified backup (the "previous newest"). */
async function primed(
  options: Parameters<SyncWorld['makeConfig']>[0] = {},
): Promise<{ setup: TestSetup; previous: string }> {
  const nightly = await world.operating.createNightlyBackup();
  const setup = world.makeConfig(options);
  const run = await runSync(setup);
  expect([run.code, run.stderr]).toEqual([0, '']);
  return { setup, previous: nightly.id };
}

async function expectOnly(setup: TestSetup, ids: string[]): Promise<void> {
  expect(idsOf(await soundCatalog(setup.folder))).toEqual([...ids].sort());
}

/** Publishes a copy of `source`'s dump, changed by `edit`, as the operating environment's newest backup. */
async function publishEdited(source: StoredBackup, edit: (bytes: Buffer) => void): Promise<StoredBackup> {
  const store = world.operating.store;
  const id = await store.newId('nightly');
  const file = join(store.partialDir, `${id}.edit`);
  copyFileSync(store.contentPath(source.id), file);
  const bytes = readFileSync(file);
  edit(bytes);
  writeFileSync(file, bytes);
  return store.publish(id, file, 'nightly');
}

test('a reset mid-download is resumed from the bytes kept, not restarted', async () => {
  const { setup, previous } = await primed();
  const target = await world.operating.createNightlyBackup();
  world.operating.faults.set({ resetAfterBytes: 100_000 });
  const mark = world.requests.length;
  const run = await runSync(setup);
  expect(run.code).toBe(0);
  expect(jsonOf(run)).toMatchObject({ outcome: 'downloaded', backup: { id: target.id, sha256: target.sha256 } });
  const gets = world.contentGets(target.id, mark);
  expect(gets).toHaveLength(2);
  expect(rangeStart(gets[0]!)).toBe(0);
  expect(rangeStart(gets[1]!)).toBeGreaterThan(0);
  expect(rangeStart(gets[1]!)).toBeLessThanOrEqual(100_000);
  await expectOnly(setup, [previous, target.id]);
});

test('resets until the deadline keep the partial; the re-run asks only for the remaining bytes', async () => {
  const { setup, previous } = await primed();
  const target = await world.operating.createNightlyBackup();
  world.operating.faults.set({ resetAfterBytes: 48 * 1024, times: 1000 });
  const failed = await runSync(setup, '--deadline', '2s');
  expect(failed.code).toBe(3);
  expect(jsonOf(failed)).toMatchObject({ outcome: 'failed', backup: null, error: { code: 'UNREACHABLE' } });
  expect(failed.stderr).toMatch(/already downloaded are kept .*resumes from there/);
  expect(failed.stderr).toContain(`The newest verified backup is still ${previous}`);
  await expectOnly(setup, [previous]);
  expect(partialsOf(setup)).toEqual([`${target.id}.dump.partial`]);
  const held = statSync(join(setup.folder, 'operating', `${target.id}.dump.partial`)).size;
  expect(held).toBeGreaterThan(0);
  expect(held).toBeLessThan(target.size);

  world.operating.faults.clear();
  const mark = world.requests.length;
  const rerun = await runSync(setup);
  expect(rerun.code).toBe(0);
  const doc = jsonOf(rerun);
  expect(doc).toMatchObject({ outcome: 'downloaded', transfer: { resumedFrom: held, restarted: false } });
  const gets = world.contentGets(target.id, mark);
  expect(gets.map(rangeStart)).toEqual([held]);
  expect(doc.transfer.bytesReceived).toBe(target.size - held);
  await expectOnly(setup, [previous, target.id]);
  expect(partialsOf(setup)).toEqual([]);
});

test('a truncated body is resumed', async () => {
  const { setup, previous } = await primed();
  const target = await world.operating.createNightlyBackup();
  world.operating.faults.set({ truncateAfterBytes: 150_000 });
  const mark = world.requests.length;
  const run = await runSync(setup);
  expect(run.code).toBe(0);
  const starts = world.contentGets(target.id, mark).map(rangeStart);
  expect(starts).toHaveLength(2);
  expect(starts[1]).toBeGreaterThan(0);
  await expectOnly(setup, [previous, target.id]);
});

test('a byte corrupted in transit fails the sha256; it is fetched once more, then reported', async () => {
  const { setup, previous } = await primed();
  const target = await world.operating.createNightlyBackup();
  world.operating.faults.set({ corruptAtOffset: 5000, times: 2 });
  const failed = await runSync(setup);
  expect(failed.code).toBe(6);
  expect(jsonOf(failed).error).toMatchObject({ code: 'VERIFICATION', message: expect.stringContaining('sha256') });
  expect(failed.stderr).toMatch(/discarded and the catalog is unchanged/);
  await expectOnly(setup, [previous]);
  expect(partialsOf(setup)).toEqual([]);

  world.operating.faults.set({ corruptAtOffset: 5000, times: 1 });
  const mark = world.requests.length;
  const retried = await runSync(setup);
  expect(retried.code).toBe(0);
  expect(retried.stderr).toContain('failed its checksum');
  expect(world.contentGets(target.id, mark).map(rangeStart)).toEqual([0, 0]);
  await expectOnly(setup, [previous, target.id]);
});

test('a dump stored corrupt (its sha256 matches) is caught by the full read', async () => {
  const { setup, previous } = await primed();
  const good = await world.operating.createNightlyBackup();
  const bad = await publishEdited(good, (bytes) => {
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0xff;
  });
  const run = await runSync(setup);
  expect(run.code).toBe(6);
  expect(jsonOf(run).error.message).toMatch(new RegExp(`${bad.id}.*(damaged|cannot be read)`));
  await expectOnly(setup, [previous]);
  expect(partialsOf(setup)).toEqual([]);
});

test('5xx answers are retried, then the run succeeds', async () => {
  const { setup, previous } = await primed();
  const target = await world.operating.createNightlyBackup();
  world.operating.faults.set({ failNext: 2, failStatus: 503 });
  const run = await runSync(setup);
  expect(run.code).toBe(0);
  expect(jsonOf(run)).toMatchObject({ outcome: 'downloaded', backup: { id: target.id } });
  await expectOnly(setup, [previous, target.id]);
});

test('a server slower than the timeout fails within the deadline and changes nothing', async () => {
  const { setup, previous } = await primed({ requestTimeoutSeconds: 1 });
  await world.operating.createNightlyBackup();
  world.operating.faults.set({ delayMs: 2500 });
  const started = Date.now();
  const run = await runSync(setup, '--deadline', '4s');
  expect(Date.now() - started).toBeLessThan(20_000);
  expect(run.code).toBe(3);
  expect(jsonOf(run)).toMatchObject({ outcome: 'failed', error: { code: 'UNREACHABLE' } });
  expect(run.stderr).toContain('the next hourly run tries again');
  await expectOnly(setup, [previous]);
});

test('kill -9 mid-download: the re-run takes the stale lock over and resumes', async () => {
  const proxy = await startThrottleProxy(world.operating.port, 300 * 1024);
  try {
    const { setup, previous } = await primed({ operatingUrl: proxy.url });
    const target = await world.operating.createNightlyBackup();
    const partial = join(setup.folder, 'operating', `${target.id}.dump.partial`);
    const child = execa('node', [BIN, '--config', setup.config, 'sync'], { reject: false, env: { LANG: 'C' } });
    for (let i = 0; i < 400 && !(existsSync(partial) && statSync(partial).size >= 120_000); i++) await sleep(25);
    child.kill('SIGKILL');
    const killed = await child;
    expect(killed.signal).toBe('SIGKILL');
    const held = statSync(partial).size;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(target.size);
    expect(existsSync(join(setup.stateDir, 'orca-hybrid.lock'))).toBe(true);
    await expectOnly(setup, [previous]);

    const mark = world.requests.length;
    const rerun = await runSync(setup);
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toMatch(/Took over a stale lock/);
    expect(jsonOf(rerun)).toMatchObject({ outcome: 'downloaded', transfer: { resumedFrom: held } });
    expect(world.contentGets(target.id, mark).map(rangeStart)).toEqual([held]);
    await expectOnly(setup, [previous, target.id]);
  } finally {
    await proxy.close();
  }
});

test('five syncs started at once: one runs, four exit 7 naming the holder', async () => {
  const { setup, previous } = await primed();
  const target = await world.operating.createNightlyBackup();
  world.operating.faults.set({ delayMs: 700 });
  const runs = await Promise.all(Array.from({ length: 5 }, () => runSync(setup)));
  expect(runs.map((r) => r.code).sort()).toEqual([0, 7, 7, 7, 7]);
  for (const run of runs.filter((r) => r.code === 7)) {
    expect(jsonOf(run)).toMatchObject({ outcome: 'skippedLocked', backup: null, error: { code: 'LOCKED' } });
    expect(run.stderr).toMatch(/Another sync \(pid \d+ on .*\) holds the lock/);
    expect(run.stderr).toContain('sync skipped');
  }
  await expectOnly(setup, [previous, target.id]);
});

test('--wait waits for the holder, then runs (up to date)', async () => {
  const { setup, previous } = await primed();
  const target = await world.operating.createNightlyBackup();
  world.operating.faults.set({ delayMs: 600 });
  const holder = runSync(setup);
  await sleep(700);
  const waiter = await runSync(setup, '--wait', '60s');
  const held = await holder;
  expect([held.code, waiter.code]).toEqual([0, 0]);
  expect(jsonOf(held)).toMatchObject({ outcome: 'downloaded', backup: { id: target.id } });
  expect(jsonOf(waiter)).toMatchObject({ outcome: 'upToDate', backup: { id: target.id } });
  expect(waiter.stderr).toMatch(/Waiting up to 60 s for the lock held by sync \(pid \d+/);
  await expectOnly(setup, [previous, target.id]);
});

test('an archive version the local pg_restore cannot read is refused with what to install; no re-download', async () => {
  const { setup, previous } = await primed();
  const good = await world.operating.createNightlyBackup();
  const tooNew = await publishEdited(good, (bytes) => {
    bytes[6] = 16; // PGDMP, major 1, minor 16: pg_dump 17's archive format.
  });
  const run = await runSync(setup);
  expect(run.code).toBe(6);
  expect(run.stderr).toMatch(/archive version 1\.16/);
  expect(run.stderr).toMatch(/PostgreSQL 17/);
  await expectOnly(setup, [previous]);
  expect(partialsOf(setup)).toEqual([`${tooNew.id}.dump.partial`]);

  const mark = world.requests.length;
  const again = await runSync(setup);
  expect(again.code).toBe(6);
  expect(world.contentGets(tooNew.id, mark)).toEqual([]);
  await expectOnly(setup, [previous]);
  const human = await runCli(['--config', setup.config, '--lang', 'ja', 'sync']);
  expect(human.stderr).toContain('PostgreSQL 17 のクライアント');
});
