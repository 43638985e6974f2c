/**
 * The lab daemon: one detached Node process serving the reference cloud control servers (operating, cloud
 * emergency, each with the WebORCA API stand-in under `/api/`), the local emergency environment's WebORCA
 * API stand-in, and their admin listeners (fault knobs). Started by `lab up` as
 * `node dist/lab/daemon.js <labDir>`; stopped by SIGTERM (`lab down`). Writes `daemon.json` when ready.
 */
import { readFile, rm } from 'node:fs/promises';
import { replaceFileAtomically } from '../adapters/fs/atomic-write.js';
import { startCloudServer, type CloudServerHandle } from './cloud/server.js';
import { labLayout } from './layout.js';
import { LAB_DATABASES, LAB_USERS, readManifest, writeManifest } from './manifest.js';
import { startOrcaApiServer } from './orca-api/server.js';
import { readLabSecrets } from './secrets.js';
import type { DaemonInfo } from './daemon-info.js';

async function main(dir: string): Promise<void> {
  const layout = labLayout(dir);
  const manifest = await readManifest(layout.manifest);
  if (!manifest) throw new Error(`no lab manifest at ${layout.manifest}`);
  const secrets = await readLabSecrets(layout.secrets);
  const pem = async (name: string): Promise<string> => readFile(`${layout.pki}/${name}`, 'utf8');
  const tls = {
    certPem: await pem('server.crt'),
    keyPem: await pem('server.key'),
    caPem: await pem('ca.crt'),
    requireClientCert: true,
  };
  const log = (line: string): void => void process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const cloudDb = (database: string) => ({
    host: '127.0.0.1',
    port: manifest.ports.cloudCluster ?? 5432,
    database,
    user: 'postgres',
    password: secrets.cloudSuperPassword,
    sslmode: 'disable' as const,
  });
  const cloud = async (env: 'operating' | 'cloudEmergency', apiKey: string): Promise<CloudServerHandle> =>
    startCloudServer({
      env,
      database: cloudDb(LAB_DATABASES[env]),
      dataDir: layout.serverDir(env),
      auth: { user: LAB_USERS.cloudApi, apiKey },
      tls,
      port: manifest.ports[env] ?? 0,
      admin: { token: secrets.adminToken },
      log,
    }).catch(() =>
      startCloudServer({
        // The recorded port was taken meanwhile: any free one (lab up rewrites the config).
        env,
        database: cloudDb(LAB_DATABASES[env]),
        dataDir: layout.serverDir(env),
        auth: { user: LAB_USERS.cloudApi, apiKey },
        tls,
        admin: { token: secrets.adminToken },
        log,
      }),
    );
  const operating = await cloud('operating', secrets.operatingApiKey);
  const cloudEmergency = await cloud('cloudEmergency', secrets.cloudEmergencyApiKey);
  // The local WebORCA stand-in connects as the database's owner, as WebORCA does: its kept-open sessions
  // are ones a restore (connected as that owner) may terminate at its swap; a superuser's would refuse it.
  const localDb = {
    host: '127.0.0.1',
    port: manifest.ports.localCluster ?? 5432,
    database: LAB_DATABASES.localEmergency,
    user: LAB_USERS.localDb,
    password: secrets.localDbPassword,
    sslmode: 'disable' as const,
  };
  const localOptions = {
    database: localDb,
    auth: { user: LAB_USERS.localOrca, password: secrets.localOrcaPassword },
    admin: { token: secrets.adminToken },
    log,
  };
  const local = await startOrcaApiServer({ ...localOptions, port: manifest.ports.localApi ?? 0 }).catch(() =>
    startOrcaApiServer(localOptions),
  );

  const info: DaemonInfo = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    urls: { operating: operating.url, cloudEmergency: cloudEmergency.url, localApi: local.url },
    admin: {
      operating: operating.adminUrl!,
      cloudEmergency: cloudEmergency.adminUrl!,
      localEmergency: local.adminUrl!,
    },
  };
  await writeManifest(layout.manifest, {
    ...manifest,
    ports: { ...manifest.ports, operating: operating.port, cloudEmergency: cloudEmergency.port, localApi: local.port },
  });
  await replaceFileAtomically(layout.daemonReady, JSON.stringify(info, null, 2) + '\n');
  log(`lab daemon ready (pid ${process.pid})`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`stopping on ${signal}`);
    await Promise.allSettled([operating.close(), cloudEmergency.close(), local.close()]);
    await rm(layout.daemonReady, { force: true });
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main(process.argv[2] ?? '').catch((error: unknown) => {
  process.stderr.write(
    `lab daemon failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
