/**
 * The lab's WebORCA stand-in answers as ORCA's own programs do (docs/orca-data.md §6): `Reskey` "Patient
 * Info" where ORCA sends it, `system01lstv2` class 02 doctors as `physicianres`, class 04 from
 * `tbl_syskanri` 1001 as `system1001res`, and errors found before dispatching under `departmentres`; the
 * product's client reads the 10-digit institution code from it.
 */
import type pg from 'pg';
import { createHttpClient } from '../../src/adapters/http/client-factory.js';
import { OrcaApiClient } from '../../src/adapters/orca-api/client.js';
import { startOrcaApiServer, type OrcaApiServerHandle } from '../../src/lab/orca-api/server.js';
import { createOrcaSchema, seedOrcaSystem } from '../../src/lab/orca/schema.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { call } from '../helpers/lab-http.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';
import { dbConfig } from '../helpers/restore-world.js';

const auth = { user: 'ormaster', password: 'stand-in-password' };
let cluster: TestCluster;
let client: pg.Client;
let server: OrcaApiServerHandle;

const lst = async (number: string): Promise<Record<string, Record<string, unknown>>> =>
  (
    await call(`${server.url}/api/api01rv2/system01lstv2?format=json`, {
      method: 'POST',
      auth,
      body: { system01_managereq: { Request_Number: number, Base_Date: '' } },
    })
  ).json as Record<string, Record<string, unknown>>;

beforeAll(async () => {
  cluster = await startTestCluster();
  await createDatabase(cluster, 'orca_stand_in');
  client = await cluster.connect('orca_stand_in');
  await createOrcaSchema(client);
  await seedOrcaSystem(client, { institutionCode: '1312345678', clinicName: 'テスト内科', ymd: '20260101' });
  server = await startOrcaApiServer({ database: dbConfig(cluster, 'orca_stand_in'), auth });
});

afterAll(async () => {
  await server?.close();
  await client?.end();
  await cluster?.stop();
});

test('class 02 answers the doctors as physicianres, class 04 the clinic from tbl_syskanri 1001', async () => {
  const doctors = await lst('02');
  expect(Object.keys(doctors)).toEqual(['physicianres']);
  expect(doctors.physicianres).toMatchObject({ Api_Result: '00', Reskey: 'Patient Info' });
  const list = doctors.physicianres!.Physician_Information as Array<Record<string, string>>;
  expect(list).toHaveLength(100); // padded with {} as ORCA does
  expect(list.filter((d) => d.Code).map((d) => d.Code)).toEqual(['10001', '10002', '10003', '10004', '10005']);
  expect(await lst('03')).toEqual({
    physicianres: expect.objectContaining({ Api_Result: '11', Reskey: 'Patient Info' }),
  });
  expect((await lst('04')).system1001res).toMatchObject({
    Reskey: 'Patient Info',
    Medical_Information: {
      Prefectures_Number: '13',
      Point_list: '1',
      Institution_Code: '2345678',
      Institution_WholeName: 'テスト内科',
    },
  });
  expect(await lst('09')).toEqual({ departmentres: expect.objectContaining({ Api_Result: '91' }) });
});

test('the product client reads the clinic from it; without the 1001 row the error comes under departmentres', async () => {
  const http = createHttpClient({ env: 'localEmergency', baseUrl: server.url, user: auth.user, apiKey: auth.password });
  try {
    const orca = new OrcaApiClient(http);
    expect(await orca.probe()).toMatchObject({
      institutionCode: '1312345678',
      institutionName: 'テスト内科',
      failures: {},
    });
    await client.query(`UPDATE tbl_syskanri SET edyukymd = '20000101' WHERE kanricd = '1001'`);
    expect(await lst('04')).toEqual({ departmentres: expect.objectContaining({ Api_Result: '89' }) });
    const error = await orca.institution().catch((e: unknown) => e);
    expect(error).toMatchObject({ key: 'orcaApi.result.89', params: { message: '医療機関情報が取得できません' } });
  } finally {
    http.close();
    await client.query(`UPDATE tbl_syskanri SET edyukymd = '99999999' WHERE kanricd = '1001'`);
  }
});
