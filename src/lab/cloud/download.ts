/** `GET` / `HEAD /backups/{id}/content`: the dump bytes with one `Range`, `If-Range`, and the download faults. */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { pipeline } from 'node:stream/promises';
import type { BackupStore, StoredBackup } from './backup-store.js';
import { assertBackupId } from './backup-store.js';
import type { DownloadFaultPlan, FaultController } from './faults.js';
import { HttpError } from './http-util.js';

export interface DownloadContext {
  store: BackupStore;
  faults: FaultController;
  rawSocketOf(remotePort: number | undefined): Socket | undefined;
}

type RangeChoice = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/** RFC 9110 single-range semantics; anything we do not serve as a range falls back to the whole file. */
export function chooseRange(
  header: string | undefined,
  ifRange: string | undefined,
  size: number,
  etag: string,
): RangeChoice {
  if (header === undefined) return { kind: 'full' };
  if (ifRange !== undefined && ifRange.trim() !== etag) return { kind: 'full' };
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'full' };
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? Math.max(start, size - 1) : Number(match[2]);
  if (end < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}

export async function serveBackupContent(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: DownloadContext,
  id: string,
): Promise<void> {
  assertBackupId(id);
  const backup = await ctx.store.get(id);
  if (!backup) {
    const partial = await ctx.store.partial(id);
    const headers: Record<string, string> = partial
      ? {
          'X-Upload-Offset': String(partial.offset),
          'X-Upload-Length': String(partial.length),
          'X-Content-Sha256': partial.sha256,
        }
      : {};
    throw new HttpError(404, 'NOT_FOUND', `no backup ${id}`, headers);
  }
  const etag = `"${backup.sha256}"`;
  const common = {
    ETag: etag,
    'Accept-Ranges': 'bytes',
    'X-Content-Sha256': backup.sha256,
    'Content-Type': 'application/octet-stream',
  };
  if (req.method === 'HEAD') {
    res.writeHead(200, { ...common, 'Content-Length': backup.size });
    res.end();
    return;
  }
  const ifRange = req.headers['if-range'];
  const range = chooseRange(req.headers.range, Array.isArray(ifRange) ? ifRange[0] : ifRange, backup.size, etag);
  if (range.kind === 'unsatisfiable') {
    throw new HttpError(416, 'RANGE_NOT_SATISFIABLE', `the range starts past the end (${backup.size} bytes)`, {
      'Content-Range': `bytes */${backup.size}`,
    });
  }
  const start = range.kind === 'partial' ? range.start : 0;
  const end = range.kind === 'partial' ? range.end : backup.size - 1;
  const plan = end < start ? null : ctx.faults.takeDownloadPlan();
  const extra = plan?.extraBytes ?? 0;
  const headers: Record<string, string | number> = { ...common, 'Content-Length': end - start + 1 + extra };
  // An overlong answer not declared: chunked, without Content-Length, as an endless stream would come.
  if (extra > 0 && !plan!.extraDeclared) delete headers['Content-Length'];
  if (range.kind === 'partial') headers['Content-Range'] = `bytes ${start}-${end}/${backup.size}`;
  res.writeHead(range.kind === 'partial' ? 206 : 200, headers);
  if (end < start) {
    res.end();
    return;
  }
  const rate = ctx.faults.get().rate;
  if (plan) await streamWithFaults(res, ctx, backup, start, end, plan);
  else if (rate !== null) await streamPaced(res, ctx.store.contentPath(id), start, end, rate);
  else await pipeline(createReadStream(ctx.store.contentPath(id), { start, end, highWaterMark: 1 << 20 }), res);
}

/**
 * Sends the range at `bitsPerSecond`, as a link of that speed would deliver it: each chunk leaves when the
 * bytes before it would have arrived (an absolute schedule, so timer jitter never adds up). Chunks of about
 * 5 ms of the rate keep the timer granularity out of the figure at 1 Gbit/s and the bursts small at 100 Mbit/s.
 */
async function streamPaced(res: ServerResponse, file: string, start: number, end: number, bitsPerSecond: number) {
  const bytesPerMs = bitsPerSecond / 8 / 1000;
  const chunk = Math.max(16 << 10, Math.min(4 << 20, Math.round(bytesPerMs * 5)));
  const began = performance.now();
  let sent = 0;
  for await (const raw of createReadStream(file, { start, end, highWaterMark: chunk })) {
    const due = began + sent / bytesPerMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    await writeChunk(res, raw as Buffer);
    sent += (raw as Buffer).length;
  }
  res.end();
}

function writeChunk(res: ServerResponse, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => res.write(chunk, (error) => (error ? reject(error) : resolve())));
}

async function streamWithFaults(
  res: ServerResponse,
  ctx: DownloadContext,
  backup: StoredBackup,
  start: number,
  end: number,
  plan: DownloadFaultPlan,
): Promise<void> {
  let offset = start;
  let sent = 0;
  for await (const raw of createReadStream(ctx.store.contentPath(backup.id), {
    start,
    end,
    highWaterMark: 256 << 10,
  })) {
    let chunk = raw as Buffer;
    const at = plan.corruptAtOffset;
    if (at !== null && at >= offset && at < offset + chunk.length) {
      chunk = Buffer.from(chunk);
      chunk[at - offset] = chunk[at - offset]! ^ 0xff;
    }
    offset += chunk.length;
    if (plan.stopAfterBytes !== null && sent + chunk.length >= plan.stopAfterBytes) {
      await writeChunk(res, chunk.subarray(0, plan.stopAfterBytes - sent));
      await cut(res, ctx, plan.stopKind);
      return;
    }
    await writeChunk(res, chunk);
    sent += chunk.length;
  }
  for (let left = plan.extraBytes ?? 0; left > 0; left -= 64 << 10) {
    if (res.destroyed) return;
    await writeChunk(res, Buffer.alloc(Math.min(left, 64 << 10), 0x5a)).catch(() => undefined);
  }
  res.end();
}

/** Time for the bytes already sent to reach the client before the RST, which would discard unread data. */
const RESET_GRACE_MS = 100;

/** Ends a download early: `reset` sends a TCP RST; `truncate` closes cleanly short of Content-Length. */
async function cut(res: ServerResponse, ctx: DownloadContext, kind: 'reset' | 'truncate'): Promise<void> {
  const socket = res.socket;
  if (!socket) return;
  if (kind === 'truncate') {
    socket.end();
    return;
  }
  const raw = ctx.rawSocketOf(socket.remotePort);
  await new Promise((resolve) => setTimeout(resolve, RESET_GRACE_MS));
  if (raw && typeof raw.resetAndDestroy === 'function') raw.resetAndDestroy();
  else socket.destroy();
}
