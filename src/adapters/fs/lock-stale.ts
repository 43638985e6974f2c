import { rm } from 'node:fs/promises';
import { LockedError, type MessageParams } from '../../core/errors.js';
import { privateLockFs } from './lock-fs.js';
import { inspectLock, lockPaths, type LockHolder, type LockVerdict, type StaleReason } from './lock-holder.js';

/** The lock as `status` and `unlock` show it; null from `readLockHolder` when nobody holds it. */
export interface LockReport {
  pid: number | null;
  host: string | null;
  user: string | null;
  command: string | null;
  startedAt: string | null;
  phase: string | null;
  /** When the holder last refreshed the lock. */
  refreshedAt: string;
  /** True when the holder is gone and the next command will take the lock over. */
  stale: boolean;
  staleReason: StaleReason | null;
}

/** Who holds the lock of `stateDir` (null when free), judged as `acquireLock` judges it. */
export async function readLockHolder(stateDir: string): Promise<LockReport | null> {
  const verdict = await inspectLock(stateDir);
  return verdict.kind === 'free' ? null : lockReportOf(verdict);
}

/** The report of a held or stale lock's verdict. */
export function lockReportOf(verdict: Exclude<LockVerdict, { kind: 'free' }>): LockReport {
  const h = verdict.holder;
  return {
    pid: h?.pid ?? null,
    host: h?.host ?? null,
    user: h?.user ?? null,
    command: h?.command ?? null,
    startedAt: h?.startedAt ?? null,
    phase: h?.phase ?? null,
    refreshedAt: verdict.refreshedAt.toISOString(),
    stale: verdict.kind === 'stale',
    staleReason: verdict.kind === 'stale' ? verdict.reason : null,
  };
}

/** Removes the holder file, then the lock (that order, so no lock is ever left naming a wrong holder). */
export async function removeLock(stateDir: string): Promise<void> {
  const paths = lockPaths(stateDir);
  await rm(paths.holderFile, { force: true });
  await rm(paths.lockDir, { recursive: true, force: true });
}

/**
 * Removes a lock judged stale, under a short takeover guard so that of several processes finding the same
 * stale lock only one removes it; the lock is judged again under the guard and left alone when it changed
 * (someone else already took it over). Returns true when this process removed it.
 */
export function removeStaleLock(stateDir: string, judged: Extract<LockVerdict, { kind: 'stale' }>): Promise<boolean> {
  return removeLockIfUnchanged(stateDir, judged.holder?.nonce ?? null, (now) => now.kind === 'stale');
}

/**
 * Removes the lock only while it still has the holder `expectedNonce` (null: no recorded holder) and
 * `accept` agrees with a fresh judgement, under the takeover guard. Returns true when it removed it.
 */
export async function removeLockIfUnchanged(
  stateDir: string,
  expectedNonce: string | null,
  accept: (now: LockVerdict) => boolean,
): Promise<boolean> {
  const paths = lockPaths(stateDir);
  let releaseGuard: () => Promise<void>;
  try {
    releaseGuard = await (
      await import('proper-lockfile')
    ).default.lock(stateDir, {
      lockfilePath: paths.takeoverDir,
      realpath: false,
      fs: privateLockFs(),
      retries: { retries: 30, minTimeout: 20, maxTimeout: 200 },
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return false;
    throw error;
  }
  try {
    const now = await inspectLock(stateDir);
    if (now.kind === 'free' || (now.holder?.nonce ?? null) !== expectedNonce || !accept(now)) return false;
    await removeLock(stateDir);
    return true;
  } finally {
    await releaseGuard().catch(() => undefined);
  }
}

/** Params naming a lock's holder in catalog messages: command, pid, host, user, startedAt, phase, refreshedAt. */
export function holderParams(verdict: { holder: LockHolder | null; refreshedAt: Date }): MessageParams {
  const h = verdict.holder;
  // ISO instants: every message renders `{…At}` as local time and age (src/ui/time-format.ts).
  const refreshedAt = verdict.refreshedAt.toISOString();
  if (h === null) return { refreshedAt };
  return {
    command: h.command,
    pid: h.pid,
    host: h.host,
    user: h.user,
    startedAt: h.startedAt,
    phase: h.phase,
    refreshedAt,
  };
}

/**
 * LockedError (exit 7) naming the holder: "another sync (pid 4242 on PC-01, started 10:00:03, downloading) holds
 * the lock".
 */
export function lockedError(verdict: { holder: LockHolder | null; refreshedAt: Date }): LockedError {
  const h = verdict.holder;
  const key = h === null ? 'lock.heldUnknown' : h.phase ? 'lock.held' : 'lock.heldNoPhase';
  return new LockedError({ key, params: holderParams(verdict), hintKey: 'lock.held.hint' });
}
