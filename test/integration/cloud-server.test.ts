/**
 * The lab's reference cloud server against docs/openapi.yaml over a real PostgreSQL: every endpoint's
 * answers (and our requests) are validated by the contract, X-Hybridmode on every answer, errors included.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { validateRequest } from '../helpers/openapi.js';
import {
  CLINIC_NAME,
  INSTITUTION_CODE,
  startCloudFixture,
  waitForJob,
  type CloudFixture,
} from '../helpers/lab-cloud.js';

let f: CloudFixture;
let nightly: { id: string; size: number; sha256: string };
let dump: Buffer;

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

beforeAll(async () => {
  f = await startCloudFixture('contract');
  const created = await f.server.createNightlyBackup();
  nightly = created;
  dump = readFileSync(f.server.store.contentPath(created.id));
});

afterAll(async () => {
  await f?.stop();
});

describe('health, auth and mode', () => {
  it('answers health with the clinic identity and the mode', async () => {
    const res = await f.api('/hybrid/v1/health');
    expect(res.status).toBe(200);
    expect(res.headers['x-hybridmode']).toBe('normal');
    expect(res.json).toMatchObject({
      mode: 'normal',
      role: 'operating',
      version: '050200-1',
      institutionCode: INSTITUTION_CODE,
      institutionName: CLINIC_NAME,
    });
  });

  it('refuses missing or wrong credentials with 401 in the contract shape', async () => {
    const none = await f.api('/hybrid/v1/health', { auth: undefined });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic/);
    const wrong = await f.api('/hybrid/v1/sequences', { auth: { user: f.auth.user, password: 'not-the-key' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    expect(wrong.body.toString()).not.toContain(f.auth.password);
  });

  it('records a mode idempotently by requestId and refuses a reused id', async () => {
    const body = { mode: 'emergency', reason: 'test outage', requestId: randomUUID() };
    expect(validateRequest('PUT', '/hybrid/v1/mode', body)).toEqual([]);
    const first = await f.api('/hybrid/v1/mode', { method: 'PUT', body });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ mode: 'emergency', previous: 'normal' });
    expect(first.headers['x-hybridmode']).toBe('emergency');
    const again = await f.api('/hybrid/v1/mode', { method: 'PUT', body });
    expect(again.json).toEqual({ mode: 'emergency', previous: 'normal' });
    const reused = await f.api('/hybrid/v1/mode', { method: 'PUT', body: { ...body, mode: 'recovery' } });
    expect(reused.status).toBe(409);
    expect((reused.json as { error: { code: string } }).error.code).toBe('REQUEST_ID_REUSED');
    const back = await f.api('/hybrid/v1/mode', {
      method: 'PUT',
      body: { mode: 'normal', reason: 'test', requestId: randomUUID() },
    });
    expect(back.json).toEqual({ mode: 'normal', previous: 'emergency' });
  });

  it('rejects malformed JSON bodies: schema 400, wrong media type 415, unknown path 404, wrong method 405', async () => {
    const bad = await f.api('/hybrid/v1/mode', {
      method: 'PUT',
      body: { mode: 'panic', reason: '', requestId: randomUUID() },
    });
    expect(bad.status).toBe(400);
    const text = await f.api('/hybrid/v1/mode', {
      method: 'PUT',
      body: Buffer.from('{"mode":"normal"}'),
      headers: { 'Content-Type': 'text/plain' },
      contract: true,
    });
    expect(text.status).toBe(415);
    const unknown = await f.api('/hybrid/v1/nothing-here', { contract: false });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    const method = await f.api('/hybrid/v1/health', { method: 'DELETE', contract: false });
    expect(method.status).toBe(405);
    expect(method.headers.allow).toBe('GET');
  });
});

describe('sequences', () => {
  it('reads the counters the generator left and bumps without ever lowering one', async () => {
    const read = await f.api('/hybrid/v1/sequences');
    const { readAt: _readAt, ...before } = read.json as Record<string, number>;
    expect(before).toEqual(f.clinic.sequences);
    const atLeast = { outpatientSlip: before.outpatientSlip! + 10, patientId: 1 };
    const body = { atLeast, requestId: randomUUID() };
    expect(validateRequest('POST', '/hybrid/v1/sequences/bump', body)).toEqual([]);
    const bumped = await f.api('/hybrid/v1/sequences/bump', { method: 'POST', body });
    expect(bumped.status).toBe(200);
    expect(bumped.json).toEqual({ before, after: { ...before, outpatientSlip: before.outpatientSlip! + 10 } });
    const repeat = await f.api('/hybrid/v1/sequences/bump', { method: 'POST', body });
    expect(repeat.json).toEqual(bumped.json);
    const empty = await f.api('/hybrid/v1/sequences/bump', {
      method: 'POST',
      body: { atLeast: {}, requestId: randomUUID() },
    });
    expect(empty.status).toBe(400);
    const tooBig = await f.api('/hybrid/v1/sequences/bump', {
      method: 'POST',
      body: { atLeast: { outpatientSlip: 100_000_000 }, requestId: randomUUID() },
    });
    expect(tooBig.status).toBe(400);
  });
});

describe('backup downloads', () => {
  it('lists backups newest first with their checksums', async () => {
    const res = await f.api('/hybrid/v1/backups');
    const list = (
      res.json as { backups: { id: string; sha256: string; size: number; origin?: string; dumpVersion?: string }[] }
    ).backups;
    expect(list[0]).toMatchObject({ id: nightly.id, sha256: sha(dump), size: dump.length, origin: 'nightly' });
    expect(list[0]!.dumpVersion).toMatch(/^1\.\d+-\d+$/);
  });

  it('serves the whole dump with ETag = sha256, and ranges with 206 / 416', async () => {
    const path = `/hybrid/v1/backups/${nightly.id}/content`;
    const whole = await f.api(path);
    expect(whole.status).toBe(200);
    expect(sha(whole.body)).toBe(nightly.sha256);
    expect(whole.headers.etag).toBe(`"${nightly.sha256}"`);
    const tail = await f.api(path, { headers: { Range: 'bytes=100-', 'If-Range': `"${nightly.sha256}"` } });
    expect(tail.status).toBe(206);
    expect(tail.headers['content-range']).toBe(`bytes 100-${dump.length - 1}/${dump.length}`);
    expect(tail.body.equals(dump.subarray(100))).toBe(true);
    const middle = await f.api(path, { headers: { Range: 'bytes=5-9' } });
    expect(middle.body.equals(dump.subarray(5, 10))).toBe(true);
    const past = await f.api(path, { headers: { Range: `bytes=${dump.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${dump.length}`);
    const stale = await f.api(path, { headers: { Range: 'bytes=100-', 'If-Range': `"${'0'.repeat(64)}"` } });
    expect(stale.status).toBe(200);
    expect(stale.body.length).toBe(dump.length);
  });

  it('answers HEAD with size and checksum, 404 for unknown ids and 400 for invalid ones', async () => {
    const head = await f.api(`/hybrid/v1/backups/${nightly.id}/content`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(dump.length);
    expect(head.body.length).toBe(0);
    expect((await f.api('/hybrid/v1/backups/no-such-backup/content')).status).toBe(404);
    expect((await f.api('/hybrid/v1/backups/no-such-backup/content', { method: 'HEAD' })).status).toBe(404);
    const invalid = await f.api('/hybrid/v1/backups/bad%20id/content', { contract: false });
    expect(invalid.status).toBe(400);
    expect((invalid.json as { error: { code: string } }).error.code).toBe('INVALID_BACKUP_ID');
    const dots = await f.api('/hybrid/v1/backups/../content', { contract: false });
    expect(dots.status).toBe(404);
  });
});

describe('backup uploads', () => {
  const headersFor = (data: Buffer, extra: Record<string, string> = {}) => ({
    'X-Content-Sha256': sha(data),
    'Content-Type': 'application/octet-stream',
    ...extra,
  });

  it('stores a verified upload (201), accepts an identical one (200), refuses other bytes (409)', async () => {
    const path = '/hybrid/v1/backups/upload-1/content';
    const first = await f.api(path, { method: 'PUT', body: dump, headers: headersFor(dump) });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ id: 'upload-1', sha256: sha(dump), size: dump.length, origin: 'upload' });
    expect(first.headers.location).toBe(path);
    const same = await f.api(path, { method: 'PUT', body: dump, headers: headersFor(dump) });
    expect(same.status).toBe(200);
    const other = Buffer.concat([dump, Buffer.from('x')]);
    const conflict = await f.api(path, { method: 'PUT', body: other, headers: headersFor(other) });
    expect(conflict.status).toBe(409);
    expect((conflict.json as { error: { code: string } }).error.code).toBe('BACKUP_EXISTS');
  });

  it('refuses a checksum mismatch and a non-dump with 422 and lists neither', async () => {
    const wrong = await f.api('/hybrid/v1/backups/upload-bad/content', {
      method: 'PUT',
      body: dump,
      headers: headersFor(dump, { 'X-Content-Sha256': 'f'.repeat(64) }),
    });
    expect(wrong.status).toBe(422);
    expect((wrong.json as { error: { code: string } }).error.code).toBe('CHECKSUM_MISMATCH');
    const text = Buffer.from('not a dump at all');
    const notDump = await f.api('/hybrid/v1/backups/upload-text/content', {
      method: 'PUT',
      body: text,
      headers: headersFor(text),
    });
    expect((notDump.json as { error: { code: string } }).error.code).toBe('NOT_A_DUMP');
    const ids = ((await f.api('/hybrid/v1/backups')).json as { backups: { id: string }[] }).backups.map((b) => b.id);
    expect(ids).not.toContain('upload-bad');
    expect(ids).not.toContain('upload-text');
    expect(
      (await f.api('/hybrid/v1/backups/upload-bad/content', { method: 'HEAD' })).headers['x-upload-offset'],
    ).toBeUndefined();
  });

  it('needs Content-Length (411) and a valid X-Content-Sha256 (400)', async () => {
    const chunked = await f.api('/hybrid/v1/backups/upload-2/content', {
      method: 'PUT',
      body: dump,
      headers: headersFor(dump, { 'Transfer-Encoding': 'chunked' }),
    });
    expect(chunked.status).toBe(411);
    const noSha = await f.api('/hybrid/v1/backups/upload-2/content', {
      method: 'PUT',
      body: dump,
      headers: { 'X-Content-Sha256': 'abc' },
    });
    expect(noSha.status).toBe(400);
  });

  it('resumes an interrupted upload from the offset HEAD reports', async () => {
    const path = '/hybrid/v1/backups/upload-resumed/content';
    const half = Math.floor(dump.length / 2);
    await sendPartOfUpload(path, dump, half);
    const head = await f.api(path, { method: 'HEAD' });
    expect(head.status).toBe(404);
    expect(Number(head.headers['x-upload-offset'])).toBe(half);
    expect(Number(head.headers['x-upload-length'])).toBe(dump.length);
    expect(head.headers['x-content-sha256']).toBe(sha(dump));
    const mismatch = await putWhenFree(path, {
      body: dump.subarray(half + 1),
      headers: headersFor(dump, { 'Content-Range': `bytes ${half + 1}-${dump.length - 1}/${dump.length}` }),
    });
    expect(mismatch.status).toBe(409);
    expect(Number(mismatch.headers['x-upload-offset'])).toBe(half);
    const rest = await f.api(path, {
      method: 'PUT',
      body: dump.subarray(half),
      headers: headersFor(dump, { 'Content-Range': `bytes ${half}-${dump.length - 1}/${dump.length}` }),
    });
    expect(rest.status).toBe(201);
    const back = await f.api(path);
    expect(back.body.equals(dump)).toBe(true);
  });
});

/** Sends the headers of a whole upload and `bytes` of its body, waits until the server holds them, then cuts. */
async function sendPartOfUpload(path: string, data: Buffer, bytes: number): Promise<void> {
  const { request } = await import('node:https');
  const url = new URL(f.server.url + path);
  const req = request(url, {
    method: 'PUT',
    agent: false,
    ca: f.pki.caCertPem,
    cert: f.pki.clientCertPem,
    key: f.pki.clientKeyPem,
    headers: {
      Authorization: `Basic ${Buffer.from(`${f.auth.user}:${f.auth.password}`).toString('base64')}`,
      'Content-Length': data.length,
      'X-Content-Sha256': sha(data),
    },
  });
  req.on('error', () => undefined);
  req.write(data.subarray(0, bytes));
  for (;;) {
    const head = await f.api(path, { method: 'HEAD' });
    if (Number(head.headers['x-upload-offset'] ?? 0) >= bytes) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  req.destroy();
}

/** PUTs, retrying while the server still holds the upload a broken connection left (it notices the break soon). */
async function putWhenFree(path: string, opts: Parameters<CloudFixture['api']>[1]) {
  for (;;) {
    const res = await f.api(path, { method: 'PUT', ...opts });
    if ((res.json as { error?: { code: string } } | undefined)?.error?.code !== 'UPLOAD_IN_PROGRESS') return res;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('export and restore jobs', () => {
  it('exports a new backup as a job (202, idempotent by requestId)', async () => {
    const body = { requestId: randomUUID() };
    const accepted = await f.api('/hybrid/v1/backups/export', { method: 'POST', body });
    expect(accepted.status).toBe(202);
    const { jobId, backupId } = accepted.json as { jobId: string; backupId: string };
    expect(accepted.headers.location).toBe(`/hybrid/v1/jobs/${jobId}`);
    const again = await f.api('/hybrid/v1/backups/export', { method: 'POST', body });
    expect(again.json).toEqual(accepted.json);
    const job = await waitForJob(f, jobId);
    expect(job).toMatchObject({ jobId, kind: 'export', state: 'succeeded', progress: 1, backupId });
    const listed = ((await f.api('/hybrid/v1/backups')).json as { backups: { id: string; origin: string }[] }).backups;
    expect(listed.find((b) => b.id === backupId)?.origin).toBe('export');
  });

  it('restores a backup into the database by a job, replacing what changed since', async () => {
    const before = (await f.api('/hybrid/v1/sequences')).json as Record<string, number>;
    await f.api('/hybrid/v1/sequences/bump', {
      method: 'POST',
      body: { atLeast: { inpatientSlip: 4242 }, requestId: randomUUID() },
    });
    const accepted = await f.api('/hybrid/v1/restore', {
      method: 'POST',
      body: { backupId: nightly.id, requestId: randomUUID() },
    });
    expect(accepted.status).toBe(202);
    const job = await waitForJob(f, (accepted.json as { jobId: string }).jobId);
    expect(job).toMatchObject({ kind: 'restore', state: 'succeeded', backupId: nightly.id });
    const after = (await f.api('/hybrid/v1/sequences')).json as Record<string, number>;
    // The nightly was taken before the bumps of this file: its counters are the generator's.
    expect({ ...after, readAt: 0 }).toEqual({ ...f.clinic.sequences, readAt: 0 });
    expect(after.inpatientSlip).not.toBe(4242);
    expect(before.outpatientSlip).toBeGreaterThan(after.outpatientSlip!);
  });

  it('reports a failed restore as a failed job and leaves the database as it was', async () => {
    const junk = Buffer.concat([Buffer.from('PGDMP'), Buffer.from([1, 15, 0]), Buffer.alloc(200, 7)]);
    const put = await f.api('/hybrid/v1/backups/junk-dump/content', {
      method: 'PUT',
      body: junk,
      headers: { 'X-Content-Sha256': sha(junk) },
    });
    expect(put.status).toBe(201);
    const before = (await f.api('/hybrid/v1/sequences')).json as Record<string, number>;
    const accepted = await f.api('/hybrid/v1/restore', {
      method: 'POST',
      body: { backupId: 'junk-dump', requestId: randomUUID() },
    });
    const job = await waitForJob(f, (accepted.json as { jobId: string }).jobId);
    expect(job).toMatchObject({ state: 'failed', error: { code: 'JOB_FAILED' } });
    const after = (await f.api('/hybrid/v1/sequences')).json as Record<string, number>;
    expect({ ...after, readAt: 0 }).toEqual({ ...before, readAt: 0 });
  });

  it('refuses restores of unknown (404) or invalid (400) backups and unknown jobs (404)', async () => {
    const unknown = await f.api('/hybrid/v1/restore', {
      method: 'POST',
      body: { backupId: 'nope', requestId: randomUUID() },
    });
    expect(unknown.status).toBe(404);
    const invalid = await f.api('/hybrid/v1/restore', {
      method: 'POST',
      body: { backupId: '../etc', requestId: randomUUID() },
    });
    expect(invalid.status).toBe(400);
    expect((invalid.json as { error: { code: string } }).error.code).toBe('INVALID_BACKUP_ID');
    expect((await f.api('/hybrid/v1/jobs/no-such-job')).status).toBe(404);
  });
});
