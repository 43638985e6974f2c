/**
 * Streams a cloud backup into its `.partial` file with constant memory, resuming with HTTP Range
 * (RELIABILITY.md lesson 2: 206 → append, 200 → truncate and restart, 416 → probably complete, verify).
 * Transport failures keep the partial and reconnect until the deadline. Writes go through a few fixed 512 KiB
 * buffers (constant memory); each full buffer is hashed (running-hash.ts) while the thread pool writes it.
 */
import { rm, stat, truncate } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  CancelledError,
  UnexpectedError,
  UnreachableError,
  VerificationError,
  isOrcaError,
} from '../../core/errors.js';
import type { BackupInfo, CloudBackupApi, FetchStats, TransferProgress } from '../../core/ports.js';
import { resumeStepFor } from '../../core/sync-plan.js';
import { CoalescingFileWriter } from './coalescing-writer.js';
import { openOwnFileForAppend } from './no-follow.js';
import { createRunningHash, type RunningHash } from './running-hash.js';

// 512 KiB: on the 2-core VM of bench/sync.ts, writes of 1 MiB and more into the page cache cost 2–5×
// the kernel time of 128–512 KiB ones (dd: 0.33 s/GiB at 512 KiB, 0.8–2 s at 1 MiB, 3.5 s at 4 MiB).
const WRITE_BUFFER_BYTES = 512 << 10;
const PROGRESS_EVERY_MS = 100;

export interface DownloadOptions {
  deadlineAt: number;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  /** First wait between reconnects (doubles, at most 5 s). */
  pauseMs?: number;
}

export interface DownloadResult {
  sha256: string;
  size: number;
  stats: FetchStats;
}

/**
 * Fills `partial` with the bytes of `backup` and returns their sha256 and size (not yet compared with the
 * metadata: the caller verifies). Throws UnreachableError when the deadline passes with bytes still missing
 * (the partial is kept), VerificationError when the server's file does not match the listing.
 */
export async function downloadToPartial(
  source: CloudBackupApi,
  backup: BackupInfo,
  partial: string,
  options: DownloadOptions,
): Promise<DownloadResult> {
  const hasher = createRunningHash();
  try {
    return await download(source, backup, partial, options, hasher);
  } finally {
    await hasher.close();
  }
}

async function download(
  source: CloudBackupApi,
  backup: BackupInfo,
  partial: string,
  options: DownloadOptions,
  hasher: RunningHash,
): Promise<DownloadResult> {
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  // A link planted at the partial's name is replaced, never written through; a wider mode is made 0600.
  await (await openOwnFileForAppend(partial)).close();
  let offset = (await stat(partial)).size;
  const stats: FetchStats = {
    resumedFrom: offset,
    bytesReceived: 0,
    attempts: 0,
    restarted: false,
    seconds: 0,
    cpuSeconds: 0,
  };
  if (offset > backup.size) {
    await truncate(partial, 0);
    Object.assign(stats, { resumedFrom: 0, restarted: true });
    offset = 0;
  }
  await hasher.restartFromFile(partial, offset);
  let lastError: unknown = null;
  for (let pause = options.pauseMs ?? 250; offset < backup.size; pause = Math.min(pause * 2, 5000)) {
    if (Date.now() >= options.deadlineAt) throw deadlineError(backup, offset, lastError);
    stats.attempts += 1;
    try {
      const answer = await source.downloadBackup(backup.id, { offset, sha256: backup.sha256, signal: options.signal });
      const step = resumeStepFor(answer, offset, backup.size);
      if (step.kind === 'complete') break;
      if (step.kind === 'missing')
        throw new UnreachableError({
          key: 'sync.backupVanished',
          params: { env: source.env, id: backup.id },
          hintKey: 'sync.backupVanished.hint',
        });
      if (step.kind === 'discard' || (step.kind === 'restart' && offset > 0)) {
        if (step.kind === 'discard') answer.body.destroy();
        await truncate(partial, 0);
        await hasher.restartFromFile(partial, 0);
        stats.restarted = true;
        offset = 0;
        if (step.kind === 'discard') continue;
      }
      if (answer.length !== null && answer.start + answer.length > backup.size) {
        answer.body.destroy();
        throw await overlong(backup, partial, answer.start);
      }
      if (answer.total !== null && answer.total !== backup.size) {
        answer.body.destroy();
        throw new VerificationError({
          key: 'sync.sizeMismatch',
          params: { id: backup.id, listed: backup.size, served: answer.total },
          hintKey: 'sync.sizeMismatch.hint',
        });
      }
      const before = offset;
      offset = await appendBody(answer, partial, offset, backup, hasher, stats, options.onProgress);
      if (offset === before && offset < backup.size) {
        throw new UnreachableError({
          key: 'http.connectionFailed',
          params: { env: source.env, url: backup.id, code: 'EMPTY_BODY', attempts: stats.attempts },
        });
      }
    } catch (error) {
      if (isOrcaError(error) && error.key === 'sync.downloadOverlong') throw error;
      const held = (await stat(partial)).size;
      if (options.signal?.aborted) throw await abortReason(options.signal.reason, backup, partial, held, error);
      if (!(error instanceof UnreachableError) || error.key === 'sync.backupVanished') throw error;
      lastError = error;
      offset = held;
      // A failed write may have been hashed without landing: hash again what the disk really holds.
      await hasher.restartFromFile(partial, offset);
      await sleepUntil(Math.min(Date.now() + pause, options.deadlineAt), options.signal);
    }
  }
  const size = (await stat(partial)).size;
  if (size !== backup.size) {
    throw new VerificationError({
      key: 'sync.sizeMismatch',
      params: { id: backup.id, listed: backup.size, served: size },
      hintKey: 'sync.sizeMismatch.hint',
    });
  }
  stats.seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  stats.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return { sha256: await hasher.digest(), size, stats };
}

/**
 * Appends one answer's body at `offset`; returns the new size. When the stream breaks, the bytes already
 * received are still written (TLS vouches for them) before UnreachableError is thrown, so a resume loses
 * nothing that arrived.
 */
async function appendBody(
  answer: Awaited<ReturnType<CloudBackupApi['downloadBackup']>>,
  partial: string,
  offset: number,
  backup: BackupInfo,
  hasher: RunningHash,
  stats: FetchStats,
  onProgress?: (progress: TransferProgress) => void,
): Promise<number> {
  const expected = backup.size;
  const writer = await CoalescingFileWriter.open(partial, offset, WRITE_BUFFER_BYTES, (block) => hasher.update(block));
  let ticks = 0;
  const timer = setInterval(() => {
    onProgress?.({ bytes: writer.accepted, total: expected });
    if (++ticks % 5 === 0) writer.flushSoon();
  }, PROGRESS_EVERY_MS);
  let broken: unknown = null;
  let cutAt: number | null = null;
  try {
    await pump(answer.body, (chunk) => {
      stats.bytesReceived += chunk.length;
      // The listing's size is the cap: the first byte past it ends the transfer (an endless or lying
      // server cannot fill the disk); nothing past it is written.
      if (writer.accepted + chunk.length > expected) {
        cutAt = expected + 1;
        throw new Error('more bytes than listed');
      }
      return writer.writeSoon(chunk);
    });
  } catch (error) {
    broken = error;
  } finally {
    clearInterval(timer);
    const size = await writer.close().catch((error: unknown) => {
      throw new UnexpectedError({
        key: 'sync.writeFailed',
        params: { file: partial, code: (error as NodeJS.ErrnoException).code ?? String(error) },
        hintKey: 'sync.writeFailed.hint',
        cause: error,
      });
    });
    onProgress?.({ bytes: size, total: expected });
  }
  if (cutAt !== null) throw await overlong(backup, partial, cutAt);
  if (broken !== null) throw isOrcaError(broken) ? broken : answer.toError(broken);
  return writer.written;
}

/** A server that sends more than it listed: the partial is removed (its bytes cannot be trusted), exit 6. */
async function overlong(backup: BackupInfo, partial: string, cutAt: number): Promise<VerificationError> {
  await rm(partial, { force: true });
  return new VerificationError({
    key: 'sync.downloadOverlong',
    params: { id: backup.id, listed: backup.size, cutAt, file: partial },
    hintKey: 'sync.downloadOverlong.hint',
  });
}

/**
 * Feeds each chunk of `body` to `take`, pausing the stream while `take`'s answer is pending. 'data' events
 * rather than `for await`: no promise per ~16 KiB TLS record on the one busy thread.
 */
function pump(body: Readable, take: (chunk: Buffer) => Promise<void> | null): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending: Promise<void> | null = null;
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      body.destroy();
      reject(error);
    };
    body.on('data', (chunk: Buffer) => {
      if (failed) return;
      try {
        pending = take(chunk);
      } catch (error) {
        fail(error);
        return;
      }
      if (pending === null) return;
      body.pause();
      pending.then(() => {
        pending = null;
        if (!failed) body.resume();
      }, fail);
    });
    // finished() also reports a body that closed early or errored; the last chunk may still be pending.
    finished(body, { readable: true, writable: false }).then(
      () => (pending ?? Promise.resolve()).then(resolve, fail),
      fail,
    );
  });
}

/**
 * The run's deadline while bytes are missing says how many are kept. Ctrl-C says so too, and removes a
 * partial that holds nothing yet (the next run starts from byte 0 anyway). Any other abort passes through.
 */
async function abortReason(
  reason: unknown,
  backup: BackupInfo,
  partial: string,
  held: number,
  fallback: unknown,
): Promise<unknown> {
  if (isOrcaError(reason) && reason.key === 'sync.deadline') return deadlineError(backup, held, reason);
  if (reason instanceof CancelledError) {
    if (held === 0) await rm(partial, { force: true });
    return downloadCancelled(backup, held, reason);
  }
  return isOrcaError(reason) ? reason : fallback;
}

/** Ctrl-C during the transfer (or its verification): `bytes` of the backup are kept for the next run. */
export function downloadCancelled(backup: BackupInfo, bytes: number, cause: unknown): CancelledError {
  return new CancelledError({
    key: 'sync.cancelled',
    params: { id: backup.id, bytes, size: backup.size },
    cause,
  });
}

function deadlineError(backup: BackupInfo, offset: number, cause: unknown): UnreachableError {
  return new UnreachableError({
    key: 'sync.downloadDeadline',
    params: { id: backup.id, bytes: offset, size: backup.size },
    hintKey: 'sync.downloadDeadline.hint',
    cause,
  });
}

function sleepUntil(at: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, at - Date.now()));
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
