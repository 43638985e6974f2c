/**
 * `restore --drop-kept`: the databases earlier restores replaced and kept (no verified dump of them
 * existed) are dumped into the catalog — verified — and only then dropped. Nothing is dropped without a
 * verified copy, and nothing without the go-ahead.
 */
import type { EnvironmentName } from './domain.js';
import type { KeptDatabase, KeptDatabases } from './ports.js';

export interface DropKeptPorts {
  kept: KeptDatabases;
  /** The go-ahead for the list; throws (CancelledError, UsageError naming `--yes`) to stop. */
  confirm(databases: KeptDatabase[]): Promise<void>;
  /** Called before a database without a dump is dumped. */
  dumping?(database: KeptDatabase): void;
}

export interface DropKeptReport {
  env: EnvironmentName;
  dropped: Array<{ name: string; dumpId: string }>;
}

/** Dumps (when needed) and drops every kept database of `env`, in the order they were kept. */
export async function dropKeptDatabases(
  env: EnvironmentName,
  ports: DropKeptPorts,
  signal?: AbortSignal,
): Promise<DropKeptReport> {
  const databases = await ports.kept.list(signal);
  const report: DropKeptReport = { env, dropped: [] };
  if (databases.length === 0) return report;
  await ports.confirm(databases);
  for (const database of databases) {
    let dumpId = database.dumpId;
    if (dumpId === null) {
      ports.dumping?.(database);
      dumpId = await ports.kept.dump(database.name, signal);
    }
    await ports.kept.drop(database.name, signal);
    report.dropped.push({ name: database.name, dumpId });
  }
  return report;
}
