import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, pipeline, type Readable } from 'node:stream';
import { backupSchema, parseSha256Etag, sha256Schema } from '../../core/cloud-contract.js';
import type { CloudBackupDownload, CloudBackupHead, CloudUploadOutcome } from '../../core/ports.js';
import { UsageError } from '../../core/errors.js';
import type { HttpClient } from '../http/client-factory.js';
import { firstHeader } from '../http/headers.js';
import { malformedAnswer } from '../http/http-errors.js';

/** Byte transfers of backups (docs/cloud-api.md "Backups"): HEAD, resumable GET, resumable PUT. */

export function contentPath(id: string): string {
  return `hybrid/v1/backups/${encodeURIComponent(id)}/content`;
}

function nonNegativeInt(value: string | string[] | undefined): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d{1,16}$/.test(text.trim())) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}

function sha256Header(value: string | string[] | undefined): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  const parsed = sha256Schema.safeParse(text?.trim());
  return parsed.success ? parsed.data : null;
}

export async function headBackup(http: HttpClient, id: string, signal?: AbortSignal): Promise<CloudBackupHead> {
  const path = contentPath(id);
  const answer = await http.requestJson({ method: 'HEAD', path, accept: [404], signal });
  if (answer.ok) {
    const size = nonNegativeInt(answer.headers['content-length']);
    const sha256 =
      parseSha256Etag(firstHeader(answer.headers.etag)) ?? sha256Header(answer.headers['x-content-sha256']);
    if (size === null || sha256 === null)
      throw malformedAnswer({ env: http.env, url: path }, 'HEAD without size or checksum');
    return { state: 'complete', size, sha256 };
  }
  const offset = nonNegativeInt(answer.headers['x-upload-offset']);
  if (offset === null) return { state: 'absent' };
  return {
    state: 'partial',
    offset,
    length: nonNegativeInt(answer.headers['x-upload-length']),
    sha256: sha256Header(answer.headers['x-content-sha256']),
  };
}

export async function downloadBackup(
  http: HttpClient,
  id: string,
  options: { offset?: number; sha256?: string; signal?: AbortSignal } = {},
): Promise<CloudBackupDownload> {
  const path = contentPath(id);
  const offset = options.offset ?? 0;
  const headers: Record<string, string> = options.sha256 && offset > 0 ? { 'if-range': `"${options.sha256}"` } : {};
  const answer = await http.openDownload({ path, offset, headers, accept: [404, 416], signal: options.signal });
  const toError = (error: unknown) => http.toError(error, path);
  const sha256 = parseSha256Etag(answer.etag) ?? sha256Header(answer.headers['x-content-sha256']);
  const target = { env: http.env, url: path };
  if (answer.status === 200) {
    return {
      status: 200,
      start: 0,
      length: answer.contentLength,
      total: answer.contentLength,
      sha256,
      body: answer.body,
      toError,
    };
  }
  if (answer.status === 206) {
    const range = answer.contentRange;
    const consistent =
      range !== null &&
      range.start === offset &&
      (answer.contentLength === null || answer.contentLength === range.end - range.start + 1);
    if (!consistent) {
      answer.body.destroy();
      throw malformedAnswer(target, 'Content-Range does not start at the offset asked for');
    }
    return {
      status: 206,
      start: offset,
      length: answer.contentLength,
      total: range.total,
      sha256,
      body: answer.body,
      toError,
    };
  }
  const total = answer.status === 416 ? unsatisfiedTotal(firstHeader(answer.headers['content-range'])) : null;
  return {
    status: answer.status as 404 | 416,
    start: offset,
    length: 0,
    total,
    sha256: null,
    body: answer.body,
    toError,
  };
}

function unsatisfiedTotal(value: string | null): number | null {
  const match = value ? /^bytes \*\/(\d{1,16})$/.exec(value.trim()) : null;
  return match ? Number(match[1]) : null;
}

export async function uploadBackup(
  http: HttpClient,
  id: string,
  file: string,
  sha256: string,
  options: { resumeFrom?: number; signal?: AbortSignal; onProgress?: (bytesSent: number) => void } = {},
): Promise<CloudUploadOutcome> {
  if (!sha256Schema.safeParse(sha256).success) throw new UsageError({ key: 'cloud.invalidSha256', params: { id } });
  const total = (await stat(file)).size;
  const start = options.resumeFrom ?? 0;
  if (!Number.isSafeInteger(start) || start < 0 || start >= total)
    throw new UsageError({ key: 'cloud.invalidResumeOffset', params: { id, offset: start, size: total } });
  const headers: Record<string, string> = { 'x-content-sha256': sha256 };
  if (start > 0) headers['content-range'] = `bytes ${start}-${total - 1}/${total}`;
  let body: Readable = createReadStream(file, { start, highWaterMark: 1024 * 1024 });
  const onProgress = options.onProgress;
  if (onProgress) {
    let sent = start;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        sent += chunk.length;
        onProgress(sent);
        done(null, chunk);
      },
    });
    // pipeline, not pipe: a read error must destroy the request body instead of leaving it hanging.
    body = pipeline(body, counter, () => undefined);
  }
  const answer = await http.sendStream({
    method: 'PUT',
    path: contentPath(id),
    body,
    contentLength: total - start,
    headers,
    schema: backupSchema,
    accept: [409, 422],
    // The server hashes the whole dump before it answers: allow it time after the last byte.
    timeouts: { responseMs: 10 * 60_000 },
    signal: options.signal,
  });
  if (answer.ok) return { kind: answer.status === 201 ? 'stored' : 'alreadyPresent', backup: answer.body };
  if (answer.status === 409)
    return {
      kind: 'conflict',
      code: answer.errorCode ?? 'CONFLICT',
      serverOffset: nonNegativeInt(answer.headers['x-upload-offset']),
    };
  return { kind: 'rejected', code: answer.errorCode ?? 'UNPROCESSABLE' };
}
