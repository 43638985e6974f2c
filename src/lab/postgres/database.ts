/** Databases inside a lab cluster, created over a superuser connection. */
import pg from 'pg';
import { UsageError } from '../../core/errors.js';

export interface ClusterConnection {
  host: string;
  port: number;
  user: string;
  password: string;
}

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function quoteName(name: string): string {
  if (!DATABASE_NAME.test(name)) throw new UsageError({ key: 'lab.cluster.badDatabaseName', params: { name } });
  return `"${name}"`;
}

async function withAdmin<T>(conn: ClusterConnection, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...conn, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `name` like WebORCA's installer does (`createdb -lC -Ttemplate0 -EUTF-8`): template0, UTF8,
 * locale C. Returns false when it already existed.
 */
export async function createDatabase(
  conn: ClusterConnection,
  name: string,
  options: { owner?: string } = {},
): Promise<boolean> {
  const quoted = quoteName(name);
  return withAdmin(conn, async (client) => {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    const owner = options.owner === undefined ? '' : ` OWNER ${quoteName(options.owner)}`;
    await client.query(
      `CREATE DATABASE ${quoted}${owner} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`,
    );
    return true;
  });
}

/** Drops `name` if it exists, closing other sessions on it first. */
export async function dropDatabase(conn: ClusterConnection, name: string): Promise<void> {
  const quoted = quoteName(name);
  await withAdmin(conn, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
  });
}
