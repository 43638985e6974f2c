/**
 * `lab up`: the whole world on this machine, idempotently. Two PostgreSQL clusters (one holding the two
 * cloud environments' databases, one standing for the local emergency VM), the generated clinic in the
 * operating database, copies of it in the emergency databases (their last restore), the lab PKI, the daemon
 * with the reference servers, a first nightly backup, and the tool's config. A second run reuses all of it.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { ensurePrivateDir } from '../adapters/fs/private-files.js';
import type { DatabaseConfig } from '../core/config-schema.js';
import { dumpDatabase, libpqEnv } from '../adapters/postgres/dump-tool.js';
import { defaultPgTools } from '../adapters/process/pg-tools.js';
import { runProcess } from '../adapters/process/run.js';
import { runningDaemon, startDaemon } from './daemon-control.js';
import type { DaemonInfo } from './daemon-info.js';
import { labLayout, type LabLayout } from './layout.js';
import { writeLabConfig } from './lab-config.js';
import { LAB_DATABASES, LAB_USERS, readManifest, writeManifest, type LabManifest } from './manifest.js';
import { generateClinic } from './orca/generator.js';
import { createLabPki, writeLabPki } from './pki.js';
import { createDatabase, initCluster, startCluster } from './postgres/cluster.js';
import { ensureLabSecrets, writeP12Passphrase, type LabSecrets } from './secrets.js';
import { adminRequest } from './admin-client.js';

export interface LabUpOptions {
  dir: string;
  patients: number;
  days: number;
  seed: string;
  progress?: (step: string) => void;
}

export interface LabUpReport {
  dir: string;
  config: string;
  alreadyUp: boolean;
  generated: boolean;
  daemon: DaemonInfo;
  manifest: LabManifest;
}

export const LAB_INSTITUTION = { code: '1312345678', name: 'オルカ内科クリニック (ラボ)' } as const;

export async function labUp(options: LabUpOptions): Promise<LabUpReport> {
  const layout = labLayout(options.dir);
  const step = options.progress ?? (() => undefined);
  // 0711, not 0700: the `postgres` user must traverse it to reach its clusters; every folder inside that
  // holds secrets or data (secrets/, pki/, backups/, state/, servers/) is 0700 itself.
  await mkdir(layout.dir, { recursive: true, mode: 0o711 });
  await chmod(layout.dir, 0o711);
  const existing = await readManifest(layout.manifest);
  let manifest: LabManifest = existing ?? {
    version: 1,
    createdAt: new Date().toISOString(),
    institutionCode: LAB_INSTITUTION.code,
    clinicName: LAB_INSTITUTION.name,
    generator: { patients: options.patients, days: options.days, seed: options.seed },
    ports: {
      cloudCluster: null,
      localCluster: null,
      operating: null,
      cloudEmergency: null,
      localApi: null,
      admin: null,
    },
  };
  const secrets = await ensureLabSecrets(layout.secrets);
  if (!existsSync(join(layout.pki, 'ca.crt'))) {
    step('pki');
    const pki = createLabPki({ hosts: ['127.0.0.1', 'localhost'] });
    await writeLabPki(layout.pki, pki);
    await writeP12Passphrase(layout.secrets, pki.clientP12Passphrase);
  }

  step('clusters');
  await initCluster(layout.cloudCluster, { superPassword: secrets.cloudSuperPassword });
  await initCluster(layout.localCluster, { superPassword: secrets.localSuperPassword });
  const cloudPort = (await startCluster(layout.cloudCluster, portOption(manifest.ports.cloudCluster))).port!;
  const localPort = (await startCluster(layout.localCluster, portOption(manifest.ports.localCluster))).port!;
  manifest = { ...manifest, ports: { ...manifest.ports, cloudCluster: cloudPort, localCluster: localPort } };
  await writeManifest(layout.manifest, manifest);

  const cloudConn = { host: '127.0.0.1', port: cloudPort, user: 'postgres', password: secrets.cloudSuperPassword };
  const localConn = { host: '127.0.0.1', port: localPort, user: 'postgres', password: secrets.localSuperPassword };
  await ensureLocalRole(localConn, secrets);
  const generated = await createDatabase(cloudConn, LAB_DATABASES.operating);
  if (generated) {
    step('generate');
    const client = new pg.Client({ ...cloudConn, database: LAB_DATABASES.operating });
    await client.connect();
    try {
      await generateClinic(client, {
        patients: manifest.generator.patients,
        days: manifest.generator.days,
        seed: manifest.generator.seed,
        institutionCode: manifest.institutionCode,
        clinicName: manifest.clinicName,
      });
    } finally {
      await client.end();
    }
  }
  const needCloudEmergency = await createDatabase(cloudConn, LAB_DATABASES.cloudEmergency);
  const needLocal = await createDatabase(localConn, LAB_DATABASES.localEmergency, { owner: LAB_USERS.localDb });
  if (needCloudEmergency || needLocal) {
    step('copy');
    await copyOperatingInto(layout, { ...cloudConn, database: LAB_DATABASES.operating, sslmode: 'disable' }, [
      ...(needCloudEmergency
        ? [{ ...cloudConn, database: LAB_DATABASES.cloudEmergency, sslmode: 'disable' as const }]
        : []),
      ...(needLocal
        ? [
            {
              ...localConn,
              user: LAB_USERS.localDb,
              password: secrets.localDbPassword,
              database: LAB_DATABASES.localEmergency,
              sslmode: 'disable' as const,
            },
          ]
        : []),
    ]);
  }

  step('daemon');
  let daemon = await runningDaemon(layout);
  const alreadyUp = daemon !== null && existing !== null;
  if (!daemon) daemon = await startDaemon(layout);
  manifest = (await readManifest(layout.manifest)) ?? manifest;
  if (generated) {
    step('nightly');
    await adminRequest(daemon.admin.operating, secrets.adminToken, 'POST', 'operating', 'nightly');
  }
  await ensurePrivateDir(layout.backupFolder);
  await ensurePrivateDir(layout.stateDir);
  await writeLabConfig(layout, manifest, daemon);
  return { dir: layout.dir, config: layout.config, alreadyUp, generated, daemon, manifest };
}

function portOption(port: number | null): { port?: number } {
  return port === null ? {} : { port };
}

/**
 * The local environment's database user, as on a WebORCA on-premises install (`orca`, may create databases for
 * restores).
 */
async function ensureLocalRole(
  conn: { host: string; port: number; user: string; password: string },
  secrets: LabSecrets,
): Promise<void> {
  const client = new pg.Client({ ...conn, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [LAB_USERS.localDb]);
    const verb = found.rowCount ? 'ALTER' : 'CREATE';
    const password = (await client.query('SELECT quote_literal($1) AS q', [secrets.localDbPassword])).rows[0]
      .q as string;
    await client.query(`${verb} ROLE ${LAB_USERS.localDb} LOGIN CREATEDB PASSWORD ${password}`);
  } finally {
    await client.end();
  }
}

/** Dumps the operating database once and restores it into each target (their state as of a last restore). */
async function copyOperatingInto(layout: LabLayout, source: DatabaseConfig, targets: DatabaseConfig[]): Promise<void> {
  const file = join(layout.dir, 'initial-copy.dump');
  const { partialFile } = await dumpDatabase(source, file);
  try {
    for (const target of targets) {
      await runProcess(
        await defaultPgTools().path('pg_restore'),
        [
          '-x',
          '-O',
          '--exit-on-error',
          '-h',
          target.host,
          '-p',
          String(target.port),
          '-U',
          target.user,
          '-d',
          target.database,
          partialFile,
        ],
        {
          env: libpqEnv(target),
          timeoutMs: 600_000,
        },
      );
    }
  } finally {
    await rm(partialFile, { force: true });
  }
}
