/**
 * One environment's HTTP connection: Node's own `node:https` (`transport.ts`) with keep-alive agents, Basic
 * auth as a header, explicit timeouts, TLS material (one secure context) read before the first request, and
 * the retry policy. (It replaced got: on two cores got's module graph was a quarter of `status`'s CPU, and
 * its stream layer stood between the socket and a download — docs/architecture.md.) `json-request.ts` and `download.ts`
 * send through it; `client-factory.ts` assembles the client.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Readable } from 'node:stream';
import type { RequestTarget } from './http-errors.js';
import type { HttpClientOptions, HttpMethod, HttpTimeouts } from './http-types.js';
import { parseJson, readLimited, serverErrorCode } from './read-body.js';
import { runWithRetries, type AttemptSignal, type RetryableStatus } from './retry-loop.js';
import { TlsMaterialCache } from './tls-material.js';
import { exchange, type Opened } from './transport.js';

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

export type { Opened };

export interface OpenInit {
  headers?: Record<string, string>;
  body?: Readable | Buffer | string;
  timeouts?: HttpTimeouts;
  signal?: AbortSignal;
}

export interface Connection {
  readonly env: HttpClientOptions['env'];
  readonly maxJsonBytes: number;
  /** The URL of `path` and how errors name it (origin and path, never the query). */
  target(path: string, query?: Record<string, string>): { url: URL; target: RequestTarget };
  open(method: HttpMethod, url: URL, init: OpenInit): Promise<Opened>;
  /**
   * Runs `attempt` under the retry policy (idempotent calls only, count and total deadline; `deadline: false`
   * for a body that takes as long as it takes). Local TLS files are read first, outside the network deadline.
   */
  withRetries<R>(
    target: RequestTarget,
    how: { idempotent: boolean; signal?: AbortSignal; deadline?: boolean },
    attempt: (signal: AttemptSignal, n: number) => Promise<R | RetryableStatus>,
  ): Promise<R>;
  /** The server's error code from an error answer's JSON body (`{ error: { code } }`), or null. */
  drainError(opened: Opened): Promise<string | null>;
  close(): void;
}

export function openConnection(options: HttpClientOptions): Connection {
  const base = new URL(options.baseUrl);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const env = options.env;
  const tls = (options.tlsCache ?? new TlsMaterialCache()).reader(env, options.caFile, options.clientCertificate);
  const agents = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const authorization =
    options.user === undefined
      ? undefined
      : 'Basic ' + Buffer.from(`${options.user}:${options.apiKey ?? ''}`, 'utf8').toString('base64');
  const baseHeaders: Record<string, string> = {
    'user-agent': 'orca-hybrid',
    ...(authorization ? { authorization } : {}),
  };
  const retry = {
    limit: options.retry?.limit ?? DEFAULTS.limit,
    totalDeadlineMs: options.retry?.totalDeadlineMs ?? DEFAULTS.totalDeadlineMs,
    baseDelayMs: options.retry?.baseDelayMs ?? DEFAULTS.baseDelayMs,
  };

  return {
    env,
    maxJsonBytes: options.maxJsonBytes ?? DEFAULTS.maxJsonBytes,
    target(path, query) {
      const url = new URL(path.replace(/^\/+/, ''), base);
      for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
      const target = { env, url: `${url.origin}${url.pathname}` };
      return { url, target: options.caFile === undefined ? target : { ...target, caFile: options.caFile } };
    },
    open(method, url, init) {
      const t = { ...DEFAULTS, ...options.timeouts, ...init.timeouts };
      return exchange({
        method,
        url,
        headers: { ...baseHeaders, ...init.headers },
        body: init.body,
        timeouts: { connectMs: t.connectMs, responseMs: t.responseMs, idleMs: t.idleMs },
        agents,
        tls: { rejectUnauthorized: options.insecure !== true, ...tls() },
        signal: init.signal,
      });
    },
    async withRetries(target, how, attempt) {
      tls();
      const totalDeadlineMs = how.deadline === false ? null : retry.totalDeadlineMs;
      const policy = { ...retry, totalDeadlineMs, idempotent: how.idempotent, signal: how.signal };
      return runWithRetries(target, policy, attempt);
    },
    async drainError(opened) {
      const nowhere = { env, url: '' };
      try {
        return serverErrorCode(
          parseJson(await readLimited(opened.body, undefined, ERROR_BODY_LIMIT, nowhere), nowhere),
        );
      } catch {
        return null;
      }
    },
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}
