/**
 * Writes a stream of small chunks (TLS records are ~16 KiB) to a file through two fixed buffers: one fills
 * while the other is written. Memory stays at exactly two buffers whatever the download size, each small
 * chunk is garbage at once, and the disk sees large writes at explicit positions.
 */
import { open, type FileHandle } from 'node:fs/promises';

/** Reads a block (backed by a SharedArrayBuffer) while it is written; may finish later. */
export type BlockConsumer = (block: Buffer) => void | Promise<void>;

export class CoalescingFileWriter {
  private active: Buffer;
  private spare: Buffer;
  private used = 0;
  private flushing: Promise<void> | null = null;
  private position: number;
  /** Bytes on disk (written by completed writes), counted from the file's start. */
  written: number;

  private constructor(
    private readonly handle: FileHandle,
    start: number,
    bufferBytes: number,
    private readonly alongWrite: BlockConsumer,
  ) {
    // Shared memory, so a consumer on another thread can read a block without a copy.
    this.active = Buffer.from(new SharedArrayBuffer(bufferBytes));
    this.spare = Buffer.from(new SharedArrayBuffer(bufferBytes));
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
  ): Promise<CoalescingFileWriter> {
    return new CoalescingFileWriter(await open(path, 'r+'), start, bufferBytes, alongWrite);
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
   * Returns a promise only when both buffers are full; the caller must let it settle before writing again.
   */
  writeSoon(chunk: Buffer): Promise<void> | null {
    for (let offset = 0; ;) {
      if (this.used === this.active.length) {
        if (this.flushing) {
          const rest = chunk.subarray(offset);
          return this.flushing.then(() => this.writeSoon(rest) ?? undefined);
        }
        this.startFlush();
      }
      if (offset >= chunk.length) return null;
      const n = Math.min(chunk.length - offset, this.active.length - this.used);
      chunk.copy(this.active, this.used, offset, offset + n);
      this.used += n;
      offset += n;
    }
  }

  /**
   * Starts writing a partly filled buffer when no write is running, so on a slow link the file keeps up
   * with what arrived (a killed run then loses at most a moment of data).
   */
  flushSoon(): void {
    if (this.flushing || this.used === 0) return;
    this.startFlush();
  }

  /** Writes what is buffered, closes the file and returns the bytes on disk. */
  async close(): Promise<number> {
    try {
      if (this.flushing) await this.flushing;
      if (this.used > 0) await this.flush(this.active, this.used);
      this.used = 0;
    } finally {
      await this.handle.close();
    }
    return this.written;
  }

  /** Hands the active buffer to a write (none may be running) and continues in the spare one. */
  private startFlush(): void {
    const full = this.active;
    this.active = this.spare;
    this.spare = full;
    const n = this.used;
    this.used = 0;
    const flushing = this.flush(full, n).finally(() => {
      this.flushing = null;
    });
    // The failure is reported by the next write or close, which await it; until then it is not "unhandled".
    flushing.catch(() => undefined);
    this.flushing = flushing;
  }

  private async flush(buffer: Buffer, n: number): Promise<void> {
    const at = this.position;
    this.position += n;
    // Both only read the block: the consumer (the hash) runs while the thread pool writes it.
    // allSettled: neither may still be reading the block when a failure returns it for reuse.
    const [written, consumed] = await Promise.allSettled([
      this.writeAll(buffer, n, at),
      this.alongWrite(buffer.subarray(0, n)),
    ]);
    if (written.status === 'rejected') throw written.reason;
    if (consumed.status === 'rejected') throw consumed.reason;
  }

  private async writeAll(buffer: Buffer, n: number, at: number): Promise<void> {
    for (let done = 0; done < n;) {
      const { bytesWritten } = await this.handle.write(buffer, done, n - done, at + done);
      done += bytesWritten;
    }
    this.written += n;
  }
}
