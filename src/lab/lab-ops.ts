/** `lab down`, `lab status`, `lab outage|recover`, `lab fault`, `lab nightly`: operations on a lab that exists. */
import pg from 'pg';
import { UsageError } from '../core/errors.js';
import type { EnvironmentName } from '../core/config-schema.js';
import { adminRequest } from './admin-client.js';
import { runningDaemon, stopDaemon } from './daemon-control.js';
import type { DaemonInfo } from './daemon-info.js';
import { labLayout, type LabLayout } from './layout.js';
import { LAB_DATABASES, readManifest, type LabManifest } from './manifest.js';
import { useOrcaIsolation } from './orca/book/orca-transaction.js';
import { clusterStatus, startCluster, stopCluster, type ClusterStatus } from './postgres/cluster.js';
import { readLabSecrets, type LabSecrets } from './secrets.js';

export interface LabHandle {
  layout: LabLayout;
  manifest: LabManifest;
  secrets: LabSecrets;
}

/** Opens an existing lab or fails with a usage error that says to run `lab up`. */
export async function openLab(dir: string): Promise<LabHandle> {
  const layout = labLayout(dir);
  const manifest = await readManifest(layout.manifest);
  if (!manifest) throw new UsageError({ key: 'lab.notFound', params: { dir }, hintKey: 'lab.notFound.hint' });
  return { layout, manifest, secrets: await readLabSecrets(layout.secrets) };
}

export async function labDown(dir: string): Promise<{ daemonStopped: boolean; clustersStopped: number }> {
  const layout = labLayout(dir);
  const daemonStopped = await stopDaemon(layout);
  let clustersStopped = 0;
  for (const cluster of [layout.cloudCluster, layout.localCluster]) {
    if (await stopCluster(cluster)) clustersStopped += 1;
  }
  return { daemonStopped, clustersStopped };
}

export interface LabStatusReport {
  dir: string;
  exists: boolean;
  config: string | null;
  daemon: DaemonInfo | null;
  clusters: { cloud: ClusterStatus; local: ClusterStatus } | null;
  faults: Record<string, unknown> | null;
}

export async function labStatus(dir: string): Promise<LabStatusReport> {
  const layout = labLayout(dir);
  const manifest = await readManifest(layout.manifest);
  if (!manifest) return { dir, exists: false, config: null, daemon: null, clusters: null, faults: null };
  const daemon = await runningDaemon(layout);
  const clusters = { cloud: await clusterStatus(layout.cloudCluster), local: await clusterStatus(layout.localCluster) };
  let faults: Record<string, unknown> | null = null;
  if (daemon) {
    const secrets = await readLabSecrets(layout.secrets);
    faults = {};
    for (const env of ['operating', 'cloudEmergency', 'localEmergency'] as const) {
      faults[env] = await adminRequest(daemon.admin[env], secrets.adminToken, 'GET', env, 'faults').catch(() => null);
    }
  }
  return { dir, exists: true, config: layout.config, daemon, clusters, faults };
}

async function daemonOf(lab: LabHandle): Promise<DaemonInfo> {
  const daemon = await runningDaemon(lab.layout);
  if (!daemon)
    throw new UsageError({ key: 'lab.notRunning', params: { dir: lab.layout.dir }, hintKey: 'lab.notFound.hint' });
  return daemon;
}

/** Sets fault knobs of one environment's servers (see docs/lab.md); `null` clears them all. */
export async function setFaults(
  lab: LabHandle,
  env: EnvironmentName,
  patch: Record<string, unknown> | null,
): Promise<unknown> {
  const daemon = await daemonOf(lab);
  return patch === null
    ? adminRequest(daemon.admin[env], lab.secrets.adminToken, 'DELETE', env, 'faults')
    : adminRequest(daemon.admin[env], lab.secrets.adminToken, 'PUT', env, 'faults', patch);
}

/**
 * The environment stops answering (refused connections). For the local environment the "VM" goes down
 * too: its PostgreSQL cluster stops, as when the clinic PC's VM is off.
 */
export async function labOutage(lab: LabHandle, env: EnvironmentName): Promise<void> {
  await setFaults(lab, env, { outage: true });
  if (env === 'localEmergency') await stopCluster(lab.layout.localCluster);
}

export async function labRecover(lab: LabHandle, env: EnvironmentName): Promise<void> {
  if (env === 'localEmergency')
    await startCluster(lab.layout.localCluster, { port: lab.manifest.ports.localCluster ?? undefined });
  await setFaults(lab, env, null);
}

export async function labNightly(lab: LabHandle): Promise<unknown> {
  const daemon = await daemonOf(lab);
  return adminRequest(daemon.admin.operating, lab.secrets.adminToken, 'POST', 'operating', 'nightly');
}

/** A superuser connection to one environment's database (for `lab enter`). */
export async function connectLabDatabase(lab: LabHandle, env: EnvironmentName): Promise<pg.Client> {
  const local = env === 'localEmergency';
  const client = new pg.Client({
    host: '127.0.0.1',
    port: (local ? lab.manifest.ports.localCluster : lab.manifest.ports.cloudCluster) ?? 5432,
    user: 'postgres',
    password: local ? lab.secrets.localSuperPassword : lab.secrets.cloudSuperPassword,
    database: LAB_DATABASES[env],
  });
  await client.connect();
  // The lab writes as ORCA does, and ORCA's middleware runs every session at REPEATABLE READ.
  await useOrcaIsolation(client).catch(async (error: unknown) => {
    await client.end().catch(() => undefined);
    throw error;
  });
  return client;
}
