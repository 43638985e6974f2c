/**
 * A running sha256 kept on its own thread. On this kind of machine a download is CPU-bound on the main
 * thread (TLS, HTTP parsing, stream bookkeeping), and hashing 1 GiB inline there costs about a second of
 * it; on a worker thread the hash runs beside the transfer instead of in its way (bench/sync.ts).
 *
 * Blocks are handed over in SharedArrayBuffers, so nothing is copied between threads: the caller must not
 * refill a block until `update` has resolved. The worker reads files itself to continue a resumed partial.
 */
import { Worker } from 'node:worker_threads';

// CommonJS evaluated by the worker: the same text works from src/ (tests) and dist/ (the binary).
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { createReadStream } = require('node:fs');
let hash = createHash('sha256');
async function prefix(file, bytes) {
  hash = createHash('sha256');
  if (bytes === 0) return;
  for await (const chunk of createReadStream(file, { start: 0, end: bytes - 1, highWaterMark: 4 << 20 })) hash.update(chunk);
}
async function handle(m) {
  try {
    if (m.op === 'update') hash.update(new Uint8Array(m.buffer, m.offset, m.length));
    else if (m.op === 'prefix') await prefix(m.file, m.bytes);
    else if (m.op === 'digest') { parentPort.postMessage({ id: m.id, hex: hash.digest('hex') }); hash = createHash('sha256'); return; }
    parentPort.postMessage({ id: m.id });
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String(error && error.code || error) });
  }
}
// One message at a time, in order: an update must never overtake a prefix still being read.
let queue = Promise.resolve();
parentPort.on('message', (m) => { queue = queue.then(() => handle(m)); });
`;

interface Answer {
  id: number;
  hex?: string;
  error?: string;
}

export class HashThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  private next = 0;
  private failure: Error | null = null;

  constructor() {
    // Not unref'd: an awaited answer must keep the process alive. Owners close() it in a finally.
    this.worker = new Worker(WORKER_SOURCE, { eval: true });
    this.worker.on('message', (answer: Answer) => {
      const pending = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if (answer.error !== undefined) pending?.reject(new Error(`sha256 thread: ${answer.error}`));
      else pending?.resolve(answer);
    });
    const fail = (error: Error): void => {
      this.failure = error;
      for (const pending of this.waiting.values()) pending.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`sha256 thread exited (${code})`)));
  }

  /** Continues the hash with `block` (over a SharedArrayBuffer); resolves once the block may be reused. */
  update(block: Buffer): Promise<void> {
    if (!(block.buffer instanceof SharedArrayBuffer))
      return Promise.reject(new TypeError('HashThread.update needs a block in shared memory'));
    return this.ask({ op: 'update', buffer: block.buffer, offset: block.byteOffset, length: block.length }).then(
      () => undefined,
    );
  }

  /** Starts over with the first `bytes` bytes of `file` (0: an empty hash). */
  restartFromFile(file: string, bytes: number): Promise<void> {
    return this.ask({ op: 'prefix', file, bytes }).then(() => undefined);
  }

  /** Lower-case hex of everything hashed since the last restart; the hash then starts empty. */
  async digest(): Promise<string> {
    const { hex } = await this.ask({ op: 'digest' });
    if (hex === undefined) throw new Error('sha256 thread: no digest in its answer');
    return hex;
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private ask(message: Record<string, unknown>): Promise<Answer> {
    if (this.failure) return Promise.reject(this.failure);
    const id = ++this.next;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }
}
