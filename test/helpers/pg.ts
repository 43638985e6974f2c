/**
 * One real PostgreSQL cluster for one test file: a temp folder, a random superuser password, a free port.
 * `stop()` stops the server and deletes the folder.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/core/config-schema.js';
import { initCluster, startCluster, stopCluster, LAB_HOST } from '../../src/lab/postgres/cluster.js';

export interface TestCluster {
  dir: string;
  port: number;
  host: string;
  superuser: string;
  /** Same as `superuser`, so the object is a `ClusterConnection`. */
  user: string;
  password: string;
  /** A connected client on `database` (the caller ends it). */
  connect(database: string): Promise<pg.Client>;
  /** How the tool's configuration reaches `database` as the superuser (no TLS). */
  databaseConfig(database: string): DatabaseConfig;
  stop(): Promise<void>;
}

export async function startTestCluster(): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'orca-test-pg-'));
  chmodSync(dir, 0o711);
  const clusterDir = join(dir, 'cluster');
  const password = randomBytes(12).toString('hex');
  try {
    await initCluster(clusterDir, { superPassword: password });
    const status = await startCluster(clusterDir);
    const port = status.port ?? 0;
    return {
      dir: clusterDir,
      port,
      host: LAB_HOST,
      superuser: status.superuser,
      user: status.superuser,
      password,
      async connect(database: string) {
        const client = new pg.Client({ host: LAB_HOST, port, user: status.superuser, password, database });
        await client.connect();
        return client;
      },
      databaseConfig: (database) => ({
        host: LAB_HOST,
        port,
        database,
        user: status.superuser,
        password,
        sslmode: 'disable',
      }),
      async stop() {
        await stopCluster(clusterDir);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await stopCluster(clusterDir).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
