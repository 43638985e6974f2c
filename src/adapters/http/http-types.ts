/** The HTTP client's contract (`client-factory.ts` builds it; cloud and WebORCA adapters use it). */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { ZodType } from 'zod';
import type { EnvironmentName } from '../../core/domain.js';
import type { OrcaError } from '../../core/errors.js';
import type { ClientCertificateSource, TlsMaterialCache } from './tls-material.js';

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
  /** Shares certificates read once between the clients of one command run (the adapter factory's). */
  tlsCache?: TlsMaterialCache;
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

export interface AnswerMeta {
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
  /** `scheme://host:port/path` of `path` under the base URL (never credentials or query), as errors name it. */
  locate(path: string): string;
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
