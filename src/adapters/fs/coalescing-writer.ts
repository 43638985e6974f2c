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

  private constructor(private readonly handle: FileHandle, start: number, bufferBytes: number, private readonly onFlushed: (written: number) => void) {
    this.active = Buffer.allocUnsafe(bufferBytes);
    this.spare = Buffer.allocUnsafe(bufferBytes);
    this.position = start;
    this.written = start;
  }

  /** Opens an existing file to write from byte `start` on. */
  static async open(path: string, start: number, bufferBytes: number, onFlushed: (written: number) => void): Promise<CoalescingFileWriter> {
    return new CoalescingFileWriter(await open(path, 'r+'), start, bufferBytes, onFlushed);
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
    this.flushing = this.flush(full, n).finally(() => {
      this.flushing = null;
    });
  }

  private async flush(buffer: Buffer, n: number): Promise<void> {
    const at = this.position;
    this.position += n;
    for (let done = 0; done < n;) {
      const { bytesWritten } = await this.handle.write(buffer, done, n - done, at + done);
      done += bytesWritten;
    }
    this.written += n;
    this.onFlushed(this.written);
  }
}
