/**
 * A lab cloud server over a real PostgreSQL cluster for one test file: a small generated clinic in
 * `orca_<name>_test`, the lab PKI, the server with mutual TLS, and a caller that checks every answer's
 * `X-Hybridmode` and (for contract paths) its shape against docs/openapi.yaml.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../src/core/config-schema.js';
import { startCloudServer, type CloudServerHandle, type CloudServerOptions } from '../../src/lab/cloud/server.js';
import { checkOrcaInvariants } from '../../src/lab/orca/check/invariants.js';
import { generateClinic, type ClinicSummary } from '../../src/lab/orca/generator.js';
import { createLabPki, type LabPki } from '../../src/lab/pki.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { call, type CallOptions, type CallResult } from './lab-http.js';
import { validateResponse } from './openapi.js';
import { startTestCluster, type TestCluster } from './pg.js';

export const INSTITUTION_CODE = '1312345678';
export const CLINIC_NAME = 'テスト内科クリニック';

export interface CloudFixture {
  cluster: TestCluster;
  db: DatabaseConfig;
  pki: LabPki;
  server: CloudServerHandle;
  clinic: ClinicSummary;
  auth: { user: string; password: string };
  adminToken: string;
  dataDir: string;
  /** Calls the server with the client certificate and credentials; checks X-Hybridmode and the contract. */
  api(path: string, opts?: CallOptions & { contract?: boolean }): Promise<CallResult>;
  stop(): Promise<void>;
}

export async function startCloudFixture(
  name: string,
  overrides: Partial<CloudServerOptions> = {},
): Promise<CloudFixture> {
  const cluster = await startTestCluster();
  const database = `orca_${name}_test`;
  await createDatabase(cluster, database);
  const client = await cluster.connect(database);
  let clinic: ClinicSummary;
  try {
    clinic = await generateClinic(client, {
      patients: 12,
      days: 20,
      seed: 7,
      institutionCode: INSTITUTION_CODE,
      clinicName: CLINIC_NAME,
    });
    const report = await checkOrcaInvariants(client);
    if (!report.ok) throw new Error(`the generated clinic breaks ORCA's rules: ${JSON.stringify(report.checks)}`);
  } finally {
    await client.end();
  }
  const db: DatabaseConfig = {
    host: cluster.host,
    port: cluster.port,
    database,
    user: cluster.user,
    password: cluster.password,
    sslmode: 'disable',
  };
  const pki = createLabPki();
  const dataDir = mkdtempSync(join(tmpdir(), 'orca-test-cloud-'));
  const auth = { user: 'ormaster', password: randomBytes(16).toString('hex') };
  const adminToken = randomBytes(16).toString('hex');
  const server = await startCloudServer({
    env: 'operating',
    database: db,
    dataDir,
    auth: { user: auth.user, apiKey: auth.password },
    tls: { certPem: pki.serverCertPem, keyPem: pki.serverKeyPem, caPem: pki.caCertPem, requireClientCert: true },
    admin: { token: adminToken },
    ...overrides,
  });
  const tls = { ca: pki.caCertPem, cert: pki.clientCertPem, key: pki.clientKeyPem };
  return {
    cluster,
    db,
    pki,
    server,
    clinic,
    auth,
    adminToken,
    dataDir,
    async api(path, opts = {}) {
      const result = await call(server.url + path, { auth, tls, ...opts });
      const reported = result.headers['x-hybridmode'];
      if (typeof reported !== 'string' || reported === '')
        throw new Error(`${opts.method ?? 'GET'} ${path} ${result.status}: no X-Hybridmode`);
      if (opts.contract !== false && path.startsWith('/hybrid/v1')) {
        const body = result.json ?? (result.body.length > 0 ? result.body : undefined);
        const problems = validateResponse(
          opts.method ?? 'GET',
          path,
          result.status,
          body,
          result.headers as Record<string, string>,
        );
        if (problems.length > 0) throw new Error(`contract violation:\n${problems.join('\n')}`);
      }
      return result;
    },
    async stop() {
      await server.close();
      await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls a job until it is no longer queued or running. */
export async function waitForJob(fixture: CloudFixture, jobId: string): Promise<Record<string, unknown>> {
  for (;;) {
    const res = await fixture.api(`/hybrid/v1/jobs/${jobId}`);
    const job = res.json as Record<string, unknown>;
    if (job.state !== 'queued' && job.state !== 'running') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
