import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoalescingFileWriter } from '../../src/adapters/fs/coalescing-writer.js';
import { HashThread } from '../../src/adapters/fs/hash-thread.js';
import { createRunningHash, InlineHash } from '../../src/adapters/fs/running-hash.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orca-hash-thread-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
function shared(data: Buffer): Buffer {
  const block = Buffer.from(new SharedArrayBuffer(data.length + 16), 8, data.length);
  data.copy(block);
  return block;
}

describe('HashThread', () => {
  test('blocks hashed on the worker (at any offset of their shared memory) equal the inline sha256', async () => {
    const data = randomBytes(300_000);
    const thread = new HashThread();
    try {
      await thread.restartFromFile(join(dir, 'absent-is-fine-at-zero'), 0);
      for (let at = 0; at < data.length; at += 65_536) await thread.update(shared(data.subarray(at, at + 65_536)));
      expect(await thread.digest()).toBe(sha256(data));
      expect(await thread.digest()).toBe(sha256(Buffer.alloc(0)));
    } finally {
      await thread.close();
    }
  });

  test('continues from a file prefix (a resumed partial), then from scratch after a restart', async () => {
    const data = randomBytes(200_000);
    const file = join(dir, 'partial');
    await writeFile(file, data.subarray(0, 150_000));
    const thread = new HashThread();
    try {
      await thread.restartFromFile(file, 120_000);
      await thread.update(shared(data.subarray(120_000)));
      expect(await thread.digest()).toBe(sha256(data));
      await thread.update(shared(Buffer.from('discarded')));
      await thread.restartFromFile(file, 0);
      await thread.update(shared(Buffer.from('abc')));
      expect(await thread.digest()).toBe(sha256(Buffer.from('abc')));
    } finally {
      await thread.close();
    }
  });

  test('a block outside shared memory and an unreadable file are errors, not wrong hashes', async () => {
    const thread = new HashThread();
    try {
      await expect(thread.update(Buffer.from('x'))).rejects.toThrow(/shared memory/);
      await expect(thread.restartFromFile(join(dir, 'missing'), 10)).rejects.toThrow(/ENOENT/);
    } finally {
      await thread.close();
    }
    await expect(thread.digest()).rejects.toThrow(/exited/);
  });
});

describe('CoalescingFileWriter with the hash thread', () => {
  test('the file and the hash both hold every byte, in order, whatever the chunk sizes', async () => {
    const data = randomBytes(1_000_003);
    const file = join(dir, 'coalesced');
    await writeFile(file, data.subarray(0, 10));
    const thread = new HashThread();
    try {
      await thread.restartFromFile(file, 10);
      const writer = await CoalescingFileWriter.open(file, 10, 64 * 1024, (block) => thread.update(block));
      for (let at = 10, size = 1; at < data.length; at += size, size = ((size * 7 + 13) % 40_000) + 1) {
        await writer.write(data.subarray(at, Math.min(at + size, data.length)));
        if (size % 5 === 0) writer.flushSoon();
      }
      expect(await writer.close()).toBe(data.length);
      expect((await readFile(file)).equals(data)).toBe(true);
      expect(await thread.digest()).toBe(sha256(data));
    } finally {
      await thread.close();
    }
  });

  test('a failing consumer fails the writes after it and the close instead of being ignored', async () => {
    const file = join(dir, 'consumer-fails');
    await writeFile(file, '');
    const writer = await CoalescingFileWriter.open(file, 0, 16, () => Promise.reject(new Error('hash thread gone')));
    // The blocks are in flight when this returns; the failure is reported as soon as it is known.
    await writer.write(Buffer.alloc(40, 1)).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await expect(writer.write(Buffer.alloc(1, 1))).rejects.toThrow('hash thread gone');
    await expect(writer.close()).rejects.toThrow('hash thread gone');
    // Nothing unvouched-for stays: the file is cut back to before the first block that failed.
    expect((await readFile(file)).length).toBe(0);
  });

  test('with every buffer in flight, writing waits; blocks land at their offsets whatever order they finish', async () => {
    const data = randomBytes(200_000);
    const file = join(dir, 'out-of-order');
    await writeFile(file, '');
    let calls = 0;
    // Every other block takes longer to "hash", so writes complete out of order.
    const slow = () => new Promise<void>((resolve) => setTimeout(resolve, ++calls % 2 === 0 ? 15 : 1));
    const writer = await CoalescingFileWriter.open(file, 0, 8_192, slow, 3);
    for (let at = 0; at < data.length; at += 5_000) await writer.write(data.subarray(at, at + 5_000));
    expect(await writer.close()).toBe(data.length);
    expect((await readFile(file)).equals(data)).toBe(true);
  });
});

describe('the running hash of a download', () => {
  test('inline where two cores exist, on a thread with more; both give the same digests, prefix included', async () => {
    expect(createRunningHash(2)).toBeInstanceOf(InlineHash);
    const threaded = createRunningHash(4);
    expect(threaded).toBeInstanceOf(HashThread);
    const data = randomBytes(700_000);
    const file = join(dir, 'prefix-both');
    await writeFile(file, data);
    try {
      for (const hash of [new InlineHash(), threaded]) {
        await hash.restartFromFile(file, 300_000);
        await hash.update(shared(data.subarray(300_000)));
        expect(await hash.digest()).toBe(sha256(data));
        await hash.restartFromFile(file, 0);
        expect(await hash.digest()).toBe(sha256(Buffer.alloc(0)));
      }
    } finally {
      await threaded.close();
    }
  });
});
