/**
 * `VmDatabase` for the local emergency VM's PostgreSQL, reached directly: the entries-since check, and
 * the safety dump taken exactly as `restore` takes one (a verified, cataloged backup of the database).
 */
import type { DatabaseConfig } from '../../core/config-schema.js';
import type { VmDatabase } from '../../core/hypervisor.js';
import type { BackupFolder } from '../../core/ports.js';
import { PostgresRestoreTarget } from './restore-target.js';
import { countEntriesSince } from './vm-entries.js';

export class PostgresVmDatabase implements VmDatabase {
  constructor(
    private readonly db: DatabaseConfig,
    private readonly folder: BackupFolder,
  ) {}

  entriesSince(since: Date | null, signal?: AbortSignal): Promise<{ rows: number; tables: string[] }> {
    return countEntriesSince(this.db, 'localEmergency', since, signal);
  }

  takeSafetyDump(signal?: AbortSignal): Promise<string> {
    return new PostgresRestoreTarget('localEmergency', this.db, { folder: this.folder }).takeSafetyDump(signal);
  }
}
