/**
 * sha256 of a file that is still being written, off the write path: a worker thread follows the file on
 * disk (reading what the writer has already handed to the OS, in large chunks) while the download keeps
 * the main thread free for the socket and the writes. The issue measured inline hashing at 1.76× curl.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';

const CHUNK_BYTES = 4 << 20;

// Plain CommonJS evaluated in the worker, so it runs the same from `dist/` and under jest's TS transform.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { openSync, readSync, closeSync } = require('node:fs');
const { createHash } = require('node:crypto');
const state = new BigInt64Array(workerData.shared);
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(workerData.chunk);
const fd = openSync(workerData.file, 'r');
let position = 0;
try {
  for (;;) {
    const available = Number(Atomics.load(state, 0));
    if (position < available) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, available - position), position);
      if (n === 0) throw new Error('the file is shorter than announced');
      hash.update(buffer.subarray(0, n));
      position += n;
      continue;
    }
    const flag = Atomics.load(state, 1);
    if (flag === 2n) { parentPort.postMessage({ aborted: true }); break; }
    if (flag === 1n && position >= Number(Atomics.load(state, 0))) { parentPort.postMessage({ digest: hash.digest('hex'), bytes: position }); break; }
    Atomics.wait(state, 0, BigInt(available), 250);
  }
} catch (error) {
  parentPort.postMessage({ error: String((error && error.message) || error) });
} finally {
  closeSync(fd);
}
`;

interface WorkerAnswer {
  digest?: string;
  bytes?: number;
  error?: string;
  aborted?: boolean;
}

/** Hashes `file` from byte 0 up to what `advance` announces; `finish` resolves with the digest. */
export class FollowingHasher {
  private readonly state: BigInt64Array;
  private readonly worker: Worker;
  private readonly answer: Promise<WorkerAnswer>;

  private constructor(file: string) {
    const shared = new SharedArrayBuffer(16);
    this.state = new BigInt64Array(shared);
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { shared, file, chunk: CHUNK_BYTES } });
    this.answer = new Promise((resolve) => {
      this.worker.once('message', (message: WorkerAnswer) => resolve(message));
      this.worker.once('error', (error) => resolve({ error: error.message }));
      this.worker.once('exit', () => resolve({ error: 'the hashing thread stopped' }));
    });
  }

  /** Starts following `file` (which must exist). */
  static start(file: string): FollowingHasher {
    return new FollowingHasher(file);
  }

  /** The file now holds at least `bytes` bytes written by the caller (never announce more than written). */
  advance(bytes: number): void {
    Atomics.store(this.state, 0, BigInt(bytes));
    Atomics.notify(this.state, 0);
  }

  /** The sha256 of the first `bytes` bytes once the worker has read them. */
  async finish(bytes: number): Promise<string> {
    this.advance(bytes);
    Atomics.store(this.state, 1, 1n);
    Atomics.notify(this.state, 0);
    const answer = await this.answer;
    await this.worker.terminate();
    if (answer.digest === undefined || answer.bytes !== bytes) throw new Error(answer.error ?? 'hashing stopped early');
    return answer.digest;
  }

  /** Stops the worker without a result (a restart from byte 0, or a failure). */
  async abort(): Promise<void> {
    Atomics.store(this.state, 1, 2n);
    Atomics.notify(this.state, 0);
    await this.worker.terminate();
  }
}

/** Lower-case hex sha256 of a whole file, read in large chunks. */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK_BYTES })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
