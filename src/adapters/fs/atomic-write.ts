import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { O_NOFOLLOW } from './no-follow.js';

const RETRYABLE_ON_WINDOWS = new Set(['EPERM', 'EBUSY', 'EACCES']);
/** Writes to one path in this process, in call order (a later phase must not be overtaken by an earlier one). */
const queues = new Map<string, Promise<void>>();

/**
 * Replaces `path` atomically: a new temporary file in the same folder (exclusive, never through a link),
 * written, made `mode`, flushed, then renamed over `path` — which replaces a link planted there instead of
 * writing through it — and the folder flushed so the rename survives a power cut. The path is used as
 * given: resolving it first would follow a link in the folder. On Windows an antivirus or indexer briefly
 * holding the file makes the rename fail with EPERM/EBUSY: retried a few times before giving up
 * (`retriedOnWindows`).
 */
export function replaceFileAtomically(path: string, data: string, options: { mode?: number } = {}): Promise<void> {
  const previous = queues.get(path) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => replace(path, data, options.mode ?? 0o600));
  const settled = next.catch(() => undefined);
  queues.set(path, settled);
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path);
  });
  return next;
}

async function replace(path: string, data: string, mode: number): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW;
  try {
    const handle = await open(temp, flags, mode);
    try {
      await handle.writeFile(data, 'utf8');
      // The umask narrowed the creation mode; the file gets exactly `mode` (0644 for a metrics file).
      if (process.platform !== 'win32') await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameRetriedOnWindows(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}

/** `rename(from, to)`, retried on Windows while an antivirus or indexer holds the file just written. */
export function renameRetriedOnWindows(from: string, to: string): Promise<void> {
  return retriedOnWindows(() => rename(from, to));
}

/**
 * Runs `step`; on Windows an EPERM/EBUSY/EACCES (a scanner holding the file for a moment) is retried up to 6
 * times, 50 ms doubling (about 3 s in all). Elsewhere, and for any other error, the first failure stands.
 */
export async function retriedOnWindows(
  step: () => Promise<void>,
  platform: NodeJS.Platform = process.platform,
  pauseMs = 50,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (platform !== 'win32' || !RETRYABLE_ON_WINDOWS.has(code) || attempt >= 6) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs * 2 ** attempt));
    }
  }
}

/** fsync of a folder: POSIX only (Windows cannot open a folder for flushing). */
export async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
