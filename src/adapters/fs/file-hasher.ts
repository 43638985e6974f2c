/** sha256 of files, read in large chunks (Node's hash runs at ~850 MB/s here, coreutils' at ~190). */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

const CHUNK_BYTES = 4 << 20;

/** Lower-case hex sha256 of a whole file. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A running sha256 over the first `bytes` bytes of `file`, to be continued with what follows them. */
export async function hashFilePrefix(file: string, bytes: number): Promise<Hash> {
  const hash = createHash('sha256');
  if (bytes === 0) return hash;
  for await (const chunk of createReadStream(file, { start: 0, end: bytes - 1, highWaterMark: CHUNK_BYTES })) hash.update(chunk as Buffer);
  return hash;
}
