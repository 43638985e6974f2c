/**
 * ANALYZE of every table of a database over several connections, largest tables first (as `vacuumdb
 * --analyze-only -j`): on a freshly restored database it costs nearly as much as the restore itself when
 * run on one connection. The restore runs it on the staging database, so WebORCA never sees the restored
 * database without planner statistics.
 */
import type { DatabaseConfig } from '../../core/config-schema.js';
import { connectDatabase } from './connect.js';

export async function analyzeInParallel(
  db: DatabaseConfig,
  database: string,
  opts: { env: string; jobs: number; signal?: AbortSignal },
): Promise<void> {
  const first = await connectDatabase(db, { database, env: opts.env, signal: opts.signal });
  const clients = [first];
  try {
    const { rows } = await first.query<{ name: string }>(
      `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
        ORDER BY pg_total_relation_size(c.oid) DESC`,
    );
    const queue = rows.map((r) => r.name);
    const workers = Math.max(1, Math.min(opts.jobs, queue.length));
    const more = await Promise.allSettled(
      Array.from({ length: workers - 1 }, () => connectDatabase(db, { database, env: opts.env, signal: opts.signal })),
    );
    for (const r of more) if (r.status === 'fulfilled') clients.push(r.value);
    for (const r of more) if (r.status === 'rejected') throw r.reason;
    await Promise.all(
      clients.map(async (client) => {
        for (let table = queue.shift(); table !== undefined; table = queue.shift())
          await client.query(`ANALYZE ${table}`);
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
  }
}
