/**
 * The hybrid mode of a directly reached environment (the local emergency VM, an on-premises operating
 * server), kept in a small table the tool owns in that environment's database: `orca_hybrid.mode`, one row,
 * in its own schema so that nothing of ORCA's is touched (docs/switch.md). A WebORCA that reads it reports
 * it in `X-Hybridmode` (the lab's stand-in does); ORCA itself never looks at it. A restore replaces the
 * database and with it the table: `restore` tells the environment its mode again afterwards.
 */
import { MODES, type Mode } from '../../core/domain.js';
import { ConfigError } from '../../core/errors.js';
import { withTransaction, type PgClient } from './connect.js';

export const MODE_SCHEMA = 'orca_hybrid';
export const MODE_TABLE = `${MODE_SCHEMA}.mode`;

const CREATE_SQL = [
  `CREATE SCHEMA IF NOT EXISTS ${MODE_SCHEMA}`,
  `CREATE TABLE IF NOT EXISTS ${MODE_TABLE} (
     singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
     mode text NOT NULL CHECK (mode IN ('normal', 'emergency', 'recovery')),
     reason text NOT NULL DEFAULT '',
     request_id text NOT NULL DEFAULT '',
     changed_at timestamptz NOT NULL DEFAULT now()
   )`,
  `COMMENT ON TABLE ${MODE_TABLE} IS 'orca-hybrid: the hybrid mode this environment was told (not part of ORCA)'`,
];

/** PostgreSQL's "insufficient privilege". */
const INSUFFICIENT_PRIVILEGE = '42501';

/** The recorded mode, or null when the table does not exist (never switched, or replaced by a restore). */
export async function readModeTable(client: PgClient): Promise<Mode | null> {
  const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('${MODE_TABLE}')::text AS t`);
  if (exists.rows[0]?.t == null) return null;
  const row = await client.query<{ mode: unknown }>(`SELECT mode FROM ${MODE_TABLE} WHERE singleton`);
  const mode = row.rows[0]?.mode;
  // Untrusted like any answer: the CHECK keeps it clean unless someone changed the table by hand.
  return typeof mode === 'string' && (MODES as readonly string[]).includes(mode) ? (mode as Mode) : null;
}

/**
 * Records `mode` (creating schema and table on first use) in one transaction. A database user without the
 * right to create the schema gets a ConfigError (exit 2) that says what to grant.
 */
export async function writeModeTable(
  client: PgClient,
  change: { mode: Mode; reason: string; requestId: string },
  names: { env: string; user: string; database: string },
): Promise<void> {
  try {
    await withTransaction(client, async (tx) => {
      for (const sql of CREATE_SQL) await tx.query(sql);
      await tx.query(
        `INSERT INTO ${MODE_TABLE} (singleton, mode, reason, request_id) VALUES (true, $1, $2, $3)
         ON CONFLICT (singleton) DO UPDATE
           SET mode = EXCLUDED.mode, reason = EXCLUDED.reason, request_id = EXCLUDED.request_id, changed_at = now()`,
        [change.mode, change.reason.slice(0, 500), change.requestId.slice(0, 128)],
      );
    });
  } catch (error) {
    if ((error as { code?: unknown }).code !== INSUFFICIENT_PRIVILEGE) throw error;
    throw new ConfigError({
      key: 'mode.tableDenied',
      params: { ...names, schema: MODE_SCHEMA },
      hintKey: 'mode.tableDenied.hint',
      hintParams: { ...names, schema: MODE_SCHEMA },
      cause: error,
    });
  }
}
