/**
 * The running sha256 of a download, on a worker thread where a core is free for it, else on the main thread.
 * On two cores the download already keeps both busy (TLS and parsing on the main thread, the writes and the
 * server or the network stack on the other): a hash thread then only competes with them and adds its own
 * ~10 MiB of memory (bench/sync.ts). With more cores it runs beside the transfer instead of in its way.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { HashThread } from './hash-thread.js';

export interface RunningHash {
  /** Continues the hash with `block`; resolves once the block may be reused. */
  update(block: Buffer): Promise<void> | void;
  /** Starts over with the first `bytes` bytes of `file` (0: an empty hash). */
  restartFromFile(file: string, bytes: number): Promise<void>;
  /** Lower-case hex of everything hashed since the last restart; the hash then starts empty. */
  digest(): Promise<string>;
  close(): Promise<void>;
}

/** The same contract as HashThread, on the calling thread. */
export class InlineHash implements RunningHash {
  private hash: Hash = createHash('sha256');

  update(block: Buffer): void {
    this.hash.update(block);
  }

  async restartFromFile(file: string, bytes: number): Promise<void> {
    this.hash = createHash('sha256');
    if (bytes === 0) return;
    for await (const chunk of createReadStream(file, { start: 0, end: bytes - 1, highWaterMark: 4 << 20 }))
      this.hash.update(chunk as Buffer);
  }

  async digest(): Promise<string> {
    const hex = this.hash.digest('hex');
    this.hash = createHash('sha256');
    return hex;
  }

  async close(): Promise<void> {}
}

/** A hash thread with three or more cores, else the inline hash. */
export function createRunningHash(cores: number = availableParallelism()): RunningHash {
  return cores > 2 ? new HashThread() : new InlineHash();
}
