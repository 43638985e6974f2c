/**
 * The one HTTP client against real node:https servers on 127.0.0.1 with the lab PKI: mutual TLS (.p12 and
 * PEM), a server certificate from another CA, a client without certificate, 401, refused port, retries and
 * the total deadline, oversized/malformed answers, streaming download/upload, and no secret in any error.
 */
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { z } from 'zod';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../src/adapters/http/client-factory.js';
import {
  AuthError,
  ConfigError,
  ExitCode,
  TlsVerificationError,
  UnreachableError,
  type OrcaError,
} from '../../src/core/errors.js';
import { createLabPki, createOtherCa, writeLabPki, type LabPki, type LabPkiFiles } from '../../src/lab/pki.js';
import { translator } from '../../src/ui/i18n.js';

const USER = 'orca-user';
const API_KEY = 'sk-very-secret-api-key-4242';
const t = translator('en');
const tJa = translator('ja');

let dir: string;
let pki: LabPki;
let files: LabPkiFiles;
let server: Server;
let otherServer: Server;
let port: number;
let otherPort: number;
let otherServerRequests = 0;
/** TCP connections each server accepted: one per attempt, whether or not its handshake succeeded. */
let otherConnections = 0;
let labConnections = 0;
const hits = new Map<string, number>();
const seen: Array<{ url: string; authorization: string | undefined }> = [];
const clients: HttpClient[] = [];

function count(key: string): number {
  const n = (hits.get(key) ?? 0) + 1;
  hits.set(key, n);
  return n;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-hybridmode': 'normal-fa', ...headers });
  res.end(JSON.stringify(body));
}

const DOWNLOAD = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 251));

function handle(req: IncomingMessage, res: ServerResponse): void {
  seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
  const url = new URL(req.url ?? '/', 'https://x');
  const expected = 'Basic ' + Buffer.from(`${USER}:${API_KEY}`).toString('base64');
  if (req.headers.authorization !== expected)
    return json(res, 401, { error: { code: 'UNAUTHORIZED', message: 'no' } }, { 'www-authenticate': 'Basic' });
  const key = `${req.method} ${url.pathname} ${url.searchParams.get('id') ?? ''}`;
  const n = count(key);
  switch (url.pathname) {
    case '/ok':
      return json(res, 200, { hello: 'world', n });
    case '/flaky':
      return n <= 2 ? json(res, 503, { error: { code: 'UNAVAILABLE', message: 'later' } }) : json(res, 200, { n });
    case '/always503':
      return json(res, 503, { error: { code: 'UNAVAILABLE', message: 'later' } });
    case '/big':
      return json(res, 200, { blob: 'x'.repeat(2 * 1024 * 1024) });
    case '/bigchunked': {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 40; i++) res.write('x'.repeat(64 * 1024));
      return void res.end();
    }
    case '/malformed':
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"hello": ');
    case '/shape':
      return json(res, 200, { hello: 42 });
    case '/download': {
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const start = range ? Number(range[1]) : 0;
      const headers = { 'content-length': String(DOWNLOAD.length - start), etag: '"abc"', 'x-hybridmode': 'normal' };
      res.writeHead(
        range ? 206 : 200,
        range ? { ...headers, 'content-range': `bytes ${start}-${DOWNLOAD.length - 1}/${DOWNLOAD.length}` } : headers,
      );
      return void res.end(DOWNLOAD.subarray(start));
    }
    case '/slowdownload': {
      res.writeHead(200, { 'content-length': String(10 * 1024) });
      let sent = 0;
      const timer = setInterval(() => {
        if (res.destroyed) return clearInterval(timer);
        res.write(Buffer.alloc(1024, sent));
        if (++sent === 10) {
          clearInterval(timer);
          res.end();
        }
      }, 100);
      return;
    }
    case '/upload': {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () =>
        json(res, 201, {
          received: Buffer.concat(chunks).length,
          length: req.headers['content-length'],
          sha: req.headers['x-content-sha256'],
        }),
      );
      return;
    }
    default:
      return json(res, 404, { error: { code: 'NOT_FOUND', message: 'none' } });
  }
}

async function listen(s: Server): Promise<number> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return (s.address() as AddressInfo).port;
}

function client(overrides: Partial<HttpClientOptions> = {}): HttpClient {
  const c = createHttpClient({
    env: 'cloudEmergency',
    baseUrl: `https://127.0.0.1:${port}/`,
    user: USER,
    apiKey: API_KEY,
    caFile: files.caCert,
    clientCertificate: { p12File: files.clientP12, passphrase: pki.clientP12Passphrase },
    timeouts: { connectMs: 5000, responseMs: 5000, idleMs: 5000 },
    retry: { limit: 3, totalDeadlineMs: 20_000, baseDelayMs: 20 },
    ...overrides,
  });
  clients.push(c);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<OrcaError> {
  try {
    await promise;
  } catch (error) {
    return error as OrcaError;
  }
  throw new Error('expected a failure');
}

/** Everything a user or a log could see of an error. */
function visibleText(error: OrcaError): string {
  return [
    t(error.key, error.params),
    tJa(error.key, error.params),
    error.hintKey ? t(error.hintKey, error.hintParams) : '',
    error.message,
    JSON.stringify(error),
    ...error.details,
    String(error.cause ?? ''),
    error.stack ?? '',
  ].join('\n');
}

function expectNoSecret(error: OrcaError): void {
  const text = visibleText(error);
  expect(text).not.toContain(API_KEY);
  expect(text).not.toContain(Buffer.from(`${USER}:${API_KEY}`).toString('base64'));
  expect(text).not.toContain(pki.clientP12Passphrase);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'http-client-test-'));
  pki = createLabPki({ hosts: ['127.0.0.1', 'localhost'] });
  files = await writeLabPki(join(dir, 'pki'), pki);
  server = createHttpsServer(
    { key: pki.serverKeyPem, cert: pki.serverCertPem, ca: pki.caCertPem, requestCert: true, rejectUnauthorized: true },
    handle,
  );
  const other = createOtherCa({ hosts: ['127.0.0.1'] });
  otherServer = createHttpsServer({ key: other.serverKeyPem, cert: other.serverCertPem }, (req, res) => {
    otherServerRequests++;
    handle(req, res);
  });
  server.on('connection', () => labConnections++);
  otherServer.on('connection', () => otherConnections++);
  port = await listen(server);
  otherPort = await listen(otherServer);
});

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(
    [server, otherServer].map(
      (s) =>
        new Promise((resolve) => {
          s.closeAllConnections();
          s.close(resolve);
        }),
    ),
  );
  rmSync(dir, { recursive: true, force: true });
});

describe('mutual TLS', () => {
  test('a .p12 client certificate is accepted and the answer carries X-Hybridmode', async () => {
    const answer = await client().requestJson({ method: 'GET', path: 'ok', schema: z.object({ hello: z.string() }) });
    expect(answer.ok && answer.body).toEqual({ hello: 'world' });
    expect(answer.reportedMode).toBe('normal-fa');
    expect(answer.attempts).toBe(1);
  });

  test('a PEM certificate with an encrypted key is accepted', async () => {
    const keyFile = join(files.dir, 'client.pem');
    const c = client({
      clientCertificate: { certFile: files.clientCert, keyFile, passphrase: pki.clientP12Passphrase },
    });
    const answer = await c.requestJson({ method: 'GET', path: 'ok' });
    expect(answer.status).toBe(200);
  });

  test('a server certificate from another CA: TLS_VERIFICATION (exit 6) naming caFile, one attempt, nothing sent', async () => {
    const connections = otherConnections;
    const error = await failure(
      client({ baseUrl: `https://127.0.0.1:${otherPort}/` }).requestJson({ method: 'GET', path: 'ok' }),
    );
    expect(error).toBeInstanceOf(TlsVerificationError);
    expect([error.exitCode, error.code]).toEqual([ExitCode.verification, 'TLS_VERIFICATION']);
    expect(error.key).toBe('http.tls.untrustedCaFile');
    expect(t(error.key, error.params)).toMatch(
      /server certificate of the cloud emergency environment .* failed verification \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/,
    );
    expect(t(error.key, error.params)).toContain(files.caCert);
    expect(tJa(error.key, error.params)).toContain(files.caCert);
    expect(otherConnections - connections).toBe(1); // an idempotent GET, yet never retried
    expect(otherServerRequests).toBe(0); // nothing, credentials included, was sent to the untrusted server
    expectNoSecret(error);
  });

  test('without caFile the CA inside the .p12 is not trusted for the server: the API key is never sent', async () => {
    const before = seen.length;
    const connections = labConnections;
    const error = await failure(client({ caFile: undefined }).requestJson({ method: 'GET', path: 'ok' }));
    expect(error).toBeInstanceOf(TlsVerificationError);
    expect(error.key).toBe('http.tls.untrustedSystem');
    expect(t(error.key, error.params)).toContain('default trust store');
    expect(t(error.hintKey!, error.hintParams)).toContain('environments.cloudEmergency.credentials.caFile');
    expect(seen.length).toBe(before);
    expect(labConnections - connections).toBe(1);
  });

  test('without caFile a PEM client certificate meets the same default trust store', async () => {
    const c = client({
      caFile: undefined,
      clientCertificate: { certFile: files.clientCert, keyFile: files.clientKey },
    });
    const error = await failure(c.requestJson({ method: 'GET', path: 'ok' }));
    expect(error.key).toBe('http.tls.untrustedSystem');
    expect(error.exitCode).toBe(ExitCode.verification);
  });

  test('a client without a certificate is refused: AuthError (exit 4) with a certificate hint', async () => {
    const error = await failure(client({ clientCertificate: undefined }).requestJson({ method: 'GET', path: 'ok' }));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.exitCode).toBe(ExitCode.auth);
    expect(error.key).toBe('http.tls.clientCertRefused');
    expect(t(error.hintKey!, error.hintParams)).toContain('p12File');
    expectNoSecret(error);
  });

  test('a wrong .p12 passphrase is reported as an unusable certificate, naming the file, not the passphrase', async () => {
    const error = await failure(
      client({ clientCertificate: { p12File: files.clientP12, passphrase: 'wrong-passphrase' } }).requestJson({
        method: 'GET',
        path: 'ok',
      }),
    );
    expect(error).toBeInstanceOf(AuthError);
    expect(error.key).toBe('http.tls.clientCertUnusable');
    expect(t(error.key, error.params)).toContain(files.clientP12);
    expect(visibleText(error)).not.toContain('wrong-passphrase');
  });

  test('a missing CA file is a configuration error naming the path', async () => {
    const error = await failure(client({ caFile: join(dir, 'nope.crt') }).requestJson({ method: 'GET', path: 'ok' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(t(error.key, error.params)).toContain('nope.crt');
  });
});

describe('authentication and reachability', () => {
  test('a wrong API key: 401 → AuthError exit 4, the key never in the message, never in the URL', async () => {
    const wrongKey = 'sk-wrong-key-999';
    const before = seen.length;
    const error = await failure(client({ apiKey: wrongKey }).requestJson({ method: 'GET', path: 'ok' }));
    expect(error).toBeInstanceOf(AuthError);
    expect(error.exitCode).toBe(4);
    expect(error.key).toBe('http.authRefused');
    expect(t(error.hintKey!, error.hintParams)).toMatch(/API key/);
    expect(visibleText(error)).not.toContain(wrongKey);
    expectNoSecret(error);
    const requests = seen.slice(before);
    expect(requests).toHaveLength(1); // 401 is not retried
    expect(requests[0]!.url).toBe('/ok');
    expect(requests[0]!.authorization).toMatch(/^Basic /);
  });

  test('a refused port → UnreachableError naming the environment', async () => {
    const probe = createHttpsServer();
    const freePort = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    const error = await failure(
      client({ baseUrl: `https://127.0.0.1:${freePort}/`, retry: { limit: 1, baseDelayMs: 10 } }).requestJson({
        method: 'GET',
        path: 'ok',
      }),
    );
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.exitCode).toBe(3);
    expect(error.params).toMatchObject({ env: 'cloudEmergency', code: 'ECONNREFUSED', attempts: 2 });
    expect(t(error.key, error.params)).toContain('cloud emergency environment');
    expect(tJa(error.key, error.params)).toContain('クラウド応急措置環境');
    expectNoSecret(error);
  });
});

describe('retries', () => {
  test('GET: 503 twice then 200 → success on the third attempt', async () => {
    const answer = await client().requestJson({ method: 'GET', path: 'flaky', query: { id: 'get1' } });
    expect(answer.status).toBe(200);
    expect(answer.attempts).toBe(3);
    expect(hits.get('GET /flaky get1')).toBe(3);
  });

  test('POST is never retried: one attempt, then a 5xx error', async () => {
    const error = await failure(
      client().requestJson({ method: 'POST', path: 'flaky', query: { id: 'post1' }, json: { a: 1 } }),
    );
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.key).toBe('http.serverError');
    expect(error.params).toMatchObject({ status: 503, attempts: 1, serverCode: 'UNAVAILABLE' });
    expect(hits.get('POST /flaky post1')).toBe(1);
  });

  test('the total deadline ends the retries long before the count would', async () => {
    const c = client({ retry: { limit: 1000, totalDeadlineMs: 1500, baseDelayMs: 100 } });
    const error = await failure(c.requestJson({ method: 'GET', path: 'always503', query: { id: 'deadline' } }));
    expect(error).toBeInstanceOf(UnreachableError);
    const attempts = hits.get('GET /always503 deadline')!;
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(attempts).toBeLessThan(20); // 100·2^n backoff within 1.5 s: a handful, never 1000
    expect(error.params.attempts).toBe(attempts);
  });
});

describe('untrusted answers', () => {
  test('an oversized answer (Content-Length) is rejected unread', async () => {
    const error = await failure(client().requestJson({ method: 'GET', path: 'big' }));
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.key).toBe('http.oversizedAnswer');
  });

  test('an oversized chunked answer is cut off at the limit', async () => {
    const error = await failure(client().requestJson({ method: 'GET', path: 'bigchunked', maxBytes: 256 * 1024 }));
    expect(error.key).toBe('http.oversizedAnswer');
    expect(error.params.limit).toBe(256 * 1024);
  });

  test('malformed JSON is rejected cleanly (exit 3), not retried', async () => {
    const error = await failure(client().requestJson({ method: 'GET', path: 'malformed', query: { id: 'm1' } }));
    expect(error).toBeInstanceOf(UnreachableError);
    expect(error.key).toBe('http.malformedAnswer');
    expect(hits.get('GET /malformed m1')).toBe(1);
  });

  test('an answer of the wrong shape is rejected with the failing field named', async () => {
    const error = await failure(
      client().requestJson({ method: 'GET', path: 'shape', schema: z.object({ hello: z.string() }) }),
    );
    expect(error.key).toBe('http.malformedAnswer');
    expect(error.details.join('\n')).toContain('hello');
  });
});

describe('streams', () => {
  test('download: the whole body, then a resumed range', async () => {
    const c = client();
    const whole = await c.openDownload({ path: 'download' });
    expect(whole.status).toBe(200);
    expect(whole.contentLength).toBe(DOWNLOAD.length);
    expect(Buffer.concat(await whole.body.toArray()).equals(DOWNLOAD)).toBe(true);
    const rest = await c.openDownload({ path: 'download', offset: 60_000 });
    expect(rest.status).toBe(206);
    expect(rest.contentRange).toEqual({ start: 60_000, end: DOWNLOAD.length - 1, total: DOWNLOAD.length });
    expect(Buffer.concat(await rest.body.toArray()).equals(DOWNLOAD.subarray(60_000))).toBe(true);
  });

  test('the retry deadline bounds opening a download, not its body; the caller signal still aborts the body', async () => {
    const c = client({ retry: { limit: 1, totalDeadlineMs: 300, baseDelayMs: 10 } });
    const slow = await c.openDownload({ path: 'slowdownload' });
    expect(Buffer.concat(await slow.body.toArray()).length).toBe(10 * 1024); // ~1 s of body, deadline 0.3 s

    const controller = new AbortController();
    const aborted = await c.openDownload({ path: 'slowdownload', signal: controller.signal });
    setTimeout(() => controller.abort(), 250);
    const error = await failure(aborted.body.toArray());
    expect(c.toError(error, 'slowdownload')).toBeInstanceOf(UnreachableError);
    // The raw stream error a caller might log carries neither the Authorization header nor the passphrase.
    const inspected = inspect(error, { depth: 8, showHidden: false });
    expect(inspected).not.toContain(Buffer.from(`${USER}:${API_KEY}`).toString('base64'));
    expect(inspected).not.toContain(pki.clientP12Passphrase);
  });

  test('an upload slower than the retry deadline still completes (bounded by idle timeouts only)', async () => {
    const c = client({ retry: { limit: 1, totalDeadlineMs: 300, baseDelayMs: 10 } });
    async function* trickle() {
      for (let i = 0; i < 8; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        yield Buffer.alloc(1000, i);
      }
    }
    const answer = await c.sendStream({
      method: 'PUT',
      path: 'upload',
      body: Readable.from(trickle()),
      contentLength: 8000,
    });
    expect(answer.ok && answer.body).toMatchObject({ received: 8000 });
  });

  test('download of a missing path returns 404 with the server code, body empty', async () => {
    const answer = await client().openDownload({ path: 'nothing-here' });
    expect(answer.status).toBe(404);
    expect(answer.errorCode).toBe('NOT_FOUND');
    expect(await answer.body.toArray()).toEqual([]);
  });

  test('upload: a streamed body with Content-Length and custom headers', async () => {
    const file = join(dir, 'payload.bin');
    writeFileSync(file, DOWNLOAD);
    const answer = await client().sendStream({
      method: 'PUT',
      path: 'upload',
      body: Readable.from([DOWNLOAD.subarray(0, 50_000), DOWNLOAD.subarray(50_000)]),
      contentLength: DOWNLOAD.length,
      headers: { 'x-content-sha256': 'f'.repeat(64) },
    });
    expect(answer.status).toBe(201);
    expect(answer.ok && answer.body).toEqual({
      received: DOWNLOAD.length,
      length: String(DOWNLOAD.length),
      sha: 'f'.repeat(64),
    });
  });
});

test('no request ever carried credentials in its URL', () => {
  expect(seen.length).toBeGreaterThan(5);
  for (const request of seen) {
    expect(request.url).not.toContain(API_KEY);
    expect(request.url).not.toContain(USER);
  }
});
