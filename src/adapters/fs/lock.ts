import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import lockfile from 'proper-lockfile';
import { LockedError, type MessageParams } from '../../core/errors.js';
import { currentActor } from './actor.js';
import { replaceFileAtomically } from './atomic-write.js';
import { inspectLock, lockIdOf, lockPaths, readHolderFile, type LockHolder, type LockVerdict } from './lock-holder.js';
import { holderParams, lockedError, removeStaleLock } from './lock-stale.js';
import { ensurePrivateDir } from './private-files.js';

/**
 * One lock per state folder (RELIABILITY.md lesson 1): proper-lockfile's mkdir lock
 * `<stateDir>/orca-hybrid.lock` plus the holder sidecar `orca-hybrid.lock.json`. proper-lockfile's own
 * mtime staleness is switched off (a huge `stale`): liveness is judged by `inspectLock` (pid on the same
 * host); the lock's mtime is still refreshed every REFRESH_MS so holders on other hosts can be judged.
 */
const PROPER_LOCKFILE_STALE_MS = 2 ** 40;
const REFRESH_MS = 10_000;

export interface AcquireLockOptions {
  stateDir: string;
  /** What the holder does, shown to others: `sync`, `restore`… */
  command: string;
  /** Keep retrying this long (ms) while another holder is alive; 0 (default) fails at once with LockedError. */
  waitMs?: number;
  /** Stops waiting (throws its reason) when aborted: Ctrl-C while another run holds the lock. */
  signal?: AbortSignal;
  /** Notices for stderr as catalog keys: `lock.waiting`, `lock.tookOver.*`, `lock.compromised`. */
  notify?: (key: string, params: MessageParams) => void;
}

export interface LockHandle {
  readonly holder: LockHolder;
  /** True once another process removed or took the lock (the holder should stop and report). */
  readonly compromised: boolean;
  /** Records what the holder does now (`downloading`, `verifying`), shown to anyone who finds it held. */
  updatePhase(phase: string): Promise<void>;
  /** Throws LockedError `lock.lost` when the lock was compromised. */
  assertHeld(): void;
  /** Removes sidecar and lock (only while they are still this holder's). Safe to call twice. */
  release(): Promise<void>;
}

/**
 * Takes the lock, waiting up to `waitMs`; throws LockedError (exit 7) naming the holder when it cannot. The
 * holder releases it (`release`); should the process end without that (a second Ctrl-C, a crash), it is
 * removed on exit while it is still this holder's. Signals are the command's business (`commands/interrupt.ts`).
 */
export async function acquireLock(options: AcquireLockOptions): Promise<LockHandle> {
  await ensurePrivateDir(options.stateDir);
  const deadline = Date.now() + (options.waitMs ?? 0);
  let delay = 100;
  let announced = false;
  for (;;) {
    const outcome = await attemptLock(options);
    if ('release' in outcome) return outcome;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw lockedError(outcome);
    if (!announced) {
      const key = outcome.holder === null ? 'lock.waitingUnknown' : 'lock.waiting';
      options.notify?.(key, { ...holderParams(outcome), seconds: Math.ceil(remaining / 1000) });
      announced = true;
    }
    await sleep(Math.min(delay, remaining), undefined, { signal: options.signal }).catch(() => {
      throw options.signal?.reason;
    });
    delay = Math.min(delay * 2, 1000);
  }
}

async function attemptLock(options: AcquireLockOptions): Promise<LockHandle | Extract<LockVerdict, { kind: 'held' }>> {
  const paths = lockPaths(options.stateDir);
  for (let round = 0; round < 5; round++) {
    const ownership = { creating: true, decided: null as boolean | null, nonce: '', compromised: false };
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(options.stateDir, {
        lockfilePath: paths.lockDir,
        realpath: false,
        stale: PROPER_LOCKFILE_STALE_MS,
        update: REFRESH_MS,
        retries: 0,
        fs: guardedFs(
          () => ownership.decided ?? (ownership.creating || holderIsOurs(paths.holderFile, ownership.nonce)),
        ),
        onCompromised: () => {
          ownership.compromised = true;
          options.notify?.('lock.compromised', { command: options.command });
        },
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
      const verdict = await inspectNamingHolder(options.stateDir);
      if (verdict.kind === 'held') return verdict;
      if (verdict.kind === 'stale' && (await removeStaleLock(options.stateDir, verdict))) {
        options.notify?.(`lock.tookOver.${verdict.reason}`, holderParams(verdict));
      }
      continue;
    }
    return startHolding(options, release, ownership);
  }
  const verdict = await inspectLock(options.stateDir);
  return verdict.kind === 'held' ? verdict : { kind: 'held', holder: null, refreshedAt: new Date() };
}

/** A lock created a moment ago may not name its holder yet: give the holder a second to write it. */
async function inspectNamingHolder(stateDir: string): Promise<LockVerdict> {
  for (let attempt = 0; ; attempt++) {
    const verdict = await inspectLock(stateDir);
    const young =
      verdict.kind === 'held' && verdict.holder === null && Date.now() - verdict.refreshedAt.getTime() < 2_000;
    if (!young || attempt >= 10) return verdict;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function startHolding(
  options: AcquireLockOptions,
  releaseDir: () => Promise<void>,
  ownership: { creating: boolean; decided: boolean | null; nonce: string; compromised: boolean },
): Promise<LockHandle> {
  const paths = lockPaths(options.stateDir);
  const actor = currentActor();
  const holder: LockHolder = {
    pid: actor.pid,
    host: actor.host,
    user: actor.user,
    command: options.command,
    startedAt: new Date().toISOString(),
    phase: null,
    nonce: randomUUID(),
    lockId: lockIdOf(await stat(paths.lockDir, { bigint: true })),
  };
  ownership.nonce = holder.nonce;
  try {
    await replaceFileAtomically(paths.holderFile, JSON.stringify(holder, null, 2) + '\n');
  } catch (error) {
    await releaseDir().catch(() => undefined);
    throw error;
  }
  ownership.creating = false;

  const onExit = (): void => releaseSync();
  const detach = (): void => void process.removeListener('exit', onExit);
  process.on('exit', onExit);

  function releaseSync(): void {
    if (ownership.decided !== null) return;
    detach();
    ownership.decided = !ownership.compromised && holderIsOurs(paths.holderFile, holder.nonce);
    if (!ownership.decided) return;
    try {
      fs.unlinkSync(paths.holderFile);
    } catch {
      /* already gone */
    }
    try {
      fs.rmdirSync(paths.lockDir);
    } catch {
      /* already gone */
    }
  }

  return {
    holder,
    get compromised() {
      return ownership.compromised;
    },
    async updatePhase(phase: string) {
      if (ownership.decided !== null || ownership.compromised) return;
      holder.phase = phase;
      await replaceFileAtomically(paths.holderFile, JSON.stringify(holder, null, 2) + '\n');
    },
    assertHeld() {
      if (ownership.compromised)
        throw new LockedError({ key: 'lock.lost', params: { command: options.command }, hintKey: 'lock.lost.hint' });
    },
    async release() {
      if (ownership.decided !== null) return;
      detach();
      ownership.decided = !ownership.compromised && (await readHolderFile(paths.holderFile))?.nonce === holder.nonce;
      if (ownership.decided) await rm(paths.holderFile, { force: true });
      await releaseDir().catch(() => undefined);
    },
  };
}

function holderIsOurs(holderFile: string, nonce: string): boolean {
  if (nonce === '') return false;
  try {
    return (JSON.parse(fs.readFileSync(holderFile, 'utf8')) as { nonce?: unknown }).nonce === nonce;
  } catch {
    return false;
  }
}

/** proper-lockfile removes its lock dir on release and at exit; let it only while the lock is ours. */
function guardedFs(mayRemove: () => boolean): typeof fs {
  return {
    ...fs,
    rmdir: ((path: fs.PathLike, callback: fs.NoParamCallback) =>
      mayRemove() ? fs.rmdir(path, callback) : callback(null)) as typeof fs.rmdir,
    rmdirSync: ((path: fs.PathLike) => {
      if (mayRemove()) fs.rmdirSync(path);
    }) as typeof fs.rmdirSync,
  };
}
