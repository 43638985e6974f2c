/** JSON calls over a connection: a request with a JSON answer, and a streamed upload with a JSON answer. */
import type { Connection, Opened } from './connection.js';
import { answerMeta, retryAfterMs } from './headers.js';
import { RETRY_STATUSES, mapStatusError, type RequestTarget } from './http-errors.js';
import type { JsonAnswer, JsonRequest, StreamUploadRequest } from './http-types.js';
import { parseJson, readLimited, validateAnswer } from './read-body.js';

/** GET/HEAD/PUT/DELETE are retried (idempotent by HTTP's definition); POST only when marked `idempotent`. */
export function requestJson<T>(conn: Connection, request: JsonRequest<T>): Promise<JsonAnswer<T>> {
  const { url, target } = conn.target(request.path, request.query);
  const idempotent = request.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(request.method);
  const headers = {
    accept: 'application/json',
    ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}),
    ...request.headers,
  };
  const body = request.json === undefined ? undefined : JSON.stringify(request.json);
  return conn.withRetries(target, { idempotent, signal: request.signal }, async ({ signal }, n) => {
    const opened = await conn.open(request.method, url, { headers, body, timeouts: request.timeouts, signal });
    if (RETRY_STATUSES.has(opened.status) && !request.accept?.includes(opened.status)) {
      return {
        retryStatus: opened.status,
        retryAfterMs: retryAfterMs(opened.headers['retry-after']),
        errorCode: await conn.drainError(opened),
      };
    }
    return finishJson(conn, opened, request, target, n);
  });
}

/** Never retried (the body stream is consumed) and without a total deadline: idle timeouts catch a stall. */
export function sendStream<T>(conn: Connection, request: StreamUploadRequest<T>): Promise<JsonAnswer<T>> {
  const { url, target } = conn.target(request.path, request.query);
  const headers = {
    accept: 'application/json',
    'content-type': 'application/octet-stream',
    ...request.headers,
    'content-length': String(request.contentLength),
  };
  return conn.withRetries(target, { idempotent: false, signal: request.signal, deadline: false }, async (a, n) => {
    const init = { headers, body: request.body, timeouts: request.timeouts, signal: a.signal };
    return finishJson(conn, await conn.open(request.method, url, init), request, target, n);
  });
}

async function finishJson<T>(
  conn: Connection,
  opened: Opened,
  request: Omit<JsonRequest<T>, 'method'> & { method: string },
  target: RequestTarget,
  attempts: number,
): Promise<JsonAnswer<T>> {
  const meta = answerMeta(opened.status, opened.headers, attempts);
  if (opened.status >= 200 && opened.status < 300) {
    if (request.method === 'HEAD') return { ...meta, ok: true, body: undefined as T };
    const limit = request.maxBytes ?? conn.maxJsonBytes;
    const value = parseJson(await readLimited(opened.body, opened.headers['content-length'], limit, target), target);
    return { ...meta, ok: true, body: request.schema ? validateAnswer(request.schema, value, target) : (value as T) };
  }
  const errorCode = await conn.drainError(opened);
  if (request.accept?.includes(opened.status)) return { ...meta, ok: false, errorCode };
  throw mapStatusError(opened.status, target, attempts, errorCode);
}
