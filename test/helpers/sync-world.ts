/**
 * A world for `sync` / `backup` tests: one PostgreSQL cluster with the operating, cloud emergency and local
 * emergency databases (ORCA subset, counters seeded), the lab's reference cloud server (HTTPS, lab CA) in
 * process for the two cloud environments, and a config file per test pointing the built binary at them.
 * Every request the servers receive is recorded (method, path, Range) through `diagnostics_channel`.
 */
import { randomBytes } from 'node:crypto';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../src/core/config-schema.js';
import type { Sequences } from '../../src/core/domain.js';
import { startCloudServer, type CloudServerHandle } from '../../src/lab/cloud/server.js';
import { createLabPki, type LabPki } from '../../src/lab/pki.js';
import { createOrcaSchema, seedOrcaSystem } from '../../src/lab/orca/schema.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { runCli, type CliRun } from './cli.js';
import { configTree, writeConfigFile } from './config-builder.js';
import { startTestCluster, type TestCluster } from './pg.js';

export const INSTITUTION = '1312345678';
export const OPERATING_SEQUENCES: Sequences = {
  outpatientSlip: 50,
  inpatientSlip: 10,
  patientSerial: 100,
  patientId: 100,
};

export interface SeenRequest {
  port: number;
  method: string;
  path: string;
  range: string | null;
}

export interface SyncWorld {
  dir: string;
  cluster: TestCluster;
  pki: LabPki;
  caFile: string;
  apiKeys: { operating: string; cloudEmergency: string };
  operating: CloudServerHandle;
  emergency: CloudServerHandle;
  localDb: DatabaseConfig;
  requests: SeenRequest[];
  /** Every secret of this world, to look for where none may appear. */
  secrets: string[];
  /** Writes a config for one test in a fresh folder; returns the config path and its folders. */
  makeConfig(options?: ConfigOptions): TestSetup;
  /** GET requests for a backup's content on the operating server since `from` (an index into `requests`). */
  contentGets(id: string, from?: number): SeenRequest[];
  stop(): Promise<void>;
}

export interface ConfigOptions {
  /** Replaces the operating URL (e.g. a throttling proxy in front of the server). */
  operatingUrl?: string;
  retention?: number;
  requestTimeoutSeconds?: number;
  deadlineMinutes?: number;
  /** Names of the backup and state folders inside the test's folder (default `backups`, `state`). */
  folderName?: string;
  stateDirName?: string;
}

export interface TestSetup {
  dir: string;
  config: string;
  folder: string;
  stateDir: string;
}

const USER = 'ormaster';
const DB_NAMES = { operating: 'orca_operating_test', cloudEmergency: 'orca_emergency_test', local: 'orca_local_test' };

/**
 * One sync world for a test file: started before its tests (handed to `assign`), every fault cleared after
 * each test, stopped at the end.
 */
export function useSyncWorld(options: { fillerBytes?: number }, assign: (world: SyncWorld) => void): void {
  let world: SyncWorld | undefined;
  beforeAll(async () => {
    world = await startSyncWorld(options);
    assign(world);
  });
  afterAll(async () => {
    await world?.stop();
  });
  afterEach(() => {
    world?.operating.faults.clear();
    world?.emergency.faults.clear();
  });
}

/** Starts everything; `fillerBytes` of random data in the operating database make its dumps that large. */
export async function startSyncWorld(options: { fillerBytes?: number } = {}): Promise<SyncWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'orca-sync-test-'));
  const cluster = await startTestCluster();
  const pki = createLabPki({ hosts: ['127.0.0.1', 'localhost'] });
  const caFile = join(dir, 'ca.crt');
  writeFileSync(caFile, pki.caCertPem, { mode: 0o600 });
  const dbFor = (database: string): DatabaseConfig => ({
    host: cluster.host,
    port: cluster.port,
    database,
    user: cluster.user,
    password: cluster.password,
    sslmode: 'disable',
  });
  for (const [key, name] of Object.entries(DB_NAMES)) {
    await createDatabase(cluster, name);
    const client = await cluster.connect(name);
    try {
      await createOrcaSchema(client);
      await seedOrcaSystem(client, {
        institutionCode: INSTITUTION,
        clinicName: 'Test Clinic',
        ymd: '20260906',
        sequences:
          key === 'operating'
            ? OPERATING_SEQUENCES
            : { outpatientSlip: 1, inpatientSlip: 1, patientSerial: 1, patientId: 1 },
      });
      if (key === 'operating' && options.fillerBytes) {
        await client.query('CREATE TABLE filler_test (n int, payload bytea)');
        for (let n = 0, left = options.fillerBytes; left > 0; n++, left -= 256 * 1024) {
          await client.query('INSERT INTO filler_test VALUES ($1, $2)', [n, randomBytes(Math.min(left, 256 * 1024))]);
        }
      }
    } finally {
      await client.end();
    }
  }
  const apiKeys = {
    operating: `op-key-${randomBytes(12).toString('hex')}`,
    cloudEmergency: `fa-key-${randomBytes(12).toString('hex')}`,
  };
  const start = (env: 'operating' | 'cloudEmergency', database: string) =>
    startCloudServer({
      env,
      database: dbFor(database),
      dataDir: join(dir, 'servers', env),
      auth: { user: USER, apiKey: apiKeys[env] },
      tls: { certPem: pki.serverCertPem, keyPem: pki.serverKeyPem },
    });
  const operating = await start('operating', DB_NAMES.operating);
  const emergency = await start('cloudEmergency', DB_NAMES.cloudEmergency);
  const requests: SeenRequest[] = [];
  const ports = new Set([operating.port, emergency.port]);
  const onRequest = (message: unknown): void => {
    const request = (message as { request: IncomingMessage }).request;
    const port = request.socket.localPort ?? 0;
    if (!ports.has(port)) return;
    const range = request.headers.range;
    requests.push({
      port,
      method: request.method ?? '',
      path: new URL(request.url ?? '/', 'http://x').pathname,
      range: typeof range === 'string' ? range : null,
    });
  };
  subscribe('http.server.request.start', onRequest);
  let configs = 0;
  const world: SyncWorld = {
    dir,
    cluster,
    pki,
    caFile,
    apiKeys,
    operating,
    emergency,
    requests,
    localDb: dbFor(DB_NAMES.local),
    secrets: [apiKeys.operating, apiKeys.cloudEmergency, cluster.password],
    makeConfig(config = {}) {
      const testDir = join(dir, `t${++configs}`);
      mkdirSync(testDir, { recursive: true });
      const secret = (name: string, value: string): string => {
        const file = join(testDir, name);
        writeFileSync(file, value + '\n', { mode: 0o600 });
        chmodSync(file, 0o600);
        return file;
      };
      const cloud = (url: string, key: string, name: string) => ({
        url,
        user: USER,
        apiKeyFile: secret(name, key),
        caFile,
      });
      const setup = {
        dir: testDir,
        folder: join(testDir, config.folderName ?? 'backups'),
        stateDir: join(testDir, config.stateDirName ?? 'state'),
      };
      const tree = configTree({
        clinic: { institutionCode: INSTITUTION, name: 'Test Clinic' },
        operating: cloud(config.operatingUrl ?? operating.url, apiKeys.operating, 'operating.key'),
        cloudEmergency: cloud(emergency.url, apiKeys.cloudEmergency, 'emergency.key'),
        localEmergency: {
          host: cluster.host,
          port: cluster.port,
          database: DB_NAMES.local,
          user: cluster.user,
          passwordFile: secret('local.pass', cluster.password),
        },
        backupFolder: setup.folder,
        retention: config.retention ?? 7,
        sync: {
          requestTimeoutSeconds: config.requestTimeoutSeconds ?? 10,
          deadlineMinutes: config.deadlineMinutes ?? 2,
        },
        stateDir: setup.stateDir,
      });
      return { ...setup, config: writeConfigFile(join(testDir, 'orca-hybrid.json'), tree) };
    },
    contentGets(id, from = 0) {
      return requests
        .slice(from)
        .filter(
          (r) => r.port === operating.port && r.method === 'GET' && r.path === `/hybrid/v1/backups/${id}/content`,
        );
    },
    async stop() {
      unsubscribe('http.server.request.start', onRequest);
      await operating.close().catch(() => undefined);
      await emergency.close().catch(() => undefined);
      await cluster.stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}

/** The first byte a `Range: bytes=S-` header asks for (0 without a Range). */
export function rangeStart(request: SeenRequest): number {
  const match = request.range ? /^bytes=(\d+)-/.exec(request.range) : null;
  return match ? Number(match[1]) : 0;
}

/** `orca-hybrid --config <setup> sync --json …` through the built binary. */
export function runSync(setup: TestSetup, ...args: string[]): Promise<CliRun> {
  return runCli(['--config', setup.config, 'sync', '--json', ...args]);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function jsonOf(run: CliRun): Record<string, any> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return JSON.parse(run.stdout) as Record<string, any>;
}

/** No secret of the world in the runs' output nor in the state folder's log, journal and state. */
export function expectNoSecrets(world: SyncWorld, setup: TestSetup, runs: CliRun[]): void {
  const texts = runs.flatMap((r) => [r.stdout, r.stderr]);
  for (const name of ['orca-hybrid.log', 'journal.jsonl', 'state.json']) {
    const path = join(setup.stateDir, name);
    if (existsSync(path)) texts.push(readFileSync(path, 'utf8'));
  }
  for (const secret of world.secrets) for (const text of texts) expect(text.includes(secret)).toBe(false);
}

/** `.partial` files of the operating folder of a setup's catalog. */
export function partialsOf(setup: TestSetup): string[] {
  const dir = join(setup.folder, 'operating');
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith('.partial')) : [];
}
