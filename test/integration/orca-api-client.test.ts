/**
 * The WebORCA API client against a real plain-HTTP server on 127.0.0.1 answering in ORCA's JSON shapes
 * (like WebORCA on-premises): padding dropped, the record key checked, Api_Result errors mapped with ORCA's
 * own message, W codes as warnings, each probe endpoint failing alone, X-Hybridmode read, Basic auth sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpClient, type HttpClient } from '../../src/adapters/http/client-factory.js';
import { dropPadding } from '../../src/adapters/orca-api/answers.js';
import { OrcaApiClient } from '../../src/adapters/orca-api/client.js';
import { AuthError, UnreachableError, type OrcaError } from '../../src/core/errors.js';
import { translator } from '../../src/ui/i18n.js';

const PASSWORD = 'ormaster-password-123';
const NOW = new Date(2026, 8, 6, 10, 11, 12); // local time, as WebORCA reads Request_Date/Time
const t = translator('en');

interface Script {
  daily?: string;
  info?: string;
  lst?: string;
  /** The record key class 04 answers under (ORCA uses `departmentres` for errors found before dispatch). */
  lstKey?: string;
  /** Medical_Information fields of class 04. */
  medical?: Record<string, string>;
  /** systeminfv2 answers something that is not JSON. */
  infoGarbage?: boolean;
  status?: number;
  mode?: string | null;
  twoKeys?: boolean;
}
let script: Script = {};
let server: Server;
let baseUrl: string;
const requests: Array<{ method: string; url: string; authorization?: string; body: unknown }> = [];
const clients: HttpClient[] = [];

const header = (result: string) => ({
  Information_Date: '2026-09-06',
  Information_Time: '10:11:12',
  Api_Result: result,
  Api_Result_Message: result === '00' || result === '0000' ? '処理終了' : `ORCA says ${result}`,
  Reskey: 'Patient Info',
});
const padded = <T>(items: T[], length: number) => [
  ...items,
  ...Array.from({ length: length - items.length }, () => ({})),
];

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  requests.push({
    method: req.method ?? '',
    url: req.url ?? '',
    authorization: req.headers.authorization,
    body: JSON.parse(Buffer.concat(chunks).toString() || 'null'),
  });
  const send = (status: number, body: unknown) => {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
    if (script.mode !== null) headers['x-hybridmode'] = script.mode ?? 'emergency-fa';
    res.writeHead(status, headers);
    res.end(JSON.stringify(body));
  };
  if (req.headers.authorization !== 'Basic ' + Buffer.from(`ormaster:${PASSWORD}`).toString('base64'))
    return send(401, { Code: 401, Message: 'Unauthorized' });
  if (script.status) return send(script.status, { message: 'APIが存在しません' });
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (script.twoKeys) return send(200, { a: header('00'), b: header('00') });
  if (path === '/api/api01rv2/system01dailyv2')
    return send(200, { system01_dailyres: { ...header(script.daily ?? '00'), Request_Number: '01' } });
  if (path === '/api/api01rv2/systeminfv2') {
    if (script.infoGarbage) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('<html>proxy error</html>');
    }
    return send(200, {
      private_objects: {
        ...header(script.info ?? '0000'),
        Jma_Receipt_Version: '050200-1',
        Database_Information: { Local_Version: 'S-050200-1-20250327-1', New_Version: 'S-050200-1-20250327-1' },
        Master_Update_Information: {
          Last_Update_Date: '2026-07-01',
          Master_Version_Information: padded(
            [{ Name: '点数マスタ', Local_Version: 'R-050200-1-20260601-1', New_Version: 'R-050200-1-20260701-1' }],
            99,
          ),
        },
        Program_Update_Information: padded(
          [
            { Date: '2026-07-01', State: '済', Comment: '提供されている最新の状態でした。' },
            { Date: '2026-06-01', State: '済', Comment: '' },
          ],
          10,
        ),
      },
    });
  }
  if (path === '/api/api01rv2/system01lstv2') {
    return send(200, {
      [script.lstKey ?? 'system1001res']: {
        ...header(script.lst ?? '00'),
        Medical_Information: script.medical ?? {
          Prefectures_Number: '13',
          Point_list: '1',
          Institution_Code: '2345678',
          Institution_WholeName: '医療法人　オルカ　テストクリニック',
        },
      },
    });
  }
  return send(404, { message: 'APIが存在しません' });
}

function orca(password = PASSWORD): OrcaApiClient {
  const http = createHttpClient({
    env: 'localEmergency',
    baseUrl,
    user: 'ormaster',
    apiKey: password,
    retry: { limit: 2, baseDelayMs: 10 },
  });
  clients.push(http);
  return new OrcaApiClient(http, { now: () => NOW });
}

async function failure(promise: Promise<unknown>): Promise<OrcaError> {
  try {
    await promise;
  } catch (error) {
    return error as OrcaError;
  }
  throw new Error('expected a failure');
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
beforeEach(() => {
  script = {};
  requests.length = 0;
});
afterAll(async () => {
  for (const c of clients) c.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('probe: mode from X-Hybridmode, version, the 10-digit institution code and name', async () => {
  const probe = await orca().probe();
  expect(probe).toEqual({
    reportedMode: 'emergency-fa',
    version: '050200-1',
    institutionCode: '1312345678',
    institutionName: '医療法人　オルカ　テストクリニック',
    failures: {},
    warnings: [],
  });
  const paths = requests.map((r) => r.url).sort();
  expect(paths).toEqual([
    '/api/api01rv2/system01dailyv2?format=json',
    '/api/api01rv2/system01lstv2?format=json',
    '/api/api01rv2/systeminfv2?format=json',
  ]);
  expect(requests.every((r) => r.method === 'POST')).toBe(true);
  const lst = requests.find((r) => r.url.includes('system01lstv2'))!;
  expect(lst.body).toEqual({ system01_managereq: { Request_Number: '04', Base_Date: '' } });
  const info = requests.find((r) => r.url.includes('systeminfv2'))!;
  expect(info.body).toEqual({ private_objects: { Request_Date: '2026-09-06', Request_Time: '10:11:12' } });
});

test('a 7-digit institution code without prefecture and point table is not taken as the clinic', async () => {
  script.medical = { Institution_Code: '2345678', Institution_WholeName: 'X' };
  const probe = await orca().probe();
  expect(probe.institutionCode).toBeNull();
  expect(probe.warnings).toEqual([
    { key: 'orcaApi.institutionCodeIncomplete', params: { env: 'localEmergency', code: '2345678' } },
  ]);
  script.medical = { Institution_Code: '1312345678' };
  expect((await orca().probe()).institutionCode).toBe('1312345678');
  script.medical = { Prefectures_Number: '1', Point_list: '31', Institution_Code: '2345678' };
  expect((await orca().probe()).institutionCode).toBeNull();
});

test('an answer of the wrong kind is refused, saying what arrived; an error under another record is that error', async () => {
  script.lstKey = 'departmentres';
  const wrong = await failure(orca().institution());
  expect(wrong.key).toBe('http.malformedAnswer');
  expect(t(wrong.key, wrong.params)).toContain('answered departmentres where system1001res was expected');
  script.lst = '89';
  const error = await failure(orca().institution());
  expect([error.key, error.params.code, error.params.message]).toEqual(['orcaApi.result.89', '89', 'ORCA says 89']);
});

test('one malformed endpoint stays in its own field: the others still answer', async () => {
  script.infoGarbage = true;
  const probe = await orca().probe();
  expect(probe).toMatchObject({ version: null, institutionCode: '1312345678', reportedMode: 'emergency-fa' });
  expect(Object.keys(probe.failures)).toEqual(['systemInfo']);
  expect((probe.failures.systemInfo as OrcaError).key).toBe('http.malformedAnswer');
  script.status = 500;
  expect(await failure(orca().probe())).toBeInstanceOf(UnreachableError);
});

test('padded {} elements are dropped from arrays, at any depth', async () => {
  const answer = await orca().systemInfo();
  expect(answer.record.Program_Update_Information?.map((p) => p.Date)).toEqual(['2026-07-01', '2026-06-01']);
  expect(dropPadding({ a: [{}, { b: [{}, { c: '1' }, {}] }, {}] })).toEqual({ a: [{ b: [{ c: '1' }] }] });
});

test('versions: DB structure, every master and the program updates of systeminfv2, padding dropped', async () => {
  expect(await orca().versions()).toEqual({
    jmaReceiptVersion: '050200-1',
    database: { local: 'S-050200-1-20250327-1', latest: 'S-050200-1-20250327-1' },
    masters: [{ name: '点数マスタ', local: 'R-050200-1-20260601-1', latest: 'R-050200-1-20260701-1' }],
    programs: [
      { date: '2026-07-01', state: '済', comment: '提供されている最新の状態でした。' },
      { date: '2026-06-01', state: '済', comment: '' },
    ],
  });
});

test('an unknown X-Hybridmode token is passed as is; a missing header is null', async () => {
  script.mode = 'weird-mode';
  expect((await orca().ping()).reportedMode).toBe('weird-mode');
  script.mode = null;
  expect((await orca().probe()).reportedMode).toBeNull();
});

test.each([
  ['89', UnreachableError, 'basic data'],
  ['90', UnreachableError, 'another terminal holds the lock'],
  ['E90', UnreachableError, 'another terminal holds the lock'],
  ['91', UnreachableError, 'rejected'],
  ['97', UnreachableError, 'rejected'],
  ['98', UnreachableError, 'could not be read'],
  ['99', AuthError, 'not registered in ORCA'],
  ['E12', UnreachableError, 'has no text for'],
  ['X7', UnreachableError, 'has no text for'],
])("Api_Result %s is shown with its code, ORCA's own message and the full URL", async (code, type, text) => {
  script.daily = code;
  const error = await failure(orca().ping());
  expect(error).toBeInstanceOf(type);
  const message = t(error.key, error.params);
  expect(message).toContain('localEmergency');
  expect(message).toContain(`${baseUrl}/api/api01rv2/system01dailyv2`);
  expect(message).toContain(`Api_Result ${code} "ORCA says ${code}"`);
  expect(message).toContain(text);
  expect(message).not.toContain(PASSWORD);
});

test('a W code is success with a warning', async () => {
  script.daily = 'W00';
  const answer = await orca().ping();
  expect(answer.warning).toEqual({
    key: 'orcaApi.warning',
    params: { env: 'localEmergency', api: 'system01dailyv2', code: 'W00', message: 'ORCA says W00' },
  });
  expect((await orca().probe()).warnings.map((w) => w.key)).toEqual(['orcaApi.warning']);
});

test('a business error of systeminfv2 (clock skew 0006) leaves only the version unknown', async () => {
  script.info = '0006';
  const probe = await orca().probe();
  expect(probe.version).toBeNull();
  expect(probe.institutionCode).toBe('1312345678');
  expect((probe.failures.systemInfo as OrcaError).params).toMatchObject({ code: '0006', message: 'ORCA says 0006' });
});

test('a 4-digit systeminfv2 result is compared by value (0089 = 89)', async () => {
  script.info = '0089';
  const error = await failure(orca().systemInfo());
  expect(error.key).toBe('orcaApi.result.89');
});

test('a wrong password: 401 → AuthError (exit 4), password not in the message', async () => {
  const error = await failure(orca('wrong-password').probe());
  expect(error).toBeInstanceOf(AuthError);
  expect(error.exitCode).toBe(4);
  expect(JSON.stringify(error) + t(error.key, error.params)).not.toContain('wrong-password');
});

test('an answer that is not one ORCA record is rejected as malformed, naming scheme, host and port', async () => {
  script.twoKeys = true;
  const error = await failure(orca().ping());
  expect(error).toBeInstanceOf(UnreachableError);
  expect(error.key).toBe('http.malformedAnswer');
  expect(error.params.url).toBe(`${baseUrl}/api/api01rv2/system01dailyv2`);
});

test('a 404 (WebORCA without the /api prefix, or another server) is an error naming the environment', async () => {
  script.status = 404;
  const error = await failure(orca().ping());
  expect(error).toBeInstanceOf(UnreachableError);
  expect(t(error.key, error.params)).toContain('localEmergency');
  expect(error.params.status).toBe(404);
});
