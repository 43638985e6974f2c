import { Agent as HttpAgent, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { Readable } from 'node:stream';
import type { ZodType } from 'zod';
import type { OrcaError } from '../../core/errors.js';
import type { EnvironmentName } from '../../core/domain.js';
import { RETRY_STATUSES, mapStatusError, mapTransportError, type RequestTarget } from './http-errors.js';
import { runWithRetries, type RetryPolicy } from './retry-loop.js';
import { parseContentRange, parseJson, readLimited, serverErrorCode, validateAnswer } from './read-body.js';
import { lazyTlsMaterial, loadTlsMaterial, type ClientCertificateSource } from './tls-material.js';
import { exchange, type Opened } from './transport.js';

/**
 * THE HTTP client factory (STYLE.md §6): every request of the tool goes through here, over Node's own
 * `node:https` (transport.ts; got was measured to cost a quarter of `status`'s start-up and a download's
 * speed, see docs/architecture.md). Explicit timeouts; retries only on idempotent calls (GET/HEAD/PUT, or
 * `idempotent: true`), bounded by a count AND a total deadline; TLS verification on unless `insecure`;
 * client certificate from `.p12` or PEM; Basic auth only as a header; redirects never followed (the
 * Authorization header must not travel to another host); every failure mapped to a typed error naming the
 * environment (see http-errors.ts for the exit-code choices).
 */
export interface HttpClientOptions {
  env: EnvironmentName;
  baseUrl: string;
  user?: string;
  /** Basic-auth password: the cloud API key, or the on-premises ORCA operator's password. */
  apiKey?: string;
  clientCertificate?: ClientCertificateSource;
  caFile?: string;
  insecure?: boolean;
  timeouts?: HttpTimeouts;
  retry?: { limit?: number; totalDeadlineMs?: number; baseDelayMs?: number };
  /** Largest JSON answer accepted (default 1 MiB). */
  maxJsonBytes?: number;
}

export interface HttpTimeouts {
  /** DNS + TCP connect + TLS handshake, each stage (default 10 s). */
  connectMs?: number;
  /** From the request sent to the response headers (default 30 s). */
  responseMs?: number;
  /** Longest silence on the socket while sending or receiving (default 30 s). */
  idleMs?: number;
}

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

export interface JsonRequest<T> {
  method: HttpMethod;
  /** Relative to `baseUrl`; path segments from data must already be `encodeURIComponent`-ed. */
  path: string;
  query?: Record<string, string>;
  json?: unknown;
  headers?: Record<string, string>;
  /** Validates a 2xx answer; without it the body is returned as parsed JSON (`unknown`). */
  schema?: ZodType<T>;
  /** Non-2xx statuses returned as `{ ok: false }` instead of thrown. */
  accept?: number[];
  idempotent?: boolean;
  maxBytes?: number;
  timeouts?: HttpTimeouts;
  signal?: AbortSignal;
}

interface AnswerMeta {
  status: number;
  headers: IncomingHttpHeaders;
  /** `X-Hybridmode` of the response, when present. */
  reportedMode: string | null;
  attempts: number;
}
export type JsonAnswer<T> = AnswerMeta & ({ ok: true; body: T } | { ok: false; errorCode: string | null });

export interface DownloadRequest {
  path: string;
  /** Asks for the bytes from this offset on (`Range: bytes=<offset>-`). */
  offset?: number;
  headers?: Record<string, string>;
  /** Statuses besides 200/206 returned instead of thrown (default 404 and 416); their body is drained. */
  accept?: number[];
  signal?: AbortSignal;
}

export interface DownloadAnswer extends AnswerMeta {
  /** The body; for 200/206 a live stream (pass errors through `client.toError`), else an empty stream. */
  body: Readable;
  contentLength: number | null;
  contentRange: { start: number; end: number; total: number | null } | null;
  etag: string | null;
  errorCode: string | null;
}

export interface StreamUploadRequest<T> extends Omit<JsonRequest<T>, 'json' | 'idempotent'> {
  body: Readable | Buffer;
  contentLength: number;
}

export interface HttpClient {
  readonly env: EnvironmentName;
  requestJson<T = unknown>(request: JsonRequest<T>): Promise<JsonAnswer<T>>;
  /** GET as a stream; opening is retried like any GET, the body is never retried (resume is the caller's). */
  openDownload(request: DownloadRequest): Promise<DownloadAnswer>;
  /** Sends a streamed body (never retried: the stream is consumed) and reads the JSON answer. */
  sendStream<T = unknown>(request: StreamUploadRequest<T>): Promise<JsonAnswer<T>>;
  /** Maps an error from a download body stream (reset, timeout) to a typed error naming the environment. */
  toError(error: unknown, path: string): OrcaError;
  /** Closes kept-alive connections. */
  close(): void;
}

const DEFAULTS = {
  connectMs: 10_000,
  responseMs: 30_000,
  idleMs: 30_000,
  limit: 3,
  totalDeadlineMs: 60_000,
  baseDelayMs: 250,
  maxJsonBytes: 1024 * 1024,
};
const ERROR_BODY_LIMIT = 64 * 1024;

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const base = new URL(options.baseUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const env = options.env;
  const tls = lazyTlsMaterial(() => loadTlsMaterial(env, options.caFile, options.clientCertificate));
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const authorization =
    options.user === undefined
      ? undefined
      : 'Basic ' + Buffer.from(`${options.user}:${options.apiKey ?? ''}`, 'utf8').toString('base64');
  const baseHeaders: Record<string, string> = {
    'user-agent': 'orca-hybrid',
    ...(authorization ? { authorization } : {}),
  };
  const retryLimit = options.retry?.limit ?? DEFAULTS.limit;
  const totalDeadlineMs = options.retry?.totalDeadlineMs ?? DEFAULTS.totalDeadlineMs;
  const baseDelayMs = options.retry?.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxJsonBytes = options.maxJsonBytes ?? DEFAULTS.maxJsonBytes;

  function targetOf(path: string, query?: Record<string, string>): { url: URL; target: RequestTarget } {
    const url = new URL(path.replace(/^\/+/, ''), base);
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    return { url, target: { env, url: `${url.origin}${url.pathname}` } };
  }

  function open(
    method: HttpMethod,
    url: URL,
    init: {
      headers?: Record<string, string>;
      body?: Readable | Buffer | string;
      timeouts?: HttpTimeouts;
      signal?: AbortSignal;
    },
  ): Promise<Opened> {
    const material = tls();
    const t = { ...DEFAULTS, ...options.timeouts, ...init.timeouts };
    return exchange({
      method,
      url,
      headers: { ...baseHeaders, ...init.headers },
      body: init.body,
      timeouts: { connectMs: t.connectMs, responseMs: t.responseMs, idleMs: t.idleMs },
      agents,
      tls: { rejectUnauthorized: options.insecure !== true, ...material },
      signal: init.signal,
    });
  }

  function policy(idempotent: boolean, signal: AbortSignal | undefined, deadline = true): RetryPolicy {
    return { idempotent, limit: retryLimit, totalDeadlineMs: deadline ? totalDeadlineMs : null, baseDelayMs, signal };
  }

  async function drainError(opened: Opened): Promise<string | null> {
    try {
      return serverErrorCode(
        parseJson(await readLimited(opened.body, undefined, ERROR_BODY_LIMIT, { env, url: '' }), { env, url: '' }),
      );
    } catch {
      return null;
    }
  }

  async function finishJson<T>(
    opened: Opened,
    request: Omit<JsonRequest<T>, 'method'> & { method: string },
    target: RequestTarget,
    n: number,
  ): Promise<JsonAnswer<T>> {
    const meta = {
      status: opened.status,
      headers: opened.headers,
      reportedMode: headerValue(opened.headers['x-hybridmode']),
      attempts: n,
    };
    if (opened.status >= 200 && opened.status < 300) {
      if (request.method === 'HEAD') return { ...meta, ok: true, body: undefined as T };
      const raw = await readLimited(
        opened.body,
        opened.headers['content-length'],
        request.maxBytes ?? maxJsonBytes,
        target,
      );
      const value = parseJson(raw, target);
      return { ...meta, ok: true, body: request.schema ? validateAnswer(request.schema, value, target) : (value as T) };
    }
    const errorCode = await drainError(opened);
    if (request.accept?.includes(opened.status)) return { ...meta, ok: false, errorCode };
    throw mapStatusError(opened.status, target, n, errorCode);
  }

  return {
    env,
    async requestJson<T>(request: JsonRequest<T>): Promise<JsonAnswer<T>> {
      const { url, target } = targetOf(request.path, request.query);
      const idempotent = request.idempotent ?? ['GET', 'HEAD', 'PUT', 'DELETE'].includes(request.method);
      const headers = {
        accept: 'application/json',
        ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...request.headers,
      };
      const body = request.json === undefined ? undefined : JSON.stringify(request.json);
      tls(); // local files: loaded (once) before the network deadline starts
      return runWithRetries(target, policy(idempotent, request.signal), async ({ signal }, n) => {
        const opened = await open(request.method, url, { headers, body, timeouts: request.timeouts, signal });
        if (RETRY_STATUSES.has(opened.status) && !request.accept?.includes(opened.status)) {
          return {
            retryStatus: opened.status,
            retryAfterMs: retryAfterMs(opened.headers['retry-after']),
            errorCode: await drainError(opened),
          };
        }
        return finishJson(opened, request, target, n);
      });
    },

    async openDownload(request: DownloadRequest): Promise<DownloadAnswer> {
      const { url, target } = targetOf(request.path);
      // identity: byte offsets (Range, resume) must count the file's bytes, never a compressed encoding's.
      const headers = {
        ...request.headers,
        'accept-encoding': 'identity',
        ...(request.offset ? { range: `bytes=${request.offset}-` } : {}),
      };
      const accept = request.accept ?? [404, 416];
      tls(); // local files: loaded (once) before the network deadline starts
      return runWithRetries(target, policy(true, request.signal), async (attempt, n) => {
        const opened = await open('GET', url, { headers, signal: attempt.signal });
        const meta = {
          status: opened.status,
          headers: opened.headers,
          reportedMode: headerValue(opened.headers['x-hybridmode']),
          attempts: n,
        };
        if (opened.status === 200 || opened.status === 206) {
          attempt.keepUntil(opened.body);
          const length = Number(opened.headers['content-length']);
          return {
            ...meta,
            body: opened.body,
            contentLength: Number.isSafeInteger(length) && length >= 0 ? length : null,
            contentRange: parseContentRange(headerValue(opened.headers['content-range']) ?? undefined),
            etag: headerValue(opened.headers.etag),
            errorCode: null,
          };
        }
        const errorCode = await drainError(opened);
        if (RETRY_STATUSES.has(opened.status))
          return { retryStatus: opened.status, retryAfterMs: retryAfterMs(opened.headers['retry-after']), errorCode };
        if (!accept.includes(opened.status)) throw mapStatusError(opened.status, target, n, errorCode);
        return {
          ...meta,
          body: Readable.from([]),
          contentLength: null,
          contentRange: parseContentRange(headerValue(opened.headers['content-range']) ?? undefined),
          etag: null,
          errorCode,
        };
      });
    },

    async sendStream<T>(request: StreamUploadRequest<T>): Promise<JsonAnswer<T>> {
      const { url, target } = targetOf(request.path, request.query);
      const headers = {
        accept: 'application/json',
        'content-type': 'application/octet-stream',
        ...request.headers,
        'content-length': String(request.contentLength),
      };
      // No total deadline: a large upload takes as long as it takes while bytes flow (idle timeout).
      tls(); // local files: loaded (once) before the network deadline starts
      return runWithRetries(target, policy(false, request.signal, false), async ({ signal }, n) => {
        const opened = await open(request.method, url, {
          headers,
          body: request.body,
          timeouts: request.timeouts,
          signal,
        });
        return finishJson(opened, request, target, n);
      });
    },

    toError(error: unknown, path: string): OrcaError {
      return mapTransportError(error, targetOf(path).target, 1);
    },

    close(): void {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

function headerValue(value: string | string[] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first;
}

function retryAfterMs(value: string | undefined): number | null {
  if (value === undefined) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}
