/**
 * The lock's liveness check with Windows pids: Windows reuses a freed pid at once, so a holder's pid that
 * is alive must also still be this program's (node). `tasklist` answers that; it cannot run here, so a
 * double on PATH (test/fixtures/doubles/tasklist) speaks its CSV rows for real local processes.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { inspectLock, lockIdOf, lockPaths } from '../../src/adapters/fs/lock-holder.js';
import { pidReused, windowsImageName } from '../../src/adapters/process/process-image.js';

const doubles = fileURLToPath(new URL('../fixtures/doubles', import.meta.url));
const savedPath = process.env.PATH;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'orca-lock-win-'));
  process.env.PATH = `${doubles}:${savedPath}`;
});
afterAll(() => {
  process.env.PATH = savedPath;
  rmSync(dir, { recursive: true, force: true });
});

/** A lock in a fresh state folder whose holder file names `pid` on this host. */
function lockHeldBy(pid: number): string {
  const stateDir = mkdtempSync(join(dir, 'state-'));
  const paths = lockPaths(stateDir);
  mkdirSync(paths.lockDir);
  const holder = {
    pid,
    host: hostname(),
    user: 'someone',
    command: 'sync',
    startedAt: new Date().toISOString(),
    phase: 'downloading',
    nonce: 'n',
    lockId: lockIdOf(statSync(paths.lockDir, { bigint: true })),
  };
  writeFileSync(paths.holderFile, JSON.stringify(holder));
  return stateDir;
}

test('a live pid that now belongs to another program: the holder is gone on Windows, alive elsewhere', async () => {
  const other = execa('sleep', ['60'], { reject: false });
  try {
    const stateDir = lockHeldBy(other.pid!);
    expect(await windowsImageName(other.pid!)).toBe('sleep.exe');
    expect(await inspectLock(stateDir, Date.now(), 'win32')).toMatchObject({ kind: 'stale', reason: 'deadProcess' });
    // POSIX systems do not reuse pids at once: a live pid is the holder.
    expect(await inspectLock(stateDir, Date.now(), 'linux')).toMatchObject({ kind: 'held' });
  } finally {
    other.kill();
    await other;
  }
});

test('a live pid that is still a node process: held', async () => {
  const node = execa('node', ['-e', 'setTimeout(() => {}, 60000)'], { reject: false });
  try {
    const stateDir = lockHeldBy(node.pid!);
    expect(await pidReused(node.pid!, 'win32')).toBe(false);
    expect(await inspectLock(stateDir, Date.now(), 'win32')).toMatchObject({ kind: 'held' });
  } finally {
    node.kill();
    await node;
  }
});

test('tasklist names no process: null (gone); tasklist missing: undefined (cannot tell, the lock stays)', async () => {
  const ended = execa('true');
  await ended;
  expect(await windowsImageName(ended.pid!)).toBeNull();
  process.env.PATH = '/nonexistent';
  try {
    expect(await windowsImageName(process.pid)).toBeUndefined();
    expect(await pidReused(process.pid, 'win32')).toBe(false);
  } finally {
    process.env.PATH = `${doubles}:${savedPath}`;
  }
});
