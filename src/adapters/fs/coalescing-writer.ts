/**
 * Writes a stream of small chunks (TLS records are ~16 KiB) to a file through a few fixed buffers: one fills
 * while the others are being written. Memory stays at exactly those buffers whatever the download size,
 * each small chunk is garbage at once, and the disk sees large writes at explicit positions.
 *
 * Several full buffers may be in flight at once (written by the thread pool, read by the consumer — the
 * hash thread — in file order), so a write or a hash that is slow for a moment does not stop the socket:
 * with two buffers nearly every block paused the download on the 2-core machine of bench/sync.ts.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { O_NOFOLLOW } from './no-follow.js';

/** Reads a block (backed by a SharedArrayBuffer) while it is written; may finish later. */
export type BlockConsumer = (block: Buffer) => void | Promise<void>;

interface InFlight {
  end: number;
  done: boolean;
}

export class CoalescingFileWriter {
  private readonly free: Buffer[] = [];
  private active: Buffer;
  private used = 0;
  private readonly inFlight: InFlight[] = [];
  private readonly settled = new Set<Promise<void>>();
  private waiting: (() => void) | null = null;
  private failure: { error: unknown } | null = null;
  private position: number;
  /** Bytes on disk without a gap (every write up to here completed), counted from the file's start. */
  written: number;

  private constructor(
    private readonly handle: FileHandle,
    start: number,
    bufferBytes: number,
    buffers: number,
    private readonly alongWrite: BlockConsumer,
  ) {
    // Shared memory, so a consumer on another thread can read a block without a copy.
    for (let i = 0; i < buffers; i++) this.free.push(Buffer.from(new SharedArrayBuffer(bufferBytes)));
    this.active = this.free.pop()!;
    this.position = start;
    this.written = start;
  }

  /**
   * Opens an existing file to write from byte `start` on; `alongWrite` sees every block in file order while
   * it is being written, and the block is reused only once both have finished.
   */
  static async open(
    path: string,
    start: number,
    bufferBytes: number,
    alongWrite: BlockConsumer,
    buffers = 3,
  ): Promise<CoalescingFileWriter> {
    const handle = await open(path, constants.O_RDWR | O_NOFOLLOW);
    return new CoalescingFileWriter(handle, start, bufferBytes, Math.max(2, buffers), alongWrite);
  }

  /** Bytes accepted so far (on disk or buffered). */
  get accepted(): number {
    return this.position + this.used;
  }

  async write(chunk: Buffer): Promise<void> {
    const waiting = this.writeSoon(chunk);
    if (waiting) await waiting;
  }

  /**
   * Copies `chunk` in without a promise when a buffer is free (nearly always: one per TLS record adds up).
   * Returns a promise only when every buffer is full or in flight; the caller must let it settle before
   * writing again. A write or consumer failure is reported here (or by `close`).
   */
  writeSoon(chunk: Buffer): Promise<void> | null {
    if (this.failure) return Promise.reject(this.failure.error);
    for (let offset = 0; ;) {
      if (this.used === this.active.length) {
        const next = this.free.pop();
        if (!next) {
          const rest = chunk.subarray(offset);
          return new Promise<void>((resolve) => (this.waiting = resolve)).then(() => this.writeSoon(rest) ?? undefined);
        }
        this.dispatch(next);
      }
      if (offset >= chunk.length) return null;
      const n = Math.min(chunk.length - offset, this.active.length - this.used);
      chunk.copy(this.active, this.used, offset, offset + n);
      this.used += n;
      offset += n;
    }
  }

  /**
   * Starts writing a partly filled buffer when nothing is being written, so on a slow link the file keeps up
   * with what arrived (a killed run then loses at most a moment of data).
   */
  flushSoon(): void {
    if (this.inFlight.length > 0 || this.used === 0 || this.failure) return;
    const next = this.free.pop();
    if (next) this.dispatch(next);
  }

  /**
   * Writes what is buffered, waits for every write, closes the file and returns the bytes on disk. After a
   * failure the file is cut back to the last byte before the first gap, so a resume never trusts a hole.
   */
  async close(): Promise<number> {
    try {
      if (this.used > 0 && !this.failure) this.dispatch(null);
      while (this.settled.size > 0) await Promise.all(this.settled);
      if (this.failure) {
        await this.handle.truncate(this.written).catch(() => undefined);
        throw this.failure.error;
      }
    } finally {
      await this.handle.close();
    }
    return this.written;
  }

  /** Hands the active buffer to a write and the consumer, and continues in `next` (null: at the end). */
  private dispatch(next: Buffer | null): void {
    const block = this.active;
    const n = this.used;
    const at = this.position;
    this.position += n;
    this.used = 0;
    if (next) this.active = next;
    const entry: InFlight = { end: at + n, done: false };
    this.inFlight.push(entry);
    // Both only read the block: the consumer (the hash) runs while the thread pool writes it.
    // allSettled: neither may still be reading the block when a failure returns it for reuse.
    const settled = Promise.allSettled([this.writeAll(block, n, at), this.alongWrite(block.subarray(0, n))]).then(
      ([written, consumed]) => {
        this.settled.delete(settled);
        const failed = written.status === 'rejected' ? written : consumed.status === 'rejected' ? consumed : null;
        if (failed && !this.failure) this.failure = { error: failed.reason };
        if (!failed) entry.done = true;
        // Bytes count as on disk only up to the first write not yet done (or failed).
        while (this.inFlight[0]?.done) this.written = this.inFlight.shift()!.end;
        this.free.push(block);
        const wake = this.waiting;
        this.waiting = null;
        wake?.();
      },
    );
    this.settled.add(settled);
  }

  private async writeAll(buffer: Buffer, n: number, at: number): Promise<void> {
    for (let done = 0; done < n;) {
      const { bytesWritten } = await this.handle.write(buffer, done, n - done, at + done);
      done += bytesWritten;
    }
  }
}
