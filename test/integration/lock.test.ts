import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir, uptime } from 'node:os';
import { join } from 'node:path';
import { lockPaths } from '../../src/adapters/fs/lock-holder.js';
import { readLockHolder } from '../../src/adapters/fs/lock-stale.js';
import { startHolder } from '../helpers/lock-holder.js';

const made: string[] = [];
async function stateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'orca-lock-test-'));
  made.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** Lock files as a holder on `host` with `pid` would leave them, refreshed `ageMs` ago. */
async function plantLock(
  dir: string,
  holder: { pid: number; host: string; command?: string; phase?: string | null } | null,
  ageMs: number,
): Promise<void> {
  const paths = lockPaths(dir);
  await mkdir(paths.lockDir);
  if (holder) {
    const doc = {
      user: 'staff',
      command: 'sync',
      startedAt: new Date(Date.now() - ageMs).toISOString(),
      phase: null,
      nonce: `planted-${holder.pid}`,
      ...holder,
    };
    await writeFile(paths.holderFile, JSON.stringify(doc));
  }
  const when = new Date(Date.now() - ageMs);
  await utimes(paths.lockDir, when, when);
}

describe('the lock (real processes)', () => {
  test('a second process gets exit 7 naming the holder: pid, host, start, phase', async () => {
    const dir = await stateDir();
    const first = startHolder(dir, 'sync', ['--phase', 'downloading']);
    expect(await first.acquired).toBe(true);
    const second = await startHolder(dir, 'sync').exited();
    expect(second.code).toBe(7);
    expect(second.stderr).toMatch(
      new RegExp(
        `Another sync \\(pid ${first.child.pid} on ${hostname()}, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\(\\d+ s ago\\), downloading\\) holds the lock`,
      ),
    );
    expect(second.stdout).not.toContain('acquired');
    const report = await readLockHolder(dir);
    expect(report).toMatchObject({ pid: first.child.pid, command: 'sync', phase: 'downloading', stale: false });
    expect((await first.release()).code).toBe(0);
    expect(await readLockHolder(dir)).toBeNull();
    expect(await exists(lockPaths(dir).lockDir)).toBe(false);
    expect(await exists(lockPaths(dir).holderFile)).toBe(false);
  });

  test('the lock of a killed process (dead pid, same host) is taken over, saying so', async () => {
    const dir = await stateDir();
    const victim = startHolder(dir, 'sync');
    expect(await victim.acquired).toBe(true);
    victim.child.kill('SIGKILL');
    await victim.exited();
    expect(await exists(lockPaths(dir).lockDir)).toBe(true);
    expect((await readLockHolder(dir))?.staleReason).toBe('deadProcess');

    const next = startHolder(dir, 'restore');
    expect(await next.acquired).toBe(true);
    expect((await readLockHolder(dir))?.pid).toBe(next.child.pid);
    const done = await next.release();
    expect(done.stderr).toContain(`Took over a stale lock: sync (pid ${victim.child.pid} on ${hostname()}`);
    expect(done.stderr).toContain('is no longer running');
  });

  test('five processes meeting one stale lock: exactly one takes it, four exit 7', async () => {
    const dir = await stateDir();
    await plantLock(dir, { pid: 2 ** 22 + 12345, host: hostname() }, 0);
    const contenders = Array.from({ length: 5 }, (_, i) => startHolder(dir, `sync${i}`));
    const acquired = await Promise.all(contenders.map((c) => c.acquired));
    expect(acquired.filter(Boolean)).toHaveLength(1);
    const winner = contenders[acquired.indexOf(true)]!;
    const losers = await Promise.all(contenders.filter((c) => c !== winner).map((c) => c.exited()));
    expect(losers.map((l) => l.code)).toEqual([7, 7, 7, 7]);
    for (const loser of losers) expect(loser.stderr).toContain(`(pid ${winner.child.pid} on ${hostname()}`);
    expect((await winner.release()).code).toBe(0);
  });

  test('--wait acquires once the holder releases', async () => {
    const dir = await stateDir();
    const first = startHolder(dir, 'sync');
    expect(await first.acquired).toBe(true);
    const waiter = startHolder(dir, 'backup', ['--wait-ms', '60000']);
    // The waiter announces that it waits before the holder lets go.
    await new Promise<void>((resolve) => {
      let text = '';
      waiter.child.stderr.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('Waiting up to')) resolve();
      });
    });
    expect((await first.release()).code).toBe(0);
    expect(await waiter.acquired).toBe(true);
    expect((await waiter.release()).code).toBe(0);
  });

  test('a holder that exits without releasing (a second Ctrl-C) leaves no lock behind', async () => {
    const dir = await stateDir();
    const holder = startHolder(dir, 'sync');
    expect(await holder.acquired).toBe(true);
    const result = await holder.quit();
    expect(result.code).toBe(3);
    expect(await exists(lockPaths(dir).lockDir)).toBe(false);
    expect(await exists(lockPaths(dir).holderFile)).toBe(false);
  });

  test('a holder on another host is held while it refreshes, stale after 30 minutes without', async () => {
    const dir = await stateDir();
    await plantLock(dir, { pid: 4242, host: 'PC-01', phase: 'uploading' }, 5_000);
    const blocked = await startHolder(dir, 'sync').exited();
    expect(blocked.code).toBe(7);
    expect(blocked.stderr).toContain('Another sync (pid 4242 on PC-01, started');

    const old = await stateDir();
    await plantLock(old, { pid: 4242, host: 'PC-01' }, 31 * 60_000);
    const taker = startHolder(old, 'sync');
    expect(await taker.acquired).toBe(true);
    expect((await taker.release()).stderr).toContain('has not refreshed it since');
  });

  test('a lock without a holder file is held while young, taken over once old', async () => {
    const young = await stateDir();
    await plantLock(young, null, 0);
    const blocked = await startHolder(young, 'sync').exited();
    expect(blocked.code).toBe(7);
    expect(blocked.stderr).toContain('holder is not recorded yet');

    const old = await stateDir();
    await plantLock(old, null, 5 * 60_000);
    const taker = startHolder(old, 'sync');
    expect(await taker.acquired).toBe(true);
    expect((await taker.release()).stderr).toContain('Took over a stale lock without a recorded holder');
  });

  test('a live pid whose lock was last refreshed before this machine booted is stale (pid reused)', async () => {
    const dir = await stateDir();
    const beforeBoot = uptime() * 1000 + 10 * 60_000;
    await plantLock(dir, { pid: process.pid, host: hostname() }, beforeBoot);
    expect((await readLockHolder(dir))?.staleReason).toBe('rebooted');
    const taker = startHolder(dir, 'sync');
    expect(await taker.acquired).toBe(true);
    const holderFile = JSON.parse(await readFile(lockPaths(dir).holderFile, 'utf8')) as { pid: number };
    expect(holderFile.pid).toBe(taker.child.pid);
    expect((await taker.release()).stderr).toContain('ran before this computer restarted');
  });
});
