/**
 * THE HTTP client factory (STYLE.md §6): the only module family importing got (`connection.ts`). Explicit
 * timeouts; retries only on idempotent calls (GET/HEAD/PUT, or `idempotent: true`), bounded by a count AND a
 * total deadline; TLS verification on unless `insecure`; client certificate from `.p12` or PEM; Basic auth only
 * as a header; redirects never followed (the Authorization header must not travel to another host); every
 * failure mapped to a typed error naming the environment (see http-errors.ts for the exit-code choices).
 */
import { openConnection } from './connection.js';
import { openDownload } from './download.js';
import { mapTransportError } from './http-errors.js';
import type { HttpClient, HttpClientOptions } from './http-types.js';
import { requestJson, sendStream } from './json-request.js';

export type * from './http-types.js';

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const conn = openConnection(options);
  return {
    env: conn.env,
    locate: (path) => conn.target(path).target.url,
    requestJson: (request) => requestJson(conn, request),
    openDownload: (request) => openDownload(conn, request),
    sendStream: (request) => sendStream(conn, request),
    toError: (error, path) => mapTransportError(error, conn.target(path).target, 1),
    close: () => conn.close(),
  };
}
