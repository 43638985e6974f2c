/**
 * How a `sync` ends when it does not succeed, through the built binary: the journal records the real outcome,
 * exit code and wall time (a run refused with 401 is `failed`/4), and Ctrl-C stops it at a safe point — exit
 * 130, what was kept said and journaled, the lock released, no empty `.partial` left behind.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { BIN } from '../helpers/cli.js';
import { journalLines } from '../helpers/state-files.js';
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

let world: SyncWorld;
useSyncWorld({ fillerBytes: 600 * 1024 }, (w) => (world = w));

const journal = (setup: TestSetup) => journalLines(setup.stateDir);

/** Starts `sync --json`, waits until `ready()` holds, then presses Ctrl-C once. */
async function interruptedSync(setup: TestSetup, ready: () => boolean) {
  const child = execa('node', [BIN, '--config', setup.config, 'sync', '--json'], {
    reject: false,
    env: { LANG: 'C' },
    timeout: 60_000,
  });
  try {
    for (let i = 0; i < 800 && !ready(); i++) await sleep(25);
    expect(ready()).toBe(true);
  } finally {
    child.kill('SIGINT');
  }
  const done = await child;
  return { code: done.exitCode ?? -1, stdout: String(done.stdout), stderr: String(done.stderr) };
}

const lockGone = (setup: TestSetup) =>
  !existsSync(join(setup.stateDir, 'orca-hybrid.lock')) && !existsSync(join(setup.stateDir, 'orca-hybrid.lock.json'));

test('a sync refused with 401 is journaled failed/4 with the wall time of the whole command', async () => {
  const setup = world.makeConfig();
  writeFileSync(join(setup.dir, 'operating.key'), 'not-the-key\n', { mode: 0o600 });
  await world.operating.createNightlyBackup();
  world.operating.faults.set({ delayMs: 600 });
  const run = await runSync(setup);
  expect(run.code).toBe(4);
  expect(jsonOf(run)).toMatchObject({ outcome: 'failed', error: { code: 'AUTH', exitCode: 4 } });
  const lines = journal(setup);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ command: 'sync', outcome: 'failed', exitCode: 4, error: { code: 'AUTH' } });
  expect(lines[0]!.after).toMatchObject({ 'lastSync.outcome': 'failed' });
  // The refusal alone took 600 ms: a duration of the state write only would be a few ms.
  expect(lines[0]!.durationMs).toBeGreaterThanOrEqual(600);
});

test('Ctrl-C before any byte arrived: exit 130, journaled, lock released, no empty .partial left', async () => {
  const setup = world.makeConfig();
  const target = await world.operating.createNightlyBackup();
  world.operating.faults.set({ delayMs: 1500 });
  const mark = world.requests.length;
  const run = await interruptedSync(setup, () => world.contentGets(target.id, mark).length > 0);
  expect(run.code).toBe(130);
  expect(jsonOf(run)).toMatchObject({ outcome: 'failed', error: { code: 'CANCELLED', exitCode: 130 } });
  expect(run.stderr).toContain(`Stopped while fetching backup ${target.id} (0 of ${target.size} bytes are here).`);
  expect(run.stderr).toContain('Nothing was changed; the next hourly run tries again.');
  expect(partialsOf(setup)).toEqual([]);
  expect(lockGone(setup)).toBe(true);
  expect(journal(setup)).toEqual([
    expect.objectContaining({
      command: 'sync',
      outcome: 'failed',
      exitCode: 130,
      error: expect.objectContaining({ code: 'CANCELLED' }),
    }),
  ]);
});

test('Ctrl-C mid-download keeps the bytes for the resume, says so and journals it; the re-run resumes', async () => {
  const proxy = await startThrottleProxy(world.operating.port, 300 * 1024);
  try {
    const setup = world.makeConfig({ operatingUrl: proxy.url });
    const target = await world.operating.createNightlyBackup();
    const partial = join(setup.folder, 'operating', `${target.id}.dump.partial`);
    const run = await interruptedSync(setup, () => existsSync(partial) && statSync(partial).size >= 120_000);
    expect(run.code).toBe(130);
    const held = statSync(partial).size;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(target.size);
    expect(jsonOf(run)).toMatchObject({ outcome: 'failed', error: { code: 'CANCELLED' } });
    expect(run.stderr).toContain(`(${held} of ${target.size} bytes are here)`);
    expect(run.stderr).toContain('already downloaded are kept (not in the catalog); the next hourly run resumes');
    expect(lockGone(setup)).toBe(true);
    expect(journal(setup).map((l) => [l.outcome, l.exitCode])).toEqual([['failed', 130]]);

    const mark = world.requests.length;
    const rerun = await runSync(setup);
    expect(rerun.code).toBe(0);
    expect(jsonOf(rerun)).toMatchObject({ outcome: 'downloaded', transfer: { resumedFrom: held } });
    expect(world.contentGets(target.id, mark).map(rangeStart)).toEqual([held]);
  } finally {
    await proxy.close();
  }
});
