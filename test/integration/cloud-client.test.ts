/**
 * CloudControl (the cloud adapter over the one HTTP client) against the lab's reference server over a real
 * PostgreSQL cluster, with mutual TLS. A recording TLS proxy in front of the server captures every request
 * the adapter sends, and each one (and each JSON answer) is checked against docs/openapi.yaml.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer as createHttpsServer, request as httpsRequest, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Readable, pipeline } from 'node:stream';
import { CloudControl } from '../../src/adapters/cloud/cloud-control.js';
import { createHttpClient, type HttpClient, type HttpClientOptions } from '../../src/adapters/http/client-factory.js';
import type { CloudJob } from '../../src/core/cloud-contract.js';
import { AuthError, UsageError } from '../../src/core/errors.js';
import { writeLabPki, type LabPkiFiles } from '../../src/lab/pki.js';
import { startCloudFixture, type CloudFixture } from '../helpers/lab-cloud.js';
import { validateRequest, validateResponse } from '../helpers/openapi.js';

interface Recorded {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  status?: number;
  responseHeaders?: IncomingHttpHeaders;
  responseBody?: Buffer;
}

let fixture: CloudFixture;
let files: LabPkiFiles;
let dir: string;
let proxy: Server;
let proxyUrl: string;
const recorded: Recorded[] = [];
const clients: HttpClient[] = [];

/** A TLS-terminating proxy (same lab certificates) that records requests and answers, then forwards them. */
async function startRecordingProxy(): Promise<void> {
  const { pki } = fixture;
  const upstream = new URL(fixture.server.url);
  proxy = createHttpsServer(
    { key: pki.serverKeyPem, cert: pki.serverCertPem, ca: pki.caCertPem, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      const entry: Recorded = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.alloc(0),
      };
      recorded.push(entry);
      const requestChunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => {
        if (requestChunks.length < 64) requestChunks.push(chunk);
      });
      req.on('end', () => (entry.body = Buffer.concat(requestChunks)));
      const out = httpsRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
          agent: false,
          ca: pki.caCertPem,
          cert: pki.clientCertPem,
          key: pki.clientKeyPem,
        },
        (answer) => {
          entry.status = answer.statusCode;
          entry.responseHeaders = answer.headers;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => {
            if (/json/.test(answer.headers['content-type'] ?? '')) chunks.push(chunk);
          });
          answer.on('end', () => (entry.responseBody = Buffer.concat(chunks)));
          pipeline(answer, res, () => undefined);
        },
      );
      // An aborted client request aborts the forwarded one, so the server sees the interruption too.
      pipeline(req, out, () => undefined);
      out.on('error', () => res.destroy());
    },
  );
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}

function control(overrides: Partial<HttpClientOptions> = {}): CloudControl {
  const http = createHttpClient({
    env: 'operating',
    baseUrl: proxyUrl,
    user: fixture.auth.user,
    apiKey: fixture.auth.password,
    caFile: files.caCert,
    clientCertificate: { p12File: files.clientP12, passphrase: fixture.pki.clientP12Passphrase },
    retry: { limit: 2, totalDeadlineMs: 30_000, baseDelayMs: 50 },
    ...overrides,
  });
  clients.push(http);
  return new CloudControl(http);
}

async function waitJob(cloud: CloudControl, jobId: string): Promise<CloudJob> {
  for (;;) {
    const job = await cloud.getJob(jobId);
    if (!job) throw new Error(`job ${jobId} vanished`);
    if (job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  fixture = await startCloudFixture('cloudclient');
  dir = mkdtempSync(join(tmpdir(), 'cloud-client-test-'));
  files = await writeLabPki(join(dir, 'pki'), fixture.pki);
  await startRecordingProxy();
  await fixture.server.createNightlyBackup();
});

afterAll(async () => {
  for (const c of clients) c.close();
  proxy?.closeAllConnections();
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  await fixture?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('health and mode: reads, records a mode, reads it back from X-Hybridmode', async () => {
  const cloud = control();
  const health = await cloud.health();
  expect(health).toMatchObject({
    mode: 'normal',
    role: 'operating',
    institutionCode: '1312345678',
    reportedMode: 'normal',
  });
  await cloud.pushMode('emergency', 'test switch', randomUUID());
  expect(await cloud.readMode()).toBe('emergency');
  await cloud.pushMode('normal', 'test switch back', randomUUID());
  expect(await cloud.readMode()).toBe('normal');
});

test('sequences: read, bump (never lower), a repeated requestId answers the same', async () => {
  const cloud = control();
  const before = await cloud.readSequences();
  expect(before).toEqual(fixture.clinic.sequences);
  const requestId = randomUUID();
  const bumped = await cloud.bumpSequences({ outpatientSlip: before.outpatientSlip + 5, patientId: 0 }, requestId);
  expect(bumped.before).toEqual(before);
  expect(bumped.after).toEqual({ ...before, outpatientSlip: before.outpatientSlip + 5 });
  expect(await cloud.bumpSequences({ outpatientSlip: before.outpatientSlip + 5, patientId: 0 }, requestId)).toEqual(
    bumped,
  );
  expect(await cloud.readSequences()).toEqual(bumped.after);
});

test('backups: list (newest first), head, download whole and resumed, 404', async () => {
  const cloud = control();
  const list = await cloud.listBackups();
  expect(list.length).toBeGreaterThanOrEqual(1);
  const newest = list[0]!;
  expect(await cloud.headBackup(newest.id)).toEqual({ state: 'complete', size: newest.size, sha256: newest.sha256 });
  const whole = await cloud.downloadBackup(newest.id);
  expect(whole.status).toBe(200);
  const bytes = Buffer.concat(await whole.body.toArray());
  expect(bytes.length).toBe(newest.size);
  expect(sha256(bytes)).toBe(newest.sha256);
  expect(whole.sha256).toBe(newest.sha256);
  const offset = Math.floor(newest.size / 2);
  const rest = await cloud.downloadBackup(newest.id, { offset, sha256: newest.sha256 });
  expect(rest.status).toBe(206);
  expect(rest).toMatchObject({ start: offset, total: newest.size });
  expect(Buffer.concat(await rest.body.toArray()).equals(bytes.subarray(offset))).toBe(true);
  expect((await cloud.downloadBackup('no-such-backup')).status).toBe(404);
  expect(await cloud.headBackup('no-such-backup')).toEqual({ state: 'absent' });
  writeFileSync(join(dir, 'newest.dump'), bytes);
});

test('download from an offset at the end of the file: 416 with the total (verify the partial)', async () => {
  const cloud = control();
  const newest = (await cloud.listBackups())[0]!;
  const past = await cloud.downloadBackup(newest.id, { offset: newest.size, sha256: newest.sha256 });
  expect(past).toMatchObject({ status: 416, total: newest.size });
  expect(await past.body.toArray()).toEqual([]);
});

test('upload: stored, already present, interrupted then resumed, conflicts and checksum rejection', async () => {
  const cloud = control();
  const file = join(dir, 'newest.dump');
  const bytes = readFileSync(file);
  const digest = sha256(bytes);
  const stored = await cloud.uploadBackup('uploaded-whole', file, digest);
  expect(stored).toMatchObject({
    kind: 'stored',
    backup: { id: 'uploaded-whole', sha256: digest, size: bytes.length },
  });
  expect((await cloud.uploadBackup('uploaded-whole', file, digest)).kind).toBe('alreadyPresent');

  // Interrupt an upload after a part of the bytes: the server keeps them and HEAD says where to resume.
  const half = Math.floor(bytes.length / 2);
  const http = clients[clients.length - 1]!;
  const broken = new Readable({
    read() {
      /* pushed below */
    },
  });
  broken.push(bytes.subarray(0, half));
  setTimeout(() => broken.destroy(new Error('cable pulled')), 300);
  await expect(
    http.sendStream({
      method: 'PUT',
      path: 'hybrid/v1/backups/uploaded-resumed/content',
      body: broken,
      contentLength: bytes.length,
      headers: { 'x-content-sha256': digest },
    }),
  ).rejects.toBeDefined();
  let head = await cloud.headBackup('uploaded-resumed');
  for (let i = 0; head.state !== 'partial' && i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    head = await cloud.headBackup('uploaded-resumed');
  }
  expect(head).toMatchObject({ state: 'partial', length: bytes.length, sha256: digest });
  const offset = head.state === 'partial' ? head.offset : -1;
  expect(offset).toBeGreaterThan(0);
  const progress: number[] = [];
  const resumed = await cloud.uploadBackup('uploaded-resumed', file, digest, {
    resumeFrom: offset,
    onProgress: (n) => progress.push(n),
  });
  expect(resumed).toMatchObject({ kind: 'stored', backup: { sha256: digest, size: bytes.length } });
  expect(progress[progress.length - 1]).toBe(bytes.length);

  const other = join(dir, 'other.dump');
  writeFileSync(
    other,
    Buffer.concat([bytes.subarray(0, bytes.length - 1), Buffer.from([bytes[bytes.length - 1]! ^ 0xff])]),
  );
  expect(await cloud.uploadBackup('uploaded-whole', other, sha256(readFileSync(other)))).toMatchObject({
    kind: 'conflict',
    code: 'BACKUP_EXISTS',
  });
  expect(await cloud.uploadBackup('uploaded-wrong-sum', other, digest)).toEqual({
    kind: 'rejected',
    code: 'CHECKSUM_MISMATCH',
  });
  const ids = (await cloud.listBackups()).map((b) => b.id);
  expect(ids).toEqual(expect.arrayContaining(['uploaded-whole', 'uploaded-resumed']));
  expect(ids).not.toContain('uploaded-wrong-sum');
});

test('export and restore jobs: accepted, polled to success; unknown job null; unknown backup refused', async () => {
  const cloud = control();
  const exported = await cloud.exportBackup(randomUUID());
  if (exported.kind !== 'accepted') throw new Error(`export refused: ${exported.code}`);
  const exportJob = await waitJob(cloud, exported.jobId);
  expect(exportJob).toMatchObject({ kind: 'export', state: 'succeeded', progress: 1, backupId: exported.backupId });
  expect((await cloud.listBackups()).map((b) => b.id)).toContain(exported.backupId);

  const restore = await cloud.startRestore(exported.backupId, randomUUID());
  if (restore.kind !== 'accepted') throw new Error(`restore refused: ${restore.code}`);
  expect(await waitJob(cloud, restore.jobId)).toMatchObject({
    kind: 'restore',
    state: 'succeeded',
    backupId: exported.backupId,
  });

  expect(await cloud.getJob('no-such-job')).toBeNull();
  expect(await cloud.startRestore('no-such-backup', randomUUID())).toMatchObject({
    kind: 'refused',
    status: 404,
    code: 'NOT_FOUND',
  });
});

test('invalid ids are refused before any request', async () => {
  const cloud = control();
  const count = recorded.length;
  await expect(cloud.headBackup('../etc/passwd')).rejects.toBeInstanceOf(UsageError);
  await expect(cloud.downloadBackup('..')).rejects.toBeInstanceOf(UsageError);
  await expect(cloud.getJob('a/b')).rejects.toBeInstanceOf(UsageError);
  expect(recorded.length).toBe(count);
});

test('wrong API key → AuthError; no client certificate → AuthError', async () => {
  await expect(control({ apiKey: 'wrong-key' }).health()).rejects.toBeInstanceOf(AuthError);
  const direct = createHttpClient({
    env: 'operating',
    baseUrl: fixture.server.url,
    user: fixture.auth.user,
    apiKey: fixture.auth.password,
    caFile: files.caCert,
  });
  clients.push(direct);
  await expect(new CloudControl(direct).health()).rejects.toMatchObject({ key: 'http.tls.clientCertRefused' });
});

test('every request the adapter sent, and every JSON answer, matches docs/openapi.yaml', () => {
  const contract = recorded.filter((r) => r.path.startsWith('/hybrid/v1/'));
  expect(contract.length).toBeGreaterThan(20);
  const problems: string[] = [];
  for (const r of contract) {
    const path = r.path.split('?')[0]!;
    const isJson = /json/.test(String(r.headers['content-type'] ?? ''));
    const body = isJson && r.body.length > 0 ? (JSON.parse(r.body.toString('utf8')) as unknown) : undefined;
    problems.push(...validateRequest(r.method, path, body, r.headers as Record<string, string>));
    if (r.status !== undefined && r.responseBody && /json/.test(String(r.responseHeaders?.['content-type'] ?? ''))) {
      problems.push(
        ...validateResponse(
          r.method,
          path,
          r.status,
          JSON.parse(r.responseBody.toString('utf8')) as unknown,
          r.responseHeaders as Record<string, string>,
        ),
      );
    }
  }
  expect(problems).toEqual([]);
  expect(contract.every((r) => !r.path.includes(fixture.auth.password))).toBe(true);
});
