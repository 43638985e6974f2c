/**
 * A configured world for `restore` / `bump-seq` tests: a temp folder with a config file (0600) whose
 * environments point at test databases, a backup folder, a state folder, and a runner of the built binary.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../src/core/config-schema.js';
import type { CatalogEntry } from '../../src/core/backup-catalog.js';
import type { EnvironmentName } from '../../src/core/domain.js';
import { FsBackupFolder } from '../../src/adapters/fs/backup-folder.js';
import { generateClinic } from '../../src/lab/orca/generator.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { runCli, type CliRun } from './cli.js';
import { configTree, writeConfigFile, type CloudEnvironment, type DatabaseEnvironment } from './config-builder.js';
import { journalLines, readState, writeState } from './state-files.js';
import type { TestCluster } from './pg.js';

export const CLINIC_CODE = '1312345678';
export const CLINIC_NAME = 'テスト内科クリニック';

/** A cloud environment in the config: the lab server's URL and the files of its client certificate. */
export interface CloudSettings {
  url: string;
  user: string;
  apiKey: string;
  certFile: string;
  keyFile: string;
  caFile: string;
}

export interface WorldSettings {
  operating: DatabaseConfig | CloudSettings;
  localEmergency: DatabaseConfig;
  cloudEmergency?: CloudSettings;
  sequences?: { margin?: number; lastKnownMargin?: number };
}

export interface RestoreWorld {
  dir: string;
  configFile: string;
  stateDir: string;
  backupFolder: string;
  folder: FsBackupFolder;
  run(args: string[], options?: { timeoutMs?: number }): Promise<CliRun>;
  /** `pg_dump` of `db` into the catalog as a verified backup of `source`. */
  catalog(source: EnvironmentName, db: DatabaseConfig, id: string): Promise<CatalogEntry>;
  writeState(state: Record<string, unknown>): Promise<void>;
  readState(): Promise<Record<string, unknown>>;
  journal(): Promise<Array<Record<string, unknown>>>;
  cleanup(): Promise<void>;
}

export function dbConfig(cluster: TestCluster, database: string): DatabaseConfig {
  return {
    host: cluster.host,
    port: cluster.port,
    database,
    user: cluster.user,
    password: cluster.password,
    sslmode: 'disable',
  };
}

/** A small generated clinic (30 patients, 20 days up to 2026-03-01) in a new database `name`. */
export async function clinicDatabase(
  cluster: TestCluster,
  name: string,
  seed: number,
  code = CLINIC_CODE,
): Promise<void> {
  await createDatabase(cluster, name);
  const client = await cluster.connect(name);
  try {
    await generateClinic(client, {
      patients: 30,
      days: 20,
      seed,
      institutionCode: code,
      clinicName: CLINIC_NAME,
      endDate: '20260301',
    });
  } finally {
    await client.end();
  }
}

const deadCloud: CloudSettings = {
  url: 'https://127.0.0.1:9',
  user: 'nobody',
  apiKey: 'x',
  certFile: '',
  keyFile: '',
  caFile: '',
};

function environment(settings: DatabaseConfig | CloudSettings): CloudEnvironment | DatabaseEnvironment {
  if (!('url' in settings)) return { ...settings };
  const { certFile, keyFile, ...cloud } = settings;
  return { ...cloud, ...(certFile ? { clientCertificate: { certFile, keyFile } } : {}) };
}

export async function createWorld(settings: WorldSettings): Promise<RestoreWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'orca-restore-test-'));
  const stateDir = join(dir, 'state');
  const backupFolder = join(dir, 'backups');
  const configFile = join(dir, 'orca-hybrid.json');
  const tree = configTree({
    clinic: { institutionCode: CLINIC_CODE, name: CLINIC_NAME },
    operating: environment(settings.operating),
    cloudEmergency: environment(settings.cloudEmergency ?? deadCloud) as CloudEnvironment,
    localEmergency: environment(settings.localEmergency) as DatabaseEnvironment,
    backupFolder,
    sequences: settings.sequences ?? {},
    sync: { requestTimeoutSeconds: 10, deadlineMinutes: 2 },
    stateDir,
  });
  writeConfigFile(configFile, tree);
  const folder = new FsBackupFolder(backupFolder);
  return {
    dir,
    configFile,
    stateDir,
    backupFolder,
    folder,
    run: (args, options = {}) =>
      runCli(['--config', configFile, ...args], { cwd: dir, timeoutMs: options.timeoutMs ?? 90_000 }),
    catalog: async (source, db, id) => (await folder.dump(source, db, id)).entry,
    writeState: async (state) => writeState(stateDir, state),
    readState: async () => readState(stateDir),
    journal: async () => journalLines(stateDir) as unknown as Array<Record<string, unknown>>,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
