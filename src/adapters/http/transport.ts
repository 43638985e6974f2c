/**
 * One HTTP exchange over Node's own `node:http`/`node:https` (no client library in between): the request
 * with its body, the three timeouts, and the answer's status, headers and body stream. The body is the
 * `IncomingMessage` itself, so a download reads the socket's data with no extra stream hop.
 *
 * Timeouts, each failing with code `ETIMEDOUT` (mapped to exit 3): `connectMs` from the request to a
 * connected (TLS: verified) socket, DNS included; `responseMs` from the request fully sent to the response
 * headers; `idleMs` the longest silence on the socket while sending or receiving, body included.
 * Redirects are never followed (the Authorization header must not travel to another host).
 */
import {
  request as httpRequest,
  type Agent as HttpAgent,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { request as httpsRequest, type Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { SecureContext, PeerCertificate } from 'node:tls';

/** Give only what is set: node's TLS layer asserts on a present-but-undefined `checkServerIdentity`. */
export interface TransportTls {
  secureContext?: SecureContext;
  rejectUnauthorized: boolean;
  checkServerIdentity?: (host: string, cert: PeerCertificate) => Error | undefined;
}

export interface Exchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Readable | Buffer | string;
  timeouts: { connectMs: number; responseMs: number; idleMs: number };
  agents: { http: HttpAgent; https: HttpsAgent };
  tls: TransportTls;
  signal?: AbortSignal;
}

export interface Opened {
  status: number;
  headers: IncomingHttpHeaders;
  body: Readable;
}

function timeout(stage: string): Error {
  return Object.assign(new Error(`timed out (${stage})`), { code: 'ETIMEDOUT' });
}

/** Sends the request; resolves at the response headers, rejects with the transport error (its `code` kept). */
export function exchange(x: Exchange): Promise<Opened> {
  const https = x.url.protocol === 'https:';
  const headers = { ...x.headers };
  if (typeof x.body === 'string' || Buffer.isBuffer(x.body))
    headers['content-length'] = String(Buffer.byteLength(x.body));
  const req = (https ? httpsRequest : httpRequest)(x.url, {
    method: x.method,
    headers,
    agent: https ? x.agents.https : x.agents.http,
    signal: x.signal,
    ...(https ? x.tls : {}),
  });
  return new Promise((resolve, reject) => {
    let socket: Socket | null = null;
    let response: IncomingMessage | null = null;
    const fail = (error: Error): void => {
      req.destroy(error);
      response?.destroy(error);
    };
    const onIdle = (): void => fail(timeout('idle'));
    const connectTimer = setTimeout(() => fail(timeout('connect')), x.timeouts.connectMs);
    let responseTimer: NodeJS.Timeout | undefined;
    const release = (): void => {
      clearTimeout(connectTimer);
      clearTimeout(responseTimer);
      if (socket) {
        socket.off('timeout', onIdle);
        socket.setTimeout(0);
      }
    };
    req.on('socket', (s: Socket) => {
      socket = s;
      s.setTimeout(x.timeouts.idleMs);
      s.on('timeout', onIdle);
      // A kept-alive socket is connected already; a new one says so with (secure)connect.
      if (!s.connecting) clearTimeout(connectTimer);
      else s.once(https ? 'secureConnect' : 'connect', () => clearTimeout(connectTimer));
    });
    req.on('finish', () => {
      responseTimer = setTimeout(() => fail(timeout('response')), x.timeouts.responseMs);
    });
    req.on('error', (error) => {
      // After the answer arrived, a failed send (the server stopped reading early) is the body's concern.
      if (response) {
        response.destroy(error);
        return;
      }
      release();
      if (x.body && typeof x.body === 'object' && !Buffer.isBuffer(x.body)) x.body.destroy();
      reject(error);
    });
    req.on('response', (res) => {
      response = res;
      clearTimeout(connectTimer);
      clearTimeout(responseTimer);
      res.once('close', release);
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
    });
    if (x.body === undefined) req.end();
    else if (typeof x.body === 'string' || Buffer.isBuffer(x.body)) req.end(x.body);
    else {
      const source = x.body;
      source.on('error', (error) => fail(error));
      source.pipe(req);
    }
  });
}
