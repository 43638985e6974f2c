/**
 * Writes a stream of small chunks (TLS records are ~16 KiB) to a file through two fixed buffers: one fills
 * while the other is written. Memory stays at exactly two buffers whatever the download size, each small
 * chunk is garbage at once, and the disk sees large writes at explicit positions.
 */
import { open, type FileHandle } from 'node:fs/promises';

export class CoalescingFileWriter {
  private active: Buffer;
  private spare: Buffer;
  private used = 0;
  private flushing: Promise<void> | null = null;
  private position: number;
  /** Bytes on disk (written by completed writes), counted from the file's start. */
  written: number;

  private constructor(private readonly handle: FileHandle, start: number, bufferBytes: number, private readonly beforeWrite: (block: Buffer) => void) {
    this.active = Buffer.allocUnsafe(bufferBytes);
    this.spare = Buffer.allocUnsafe(bufferBytes);
    this.position = start;
    this.written = start;
  }

  /** Opens an existing file to write from byte `start` on; `beforeWrite` sees every block in file order, while it is being written. */
  static async open(path: string, start: number, bufferBytes: number, beforeWrite: (block: Buffer) => void): Promise<CoalescingFileWriter> {
    return new CoalescingFileWriter(await open(path, 'r+'), start, bufferBytes, beforeWrite);
  }

  /** Bytes accepted so far (on disk or buffered). */
  get accepted(): number {
    return this.position + this.used;
  }

  async write(chunk: Buffer): Promise<void> {
    for (let offset = 0; offset < chunk.length;) {
      const n = Math.min(chunk.length - offset, this.active.length - this.used);
      chunk.copy(this.active, this.used, offset, offset + n);
      this.used += n;
      offset += n;
      if (this.used === this.active.length) await this.rotate();
    }
  }

  /**
   * Starts writing a partly filled buffer when no write is running, so on a slow link the file keeps up
   * with what arrived (a killed run then loses at most a moment of data).
   */
  flushSoon(): void {
    if (this.flushing || this.used === 0) return;
    void this.rotate().catch(() => undefined);
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

  private async rotate(): Promise<void> {
    if (this.flushing) await this.flushing;
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
    const first = this.handle.write(buffer, 0, n, at);
    // Both only read the block: the consumer (the hash) runs while the thread pool writes it.
    this.beforeWrite(buffer.subarray(0, n));
    for (let done = (await first).bytesWritten; done < n;) {
      const { bytesWritten } = await this.handle.write(buffer, done, n - done, at + done);
      done += bytesWritten;
    }
    this.written += n;
  }
}
