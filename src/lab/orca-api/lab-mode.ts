/**
 * The lab's way to set the local emergency environment's mode without the tool (`PUT /admin/v1/localEmergency/
 * mode`, test set-ups): the same mode table `switch` writes. The lab connects as the superuser, so the schema
 * and table are handed to the database's owner afterwards — the tool's own user must be able to write them.
 */
import type { DatabaseConfig } from '../../core/config-schema.js';
import type { Mode } from '../../core/domain.js';
import { withTransaction } from '../../adapters/postgres/connect.js';
import { MODE_SCHEMA, MODE_TABLE, writeModeTable } from '../../adapters/postgres/mode-table.js';
import { withDatabase } from '../cloud/clinic-info.js';

export async function writeLabModeTable(db: DatabaseConfig, mode: Mode): Promise<void> {
  await withDatabase(db, async (client) => {
    const names = { env: 'localEmergency', user: db.user, database: db.database };
    await writeModeTable(client, { mode, reason: 'lab admin', requestId: 'lab-admin' }, names);
    await withTransaction(client, async (tx) => {
      const owner = await tx.query<{ owner: string }>(
        'SELECT quote_ident(pg_get_userbyid(datdba)) AS owner FROM pg_database WHERE datname = current_database()',
      );
      const name = owner.rows[0]!.owner;
      await tx.query(`ALTER SCHEMA ${MODE_SCHEMA} OWNER TO ${name}`);
      await tx.query(`ALTER TABLE ${MODE_TABLE} OWNER TO ${name}`);
    });
  });
}
