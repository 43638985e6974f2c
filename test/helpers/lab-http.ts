/**
 * A bare HTTP(S) client for tests of the lab servers (node:https, no retries, one connection per call), so
 * a test sees exactly what the server sent: status, headers, raw body, or the transport error.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface CallOptions {
  method?: string;
  headers?: Record<string, string | number>;
  /** JSON-encoded (with Content-Type) unless a Buffer. */
  body?: unknown;
  /** Basic credentials. */
  auth?: { user: string; password: string };
  tls?: { ca?: string; cert?: string; key?: string };
  timeoutMs?: number;
}

export interface CallResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The parsed body when it is JSON, else undefined. */
  json: unknown;
  /** Set when the connection broke after the headers arrived (reset, truncation). */
  bodyError: Error | null;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Calls `url`; rejects only when no response arrived at all (refused, TLS failure, timeout). */
export function call(url: string, opts: CallOptions = {}): Promise<CallResult> {
  const target = new URL(url);
  const headers: Record<string, string | number> = { ...opts.headers };
  let payload: Buffer | undefined;
  if (Buffer.isBuffer(opts.body)) payload = opts.body;
  else if (opts.body !== undefined) {
    payload = Buffer.from(JSON.stringify(opts.body));
    headers['Content-Type'] ??= 'application/json';
  }
  if (payload && headers['Content-Length'] === undefined && headers['Transfer-Encoding'] === undefined)
    headers['Content-Length'] = payload.length;
  if (opts.auth) headers.Authorization = basic(opts.auth.user, opts.auth.password);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      { method: opts.method ?? 'GET', headers, agent: false, ...opts.tls, timeout: opts.timeoutMs ?? 15_000 },
      (res) => {
        const chunks: Buffer[] = [];
        let bodyError: Error | null = null;
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => (bodyError = error));
        res.on('aborted', () => (bodyError ??= new Error('aborted')));
        res.on('close', () => {
          const body = Buffer.concat(chunks);
          const length = res.headers['content-length'];
          if (!bodyError && length !== undefined && Number(length) !== body.length && opts.method !== 'HEAD')
            bodyError = new Error('short body');
          let json: unknown;
          if (/json/.test(res.headers['content-type'] ?? '')) {
            try {
              json = JSON.parse(body.toString('utf8'));
            } catch {
              json = undefined;
            }
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json, bodyError });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(payload);
  });
}
