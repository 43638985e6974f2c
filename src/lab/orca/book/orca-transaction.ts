/**
 * One screen event as ORCA's middleware runs it: a transaction at REPEATABLE READ (panda
 * `dblib/PostgreSQL.c` `PgInitConnect` sets it for every session), reads without FOR UPDATE, and whole-row
 * writes. A concurrent save that changed the same counter row makes this one fail with a serialization
 * error (SQLSTATE 40001) rather than hand out the same number.
 */
import type pg from 'pg';

export async function orcaTransaction<T>(client: pg.Client, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** What panda does once per connection: every later transaction of the session runs at REPEATABLE READ. */
export async function useOrcaIsolation(client: pg.Client): Promise<void> {
  await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ');
}
