/** A download over a connection: opening is retried like any GET; the body is the caller's to resume. */
import { Readable } from 'node:stream';
import type { Connection } from './connection.js';
import { answerMeta, firstHeader, retryAfterMs } from './headers.js';
import { RETRY_STATUSES, mapStatusError } from './http-errors.js';
import type { DownloadAnswer, DownloadRequest } from './http-types.js';
import { parseContentRange } from './read-body.js';

export function openDownload(conn: Connection, request: DownloadRequest): Promise<DownloadAnswer> {
  const { url, target } = conn.target(request.path);
  // identity: byte offsets (Range, resume) must count the file's bytes, never a compressed encoding's.
  const headers = {
    ...request.headers,
    'accept-encoding': 'identity',
    ...(request.offset ? { range: `bytes=${request.offset}-` } : {}),
  };
  const accept = request.accept ?? [404, 416];
  return conn.withRetries(target, { idempotent: true, signal: request.signal }, async (attempt, n) => {
    const opened = await conn.open('GET', url, { headers, signal: attempt.signal });
    const meta = answerMeta(opened.status, opened.headers, n);
    const contentRange = parseContentRange(firstHeader(opened.headers['content-range']) ?? undefined);
    if (opened.status === 200 || opened.status === 206) {
      attempt.keepUntil(opened.body);
      const length = Number(opened.headers['content-length']);
      return {
        ...meta,
        body: opened.body,
        contentLength: Number.isSafeInteger(length) && length >= 0 ? length : null,
        contentRange,
        etag: firstHeader(opened.headers.etag),
        errorCode: null,
      };
    }
    const errorCode = await conn.drainError(opened);
    if (RETRY_STATUSES.has(opened.status))
      return { retryStatus: opened.status, retryAfterMs: retryAfterMs(opened.headers['retry-after']), errorCode };
    if (!accept.includes(opened.status)) throw mapStatusError(opened.status, target, n, errorCode);
    return { ...meta, body: Readable.from([]), contentLength: null, contentRange, etag: null, errorCode };
  });
}
