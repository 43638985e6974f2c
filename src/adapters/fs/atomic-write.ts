import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

const RETRYABLE_ON_WINDOWS = new Set(['EPERM', 'EBUSY', 'EACCES']);

/**
 * Replaces `path` atomically (temp file, fsync, rename) with mode 0600, then flushes the folder entry so
 * the rename survives a power cut. On Windows an antivirus or indexer briefly holding the file makes the
 * rename fail with EPERM/EBUSY: retried a few times before giving up (STACK.md).
 */
export async function replaceFileAtomically(path: string, data: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFileAtomic(path, data, { mode: 0o600, fsync: true });
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (process.platform !== 'win32' || !RETRYABLE_ON_WINDOWS.has(code) || attempt >= 6) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    }
  }
  await syncFolder(dirname(path));
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
