/**
 * `PUT /backups/{id}/content`: a whole or resumed (`Content-Range: bytes S-E/T`) upload, appended to the
 * partial file as it arrives (kept when the connection breaks), verified against `X-Content-Sha256` and the
 * `PGDMP` magic once complete, then published atomically.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { assertBackupId, type BackupStore, type StoredBackup } from './backup-store.js';
import { HttpError, sendJson } from './http-util.js';

export interface UploadContext {
  store: BackupStore;
  /** Ids with an upload running now. */
  uploading: Set<string>;
  maxUploadBytes: number;
}

interface UploadPlan {
  start: number;
  total: number;
  sha256: string;
}

function planUpload(req: IncomingMessage, maxUploadBytes: number): UploadPlan {
  const sha256 = req.headers['x-content-sha256'];
  if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) {
    throw new HttpError(400, 'BAD_REQUEST', 'X-Content-Sha256 must be the lower-case hex sha256 of the whole dump');
  }
  const lengthHeader = req.headers['content-length'];
  if (lengthHeader === undefined || !/^\d+$/.test(lengthHeader))
    throw new HttpError(411, 'LENGTH_REQUIRED', 'send Content-Length');
  const length = Number(lengthHeader);
  const rangeHeader = req.headers['content-range'];
  let plan: UploadPlan = { start: 0, total: length, sha256 };
  if (rangeHeader !== undefined) {
    const m = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(rangeHeader.trim());
    if (!m) throw new HttpError(400, 'BAD_REQUEST', 'Content-Range must be bytes S-E/T');
    const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (end !== total - 1 || start > end || length !== total - start) {
      throw new HttpError(
        400,
        'BAD_REQUEST',
        'Content-Range must cover the rest of the file (E = T-1) and match Content-Length',
      );
    }
    plan = { start, total, sha256 };
  }
  if (plan.total > maxUploadBytes)
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `uploads are limited to ${maxUploadBytes} bytes`);
  return plan;
}

/** Reads and discards the body, then answers (a client still sending would otherwise see a reset). */
async function drain(req: IncomingMessage): Promise<void> {
  for await (const _chunk of req) void _chunk;
}

export async function receiveUpload(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: UploadContext,
  id: string,
): Promise<void> {
  assertBackupId(id);
  const plan = planUpload(req, ctx.maxUploadBytes);
  const existing = await ctx.store.get(id);
  if (existing) {
    if (existing.sha256 !== plan.sha256)
      throw new HttpError(409, 'BACKUP_EXISTS', `backup ${id} exists with another checksum`);
    await drain(req);
    sendJson(res, 200, existing, { ETag: `"${existing.sha256}"` });
    return;
  }
  if (ctx.uploading.has(id)) throw new HttpError(409, 'UPLOAD_IN_PROGRESS', `an upload of ${id} is running`);
  ctx.uploading.add(id);
  try {
    await preparePartial(ctx.store, id, plan);
    // A whole upload is hashed as it arrives; a resumed one is hashed from the file at the end.
    const hash = plan.start === 0 ? createHash('sha256') : null;
    if (hash) req.on('data', (chunk: Buffer) => hash.update(chunk));
    await pipeline(
      req,
      createWriteStream(ctx.store.partialPath(id), { flags: 'a', mode: 0o600, highWaterMark: 1 << 20 }),
    );
    const held = (await ctx.store.partial(id))?.offset ?? 0;
    if (held !== plan.total) throw new HttpError(400, 'BAD_REQUEST', `received ${held} of ${plan.total} bytes`);
    const backup: StoredBackup = await ctx.store.completeUpload(id, plan.sha256, hash?.digest('hex'));
    sendJson(res, 201, backup, { ETag: `"${backup.sha256}"`, Location: `/hybrid/v1/backups/${id}/content` });
  } finally {
    ctx.uploading.delete(id);
  }
}

async function preparePartial(store: BackupStore, id: string, plan: UploadPlan): Promise<void> {
  const partial = await store.partial(id);
  if (plan.start === 0) {
    await store.beginUpload(id, plan.total, plan.sha256);
    return;
  }
  const sameFile = partial !== null && partial.length === plan.total && partial.sha256 === plan.sha256;
  if (!sameFile || partial.offset !== plan.start) {
    const offset = sameFile ? partial.offset : 0;
    throw new HttpError(
      409,
      'UPLOAD_OFFSET_MISMATCH',
      `the server holds ${offset} bytes of this upload, not ${plan.start}`,
      { 'X-Upload-Offset': String(offset) },
    );
  }
}
