import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

const RETRYABLE_ON_WINDOWS = new Set(['EPERM', 'EBUSY', 'EACCES']);

/**
 * Replaces `path` atomically (temp file, fsync, rename) with mode 0600, then flushes the folder entry so
 * the rename survives a power cut. On Windows an antivirus or indexer briefly holding the file makes the
 * rename fail with EPERM/EBUSY: retried a few times before giving up (STACK.md, `retriedOnWindows`).
 */
export async function replaceFileAtomically(path: string, data: string): Promise<void> {
  await retriedOnWindows(() => writeFileAtomic(path, data, { mode: 0o600, fsync: true }));
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
