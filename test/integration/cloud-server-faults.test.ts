/**
 * The lab server's transport: mutual TLS, the fault knobs (in process and through the admin listener), and
 * the WebORCA API stand-ins (cloud: same listener under /api; local emergency: plain HTTP on its own port).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import { readFileSync } from 'node:fs';
import { startOrcaApiServer, type OrcaApiServerHandle } from '../../src/lab/orca-api/server.js';
import { createOtherCa } from '../../src/lab/pki.js';
import { call, type CallResult } from '../helpers/lab-http.js';
import { CLINIC_NAME, INSTITUTION_CODE, startCloudFixture, type CloudFixture } from '../helpers/lab-cloud.js';

let f: CloudFixture;
let backupId: string;
let dump: Buffer;
let local: OrcaApiServerHandle;
const localAuth = { user: 'ormaster', password: 'lab-password-1' };

const sha = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const content = (): string => `/hybrid/v1/backups/${backupId}/content`;

beforeAll(async () => {
  f = await startCloudFixture('faults');
  const backup = await f.server.createNightlyBackup();
  backupId = backup.id;
  dump = readFileSync(f.server.store.contentPath(backup.id));
  local = await startOrcaApiServer({ database: f.db, auth: localAuth });
});

afterAll(async () => {
  await local?.close();
  await f?.stop();
});

async function setFaults(patch: Record<string, unknown>): Promise<void> {
  f.server.faults.set(patch);
  await f.server.faults.applied();
}

/** The download, or the transport error when nothing usable came back. */
async function download(headers: Record<string, string> = {}): Promise<CallResult> {
  return f.api(content(), { headers, contract: false });
}

describe('mutual TLS', () => {
  it('refuses a client without a certificate, or with one from another CA', async () => {
    await expect(
      call(`${f.server.url}/hybrid/v1/health`, { auth: f.auth, tls: { ca: f.pki.caCertPem } }),
    ).rejects.toThrow();
    // Any certificate another CA signed will do: the chain is what the server checks.
    const stranger = createOtherCa();
    await expect(
      call(`${f.server.url}/hybrid/v1/health`, {
        auth: f.auth,
        tls: { ca: f.pki.caCertPem, cert: stranger.serverCertPem, key: stranger.serverKeyPem },
      }),
    ).rejects.toThrow();
    expect((await f.api('/hybrid/v1/health')).status).toBe(200);
  });
});

describe('fault knobs', () => {
  it('answers the next K requests with a 5xx in the contract shape, then normally', async () => {
    await setFaults({ failNext: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await f.api('/hybrid/v1/sequences');
      expect(res.status).toBe(503);
      expect((res.json as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
    }
    expect((await f.api('/hybrid/v1/sequences')).status).toBe(200);
    await setFaults({ failNext: 1, failStatus: 500 });
    expect((await f.api('/hybrid/v1/backups')).status).toBe(500);
    await setFaults({ failStatus: 503 });
  });

  it('delays answers by delayMs', async () => {
    await setFaults({ delayMs: 300 });
    const started = Date.now();
    expect((await f.api('/hybrid/v1/health')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    await setFaults({ delayMs: 0 });
  });

  it('paces every download at `rate` bits per second until cleared, bytes intact, ranges included', async () => {
    // 8 Mbit/s = 1 MB/s: the body cannot arrive sooner than the schedule lets its last chunk leave.
    await setFaults({ rate: 8_000_000 });
    expect(f.server.faults.get().rate).toBe(8_000_000);
    const bytes = Math.min(dump.length, 400_000);
    const started = performance.now();
    const ranged = await download({ Range: `bytes=0-${bytes - 1}` });
    const elapsed = performance.now() - started;
    expect(ranged.status).toBe(206);
    expect(sha(ranged.body)).toBe(sha(dump.subarray(0, bytes)));
    expect(elapsed).toBeGreaterThanOrEqual(((bytes - 16_384) / 1_000_000) * 1000 - 5);
    expect(sha((await download()).body)).toBe(sha(dump));
    await setFaults({ rate: null });
    expect(f.server.faults.get().rate).toBeNull();
    expect(() => f.server.faults.set({ rate: 10 })).toThrow();
  });

  it('resets the connection after N bytes of one download', async () => {
    await setFaults({ resetAfterBytes: 1000 });
    // Either the headers and at most N bytes arrived before the reset, or nothing at all did.
    const broken = await download().then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    if ('result' in broken) {
      expect(broken.result.bodyError).not.toBeNull();
      expect(broken.result.body.length).toBeLessThanOrEqual(1000);
    } else {
      expect(String(broken.error)).toMatch(/ECONNRESET|socket hang up/);
    }
    const next = await download();
    expect(sha(next.body)).toBe(sha(dump));
  });

  it('truncates one download: full Content-Length, but only N bytes', async () => {
    await setFaults({ truncateAfterBytes: 1500 });
    const short = await download();
    expect(Number(short.headers['content-length'])).toBe(dump.length);
    expect(short.body.length).toBe(1500);
    expect(short.body.equals(dump.subarray(0, 1500))).toBe(true);
    expect(short.bodyError).not.toBeNull();
  });

  it('corrupts the byte at offset K, also inside a ranged download, for `times` downloads', async () => {
    const k = 700;
    expect(dump.length).toBeGreaterThan(2000);
    await setFaults({ corruptAtOffset: k, times: 2 });
    const whole = await download();
    expect(whole.body.length).toBe(dump.length);
    expect(whole.body[k]).toBe(dump[k]! ^ 0xff);
    expect(sha(whole.body)).not.toBe(sha(dump));
    const ranged = (await download({ Range: `bytes=${k - 10}-` })) as CallResult;
    expect(ranged.status).toBe(206);
    expect(ranged.body[10]).toBe(dump[k]! ^ 0xff);
    expect(sha((await download()).body)).toBe(sha(dump));
  });

  it('refuses connections during an outage and answers again after recovery', async () => {
    await setFaults({ outage: true });
    await expect(call(`${f.server.url}/hybrid/v1/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await setFaults({ outage: false });
    expect((await f.api('/hybrid/v1/health')).status).toBe(200);
  });

  it('blackholes: accepts TCP but never answers, until switched off', async () => {
    await setFaults({ blackhole: true });
    await new Promise<void>((resolve, reject) => {
      const socket = connect(f.server.port, '127.0.0.1', () => {
        socket.destroy();
        resolve();
      });
      socket.on('error', reject);
    });
    await expect(f.api('/hybrid/v1/health', { timeoutMs: 500 })).rejects.toThrow('timeout');
    await setFaults({ blackhole: false });
    expect((await f.api('/hybrid/v1/health')).status).toBe(200);
  });

  it('flips knobs through the admin listener, which needs its token', async () => {
    const admin = `${f.server.adminUrl!}/admin/v1/operating/faults`;
    const bearer = { Authorization: `Bearer ${f.adminToken}` };
    expect((await call(admin)).status).toBe(401);
    expect((await call(admin, { method: 'PUT', headers: bearer, body: { outage: 'yes' } })).status).toBe(400);
    const set = await call(admin, { method: 'PUT', headers: bearer, body: { outage: true } });
    expect(set.json).toMatchObject({ outage: true });
    await expect(call(`${f.server.url}/hybrid/v1/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect((await call(admin, { method: 'DELETE', headers: bearer })).json).toMatchObject({
      outage: false,
      failNext: 0,
    });
    expect((await f.api('/hybrid/v1/health')).status).toBe(200);
    const mode = await call(`${f.server.adminUrl!}/admin/v1/operating/mode`, {
      method: 'PUT',
      headers: bearer,
      body: { mode: 'recovery' },
    });
    expect(mode.status).toBe(200);
    expect((await f.api('/hybrid/v1/health')).headers['x-hybridmode']).toBe('recovery');
    await call(`${f.server.adminUrl!}/admin/v1/operating/mode`, {
      method: 'PUT',
      headers: bearer,
      body: { mode: 'normal' },
    });
    const nightly = await call(`${f.server.adminUrl!}/admin/v1/operating/nightly`, { method: 'POST', headers: bearer });
    expect(nightly.status).toBe(201);
    expect(nightly.json).toMatchObject({ format: 'pg_dump-custom', origin: 'nightly' });
  });
});

const post = (url: string, body: unknown, auth = f.auth, tls = true) =>
  call(url, {
    method: 'POST',
    body,
    auth,
    tls: tls ? { ca: f.pki.caCertPem, cert: f.pki.clientCertPem, key: f.pki.clientKeyPem } : undefined,
  });

const ymdHms = (at: Date) => ({
  Request_Date: `${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}-${String(at.getDate()).padStart(2, '0')}`,
  Request_Time: `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}:${String(at.getSeconds()).padStart(2, '0')}`,
});

describe('WebORCA API stand-in (cloud, same listener)', () => {
  const api = (path: string) => `${f.server.url}/api/api01rv2/${path}`;

  it('pings with system01dailyv2 in ORCA JSON, with X-Hybridmode', async () => {
    const res = await post(api('system01dailyv2?format=json'), {
      system01_dailyreq: { Request_Number: '01', Base_Date: '' },
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-hybridmode']).toBe('normal');
    expect(Object.keys(res.json as object)).toEqual(['system01_dailyres']);
    expect((res.json as { system01_dailyres: Record<string, string> }).system01_dailyres).toMatchObject({
      Api_Result: '00',
      Information_Date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      Information_Time: expect.stringMatching(/^\d{2}:\d{2}:\d{2}$/),
    });
  });

  it('reports versions with systeminfv2 only for a request time within ±30 min', async () => {
    const ok = (await post(api('systeminfv2?format=json'), { private_objects: ymdHms(new Date()) })).json as {
      private_objects: Record<string, unknown>;
    };
    expect(ok.private_objects).toMatchObject({ Api_Result: '0000', Jma_Receipt_Version: '050200-1' });
    expect(ok.private_objects.Program_Update_Information).toEqual(Array.from({ length: 10 }, () => ({})));
    const skewed = (
      await post(api('systeminfv2?format=json'), { private_objects: ymdHms(new Date(Date.now() - 2 * 3600_000)) })
    ).json as { private_objects: Record<string, unknown> };
    expect(skewed.private_objects.Api_Result).toBe('0006');
  });

  it('names the clinic with system01lstv2 04, the code split as WebORCA does', async () => {
    const res = (
      await post(api('system01lstv2?format=json'), { system01_managereq: { Request_Number: '04', Base_Date: '' } })
    ).json as {
      system1001res: { Api_Result: string; Medical_Information: Record<string, string> };
    };
    const info = res.system1001res.Medical_Information;
    expect(res.system1001res.Api_Result).toBe('00');
    expect(`${info.Prefectures_Number}${info.Point_list}${info.Institution_Code}`).toBe(INSTITUTION_CODE);
    expect(info.Institution_WholeName).toBe(CLINIC_NAME);
    const departments = (await post(api('system01lstv2?format=json'), { system01_managereq: { Request_Number: '01' } }))
      .json as {
      departmentres: { Department_Information: object[] };
    };
    expect(departments.departmentres.Department_Information).toHaveLength(100);
    expect(departments.departmentres.Department_Information.at(-1)).toEqual({});
  });

  it('answers XML without format=json, 404 and 401 in WebORCA shapes, all with X-Hybridmode', async () => {
    const xml = await post(api('system01dailyv2'), { system01_dailyreq: { Request_Number: '01' } });
    expect(xml.headers['content-type']).toMatch(/xml/);
    expect(xml.body.toString()).toContain('<Api_Result type="string">00</Api_Result>');
    const missing = await post(`${f.server.url}/api/api01rv2/nosuchapi?format=json`, {});
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ message: 'APIが存在しません' });
    expect(missing.headers['x-hybridmode']).toBe('normal');
    const denied = await post(api('system01dailyv2?format=json'), {}, { user: 'ormaster', password: 'wrong' });
    expect(denied.status).toBe(401);
    expect(denied.json).toMatchObject({ Code: 401 });
    expect(denied.headers['x-hybridmode']).toBe('normal');
  });
});

describe('WebORCA API stand-in (local emergency, plain HTTP)', () => {
  it('answers with Basic auth and reports the -fa mode it holds', async () => {
    const res = await post(
      `${local.url}/api/api01rv2/system01dailyv2?format=json`,
      { system01_dailyreq: { Request_Number: '01' } },
      localAuth,
      false,
    );
    expect(res.status).toBe(200);
    expect(res.headers['x-hybridmode']).toBe('normal-fa');
    await local.setMode('emergency');
    const denied = await post(
      `${local.url}/api/api01rv2/system01dailyv2?format=json`,
      {},
      { user: 'ormaster', password: 'nope' },
      false,
    );
    expect(denied.status).toBe(401);
    expect(denied.headers['x-hybridmode']).toBe('emergency-fa');
    const missing = await call(`${local.url}/elsewhere`, { auth: localAuth });
    expect(missing.status).toBe(404);
    expect(missing.headers['x-hybridmode']).toBe('emergency-fa');
  });

  it('goes dark in an outage and comes back', async () => {
    local.faults.set({ outage: true });
    await local.faults.applied();
    await expect(
      call(`${local.url}/api/api01rv2/system01dailyv2`, { method: 'POST', auth: localAuth, body: {} }),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    local.faults.set({ outage: false });
    await local.faults.applied();
    expect(
      (await post(`${local.url}/api/api01rv2/system01dailyv2?format=json`, { system01_dailyreq: {} }, localAuth, false))
        .status,
    ).toBe(200);
  });
});
