/**
 * The on-disk layout of one lab cluster folder and the file chores around it: ownership by the `postgres`
 * OS user when we run as root, traversable parents, and the lab's server settings.
 *
 *   <dir>/data          PGDATA (0700, owned by the server's OS user)
 *   <dir>/run           unix socket folder
 *   <dir>/postgres.log  server log
 *   <dir>/cluster.json  { superuser } recorded at init
 */
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

export const SERVER_OS_USER = 'postgres';
/** Unix socket paths longer than this fail to bind (sun_path is 108 bytes including `.s.PGSQL.NNNNN`). */
const MAX_SOCKET_DIR_LENGTH = 90;

export interface ClusterPaths {
  dir: string;
  dataDir: string;
  socketDir: string;
  logFile: string;
  metaFile: string;
}

export function clusterPaths(dir: string): ClusterPaths {
  const root = resolve(dir);
  return {
    dir: root,
    dataDir: join(root, 'data'),
    socketDir: join(root, 'run'),
    logFile: join(root, 'postgres.log'),
    metaFile: join(root, 'cluster.json'),
  };
}

export const isRoot = (): boolean => process.getuid?.() === 0;

/** The OS user the server runs as: `postgres` when we are root, otherwise ourselves (undefined). */
export const serverUser = (): string | undefined => (isRoot() ? SERVER_OS_USER : undefined);

/**
 * Creates the cluster folder and its socket folder (0700). As root, hands both to `postgres` and makes
 * every parent folder searchable by others (o+x only, nothing readable) so the server can reach its data.
 */
export async function prepareClusterFolder(paths: ClusterPaths): Promise<void> {
  mkdirSync(paths.socketDir, { recursive: true, mode: 0o700 });
  chmodSync(paths.dir, 0o700);
  if (!isRoot()) return;
  const { uid, gid } = await lookupUser(SERVER_OS_USER);
  for (const folder of [paths.dir, paths.socketDir]) chownSync(folder, uid, gid);
  for (let parent = dirname(paths.dir); ; parent = dirname(parent)) {
    const mode = statSync(parent).mode;
    if ((mode & 0o001) === 0) chmodSync(parent, (mode & 0o7777) | 0o001);
    if (dirname(parent) === parent) break;
  }
}

/** Writes a file the server user owns, mode 0600 (used for initdb's password file). */
export async function writeServerFile(path: string, content: string): Promise<void> {
  writeFileSync(path, content, { mode: 0o600 });
  if (isRoot()) {
    const { uid, gid } = await lookupUser(SERVER_OS_USER);
    chownSync(path, uid, gid);
  }
}

async function lookupUser(name: string): Promise<{ uid: number; gid: number }> {
  // Imported here: `status` reads cluster state through this module and should not load execa for it.
  const { runProcess } = await import('../../adapters/process/run.js');
  const uid = Number((await runProcess('id', ['-u', name])).stdout.trim());
  const gid = Number((await runProcess('id', ['-g', name])).stdout.trim());
  return { uid, gid };
}

/** Appends the lab's settings to postgresql.conf and replaces pg_hba.conf with password-only rules. */
export async function writeLabSettings(paths: ClusterPaths): Promise<void> {
  const socketDir = paths.socketDir.length <= MAX_SOCKET_DIR_LENGTH ? paths.socketDir : '';
  const settings = [
    '',
    '# orca-hybrid lab',
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${socketDir.replace(/'/g, "''")}'`,
    'unix_socket_permissions = 0700',
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    'max_wal_size = 1GB',
    'max_connections = 60',
    "log_line_prefix = '%m [%p] '",
    '',
  ].join('\n');
  await appendFile(join(paths.dataDir, 'postgresql.conf'), settings);
  const hba = [
    '# orca-hybrid lab: passwords everywhere (scram-sha-256), TCP on 127.0.0.1 only',
    'local   all   all                  scram-sha-256',
    'host    all   all   127.0.0.1/32   scram-sha-256',
    '',
  ].join('\n');
  await writeFile(join(paths.dataDir, 'pg_hba.conf'), hba);
}

export async function writeClusterMeta(paths: ClusterPaths, meta: { superuser: string }): Promise<void> {
  await writeFile(paths.metaFile, JSON.stringify(meta, null, 2) + '\n', { mode: 0o600 });
}

export function readClusterMeta(paths: ClusterPaths): { superuser: string } {
  try {
    const parsed = JSON.parse(readFileSync(paths.metaFile, 'utf8')) as { superuser?: unknown };
    if (typeof parsed.superuser === 'string') return { superuser: parsed.superuser };
  } catch {
    // fall through to the default
  }
  return { superuser: 'postgres' };
}

export const isInitialized = (paths: ClusterPaths): boolean => existsSync(join(paths.dataDir, 'PG_VERSION'));

/** What `postmaster.pid` says: pid, port, and whether that process is alive. Null when there is none. */
export async function readPostmasterPid(
  paths: ClusterPaths,
): Promise<{ pid: number; port: number; ready: boolean } | null> {
  let text: string;
  try {
    text = await readFile(join(paths.dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return null;
  return { pid, port, ready: (lines[7] ?? '').trim() === 'ready' };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The last lines of the server log, for an error's details. */
export async function readLogTail(paths: ClusterPaths, lines = 15): Promise<string[]> {
  try {
    const text = await readFile(paths.logFile, 'utf8');
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(-lines);
  } catch {
    return [];
  }
}

export const LAB_HOST = '127.0.0.1';

export interface ClusterStatus {
  dir: string;
  initialized: boolean;
  running: boolean;
  pid: number | null;
  port: number | null;
  host: string;
  superuser: string;
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
