/**
 * `VmDatabase` for the local emergency VM's PostgreSQL, reached directly: the entries-since check, the
 * safety dump (a verified, cataloged backup, named like the restore's), and the databases earlier restores
 * kept, which a snapshot would discard with the rest of the disk.
 */
import type { DatabaseConfig } from '../../core/config-schema.js';
import type { VmDatabase } from '../../core/hypervisor.js';
import type { BackupFolder } from '../../core/ports.js';
import { makeDumpId } from '../../core/sync-plan.js';
import { PostgresKeptDatabases } from './restore-kept.js';
import { countEntriesSince } from './vm-entries.js';

export class PostgresVmDatabase implements VmDatabase {
  private readonly kept: PostgresKeptDatabases;

  constructor(
    private readonly db: DatabaseConfig,
    private readonly folder: BackupFolder,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.kept = new PostgresKeptDatabases('localEmergency', db, folder, now);
  }

  entriesSince(since: Date | null, signal?: AbortSignal): Promise<{ rows: number; tables: string[] }> {
    return countEntriesSince(this.db, 'localEmergency', since, signal);
  }

  async takeSafetyDump(signal?: AbortSignal): Promise<string> {
    const id = `${makeDumpId('localEmergency', this.now())}-safety`;
    return (await this.folder.dump('localEmergency', this.db, id, { signal })).entry.id;
  }

  async keptWithoutDump(signal?: AbortSignal): Promise<string[]> {
    return (await this.kept.list(signal)).filter((k) => k.dumpId === null).map((k) => k.name);
  }

  dumpKept(name: string, signal?: AbortSignal): Promise<string> {
    return this.kept.dump(name, signal);
  }
}
