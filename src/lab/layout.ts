import { join } from 'node:path';

/** Where everything of one lab lives under its folder (`lab up --dir`). */
export interface LabLayout {
  dir: string;
  /** The lab's own record: ports, database names, what was generated. */
  manifest: string;
  secrets: string;
  pki: string;
  /** Cluster holding the two cloud environments' databases. */
  cloudCluster: string;
  /** Cluster standing for the local emergency VM's WebORCA database. */
  localCluster: string;
  /** Per cloud environment: the reference server's backup store and mode file. */
  serverDir: (env: 'operating' | 'cloudEmergency') => string;
  daemonPid: string;
  daemonLog: string;
  /** Written by the daemon once its servers listen: bound ports and the admin token location. */
  daemonReady: string;
  /** The tool's configuration for this lab. */
  config: string;
  backupFolder: string;
  stateDir: string;
}

export function labLayout(dir: string): LabLayout {
  return {
    dir,
    manifest: join(dir, 'lab.json'),
    secrets: join(dir, 'secrets'),
    pki: join(dir, 'pki'),
    cloudCluster: join(dir, 'pg', 'cloud'),
    localCluster: join(dir, 'pg', 'local'),
    serverDir: (env) => join(dir, 'servers', env),
    daemonPid: join(dir, 'daemon.pid'),
    daemonLog: join(dir, 'daemon.log'),
    daemonReady: join(dir, 'daemon.json'),
    config: join(dir, 'orca-hybrid.yaml'),
    backupFolder: join(dir, 'backups'),
    stateDir: join(dir, 'state'),
  };
}
