import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { hostname, uptime } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The lock's files in the state folder: the lock itself (a directory, proper-lockfile's mkdir lock, its
 * mtime refreshed while held) and the holder sidecar JSON next to it, naming who holds it.
 */
export const LOCK_DIR_NAME = 'orca-hybrid.lock';
export const HOLDER_FILE_NAME = 'orca-hybrid.lock.json';
export const lockPaths = (stateDir: string) => ({
  lockDir: join(stateDir, LOCK_DIR_NAME),
  holderFile: join(stateDir, HOLDER_FILE_NAME),
  takeoverDir: join(stateDir, 'orca-hybrid.lock.takeover'),
});

/** A holder on another host that has not refreshed the lock for this long is taken as gone. */
export const REMOTE_STALE_MS = 30 * 60_000;
/** A lock without a (matching) holder file that has not been refreshed for this long is taken as gone. */
export const UNKNOWN_STALE_MS = 60_000;

const holderSchema = z.looseObject({
  pid: z.number().int().positive(),
  host: z.string(),
  user: z.string(),
  command: z.string(),
  startedAt: z.string(),
  phase: z.string().nullable(),
  nonce: z.string(),
  lockId: z.string().optional(),
});
export type LockHolder = z.infer<typeof holderSchema>;

export type StaleReason = 'deadProcess' | 'rebooted' | 'notRefreshed' | 'noHolder';

/** What the lock's files say right now. */
export type LockVerdict =
  | { kind: 'free' }
  | { kind: 'held'; holder: LockHolder | null; refreshedAt: Date }
  | { kind: 'stale'; holder: LockHolder | null; refreshedAt: Date; reason: StaleReason };

/** The identity of a lock directory: its inode, so a holder file left by an earlier lock is not believed. */
export function lockIdOf(info: { ino: bigint | number }): string {
  return String(info.ino);
}

export async function readHolderFile(path: string): Promise<LockHolder | null> {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Judges the lock of `stateDir`. The rule: a holder on this host is alive exactly while its pid is alive
 * (and the lock was refreshed since this machine booted — otherwise the pid number belongs to another
 * process now); a holder on another host is alive while it keeps refreshing the lock (every few seconds),
 * judged gone after REMOTE_STALE_MS; a lock without a matching holder file after UNKNOWN_STALE_MS. On Windows,
 * which reuses pids at once, a live pid must also still be this program's (`pidReused`).
 */
export async function inspectLock(
  stateDir: string,
  now: number = Date.now(),
  platform: NodeJS.Platform = process.platform,
): Promise<LockVerdict> {
  const paths = lockPaths(stateDir);
  let info;
  try {
    info = await stat(paths.lockDir, { bigint: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'free' };
    throw error;
  }
  const refreshedAt = new Date(Number(info.mtimeMs));
  const read = await readHolderFile(paths.holderFile);
  const holder = read && (read.lockId === undefined || info.ino === 0n || read.lockId === lockIdOf(info)) ? read : null;
  const age = now - refreshedAt.getTime();
  if (holder === null) {
    return age > UNKNOWN_STALE_MS
      ? { kind: 'stale', holder, refreshedAt, reason: 'noHolder' }
      : { kind: 'held', holder, refreshedAt };
  }
  if (!isThisHost(holder.host)) {
    return age > REMOTE_STALE_MS
      ? { kind: 'stale', holder, refreshedAt, reason: 'notRefreshed' }
      : { kind: 'held', holder, refreshedAt };
  }
  if (!isPidAlive(holder.pid) || (platform === 'win32' && (await pidReusedOnWindows(holder.pid))))
    return { kind: 'stale', holder, refreshedAt, reason: 'deadProcess' };
  const bootedAt = now - uptime() * 1000;
  if (refreshedAt.getTime() < bootedAt - 120_000) return { kind: 'stale', holder, refreshedAt, reason: 'rebooted' };
  return { kind: 'held', holder, refreshedAt };
}

/** Loaded only on Windows: the process runner (execa) stays out of every other command's start-up. */
async function pidReusedOnWindows(pid: number): Promise<boolean> {
  return (await import('../process/process-image.js')).pidReused(pid, 'win32');
}

export function isThisHost(host: string): boolean {
  return host.toLowerCase() === hostname().toLowerCase();
}

/**
 * True while a process with this pid exists (EPERM: it exists but belongs to another user). A zombie — a
 * process that has exited but whose parent has not reaped it yet — counts as gone.
 */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    // /proc/<pid>/stat: "pid (comm) S …"; comm may hold spaces or parentheses, so read after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}
