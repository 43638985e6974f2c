/** File-level helpers of the backup store: sha256 of a file, the pg_dump custom-format header, fsync. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';

const MAGIC = Buffer.from('PGDMP', 'ascii');

/** Lower-case hex sha256 of a whole file, streamed with large buffers. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Reads the custom-format header: `PGDMP`, then one byte each of major, minor and revision of the archive
 * version. Returns `1.15-0`-style text, or null when the file is not a pg_dump custom archive.
 */
export async function readDumpVersion(file: string): Promise<string | null> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead < 8 || !head.subarray(0, 5).equals(MAGIC)) return null;
    return `${head[5]}.${head[6]}-${head[7]}`;
  } finally {
    await handle.close();
  }
}

export async function fsyncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Size of a file, 0 when it does not exist. */
export async function sizeOf(file: string): Promise<number> {
  try {
    const handle = await open(file, 'r');
    try {
      return (await handle.stat()).size;
    } finally {
      await handle.close();
    }
  } catch {
    return 0;
  }
}
