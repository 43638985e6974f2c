/**
 * Lab PostgreSQL clusters: `initdb` / `pg_ctl` on a free 127.0.0.1 port, one folder per cluster
 * (layout in `cluster-files.ts`). As root the server runs as the `postgres` OS user. Host connections
 * need the superuser's password (scram-sha-256); the server listens on 127.0.0.1 only; `fsync=off`.
 */
import { rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { defaultPgTools } from '../../adapters/process/pg-tools.js';
import { ProcessError, runProcess } from '../../adapters/process/run.js';
import { UnexpectedError } from '../../core/errors.js';
import {
  clusterPaths,
  isInitialized,
  prepareClusterFolder,
  readClusterMeta,
  readLogTail,
  readPostmasterPid,
  serverUser,
  writeClusterMeta,
  writeLabSettings,
  writeServerFile,
} from './cluster-files.js';

export { createDatabase, dropDatabase, type ClusterConnection } from './database.js';

export const LAB_HOST = '127.0.0.1';

export interface InitClusterOptions {
  /** Password of the cluster superuser; reaches initdb through a 0600 file deleted right after. */
  superPassword: string;
  superuser?: string;
}

export interface ClusterStatus {
  dir: string;
  initialized: boolean;
  running: boolean;
  pid: number | null;
  port: number | null;
  host: string;
  superuser: string;
}

/**
 * Creates the cluster (UTF-8, locale C, password auth) unless the folder already holds one.
 * Returns false when it was already initialised (the password is then left unchanged).
 */
export async function initCluster(dir: string, options: InitClusterOptions): Promise<boolean> {
  const paths = clusterPaths(dir);
  if (isInitialized(paths)) return false;
  const superuser = options.superuser ?? 'postgres';
  await prepareClusterFolder(paths);
  const pwfile = join(paths.dir, '.initdb-pw');
  await writeServerFile(pwfile, options.superPassword + '\n');
  try {
    await runProcess(
      await defaultPgTools().path('initdb'),
      [
        '-D',
        paths.dataDir,
        '-U',
        superuser,
        `--pwfile=${pwfile}`,
        '-A',
        'scram-sha-256',
        '-E',
        'UTF8',
        '--no-locale',
        '--no-sync',
      ],
      { user: serverUser(), env: { LC_ALL: 'C' }, timeoutMs: 120_000 },
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
  await writeLabSettings(paths);
  await writeClusterMeta(paths, { superuser });
  return true;
}

/**
 * Starts the cluster and waits until it accepts connections. Without `port`, picks a free one (and
 * retries with another if it was taken meanwhile). Already running: returns its status unchanged.
 */
export async function startCluster(dir: string, options: { port?: number } = {}): Promise<ClusterStatus> {
  const paths = clusterPaths(dir);
  if (!isInitialized(paths)) {
    throw new UnexpectedError({ key: 'lab.cluster.notInitialized', params: { dir: paths.dir } });
  }
  const current = await clusterStatus(dir);
  if (current.running) return current;
  const attempts = options.port === undefined ? 3 : 1;
  for (let attempt = 1; ; attempt += 1) {
    const port = options.port ?? (await findFreePort());
    try {
      await runProcess(
        await defaultPgTools().path('pg_ctl'),
        ['-D', paths.dataDir, '-l', paths.logFile, '-w', '-t', '60', '-o', `-p ${port}`, 'start'],
        { user: serverUser(), env: { LC_ALL: 'C' }, timeoutMs: 90_000 },
      );
      return await clusterStatus(dir);
    } catch (error) {
      if (attempt < attempts && error instanceof ProcessError) continue;
      throw new UnexpectedError({
        key: 'lab.cluster.startFailed',
        params: { dir: paths.dir, port },
        details: await readLogTail(paths),
        cause: error,
      });
    }
  }
}

/**
 * Stops the cluster and waits for it: `fast` (sessions ended, a clean shutdown) by default, `immediate`
 * like pulling the power (crash recovery at the next start). Returns false when it was not running.
 */
export async function stopCluster(dir: string, options: { mode?: 'fast' | 'immediate' } = {}): Promise<boolean> {
  const paths = clusterPaths(dir);
  if (!isInitialized(paths) || (await readPostmasterPid(paths)) === null) return false;
  const mode = options.mode ?? 'fast';
  await runProcess(await defaultPgTools().path('pg_ctl'), ['-D', paths.dataDir, '-m', mode, '-w', '-t', '60', 'stop'], {
    user: serverUser(),
    env: { LC_ALL: 'C' },
    timeoutMs: 90_000,
  });
  return true;
}

/** Whether the folder holds a cluster, and whether (pid, port) it is running; reads postmaster.pid only. */
export async function clusterStatus(dir: string): Promise<ClusterStatus> {
  const paths = clusterPaths(dir);
  const initialized = isInitialized(paths);
  const pidInfo = initialized ? await readPostmasterPid(paths) : null;
  return {
    dir: paths.dir,
    initialized,
    running: pidInfo !== null,
    pid: pidInfo?.pid ?? null,
    port: pidInfo?.port ?? null,
    host: LAB_HOST,
    superuser: readClusterMeta(paths).superuser,
  };
}

/** A port that was free on 127.0.0.1 a moment ago (the OS picks it). */
export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, LAB_HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
