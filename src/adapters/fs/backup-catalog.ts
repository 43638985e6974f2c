import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { sidecarSchema, type CatalogEntry } from '../../core/backup-catalog.js';
import { ENVIRONMENT_NAMES } from '../../core/config-schema.js';
import { readTextNoFollow } from './no-follow.js';

export interface CatalogReadResult {
  entries: CatalogEntry[];
  /** Sidecars that could not be read or failed validation: reported, never trusted. */
  damaged: string[];
  /**
   * Sidecars whose dump file is gone (deleted by hand, or a crash between deleting a dump and its sidecar):
   * listed so people see them, never restored, and a `sync` fetches the backup again.
   */
  missing: CatalogEntry[];
}

/**
 * Reads every sidecar under `<folder>/<env>/`. A missing folder is an empty catalog. A dump whose size no
 * longer matches its sidecar is returned marked damaged (`check: size`) even before anyone wrote that down:
 * a stat per entry is cheap, and a truncated or replaced file must never count as the newest backup.
 */
export async function readCatalog(folder: string, now: Date = new Date()): Promise<CatalogReadResult> {
  const result: CatalogReadResult = { entries: [], damaged: [], missing: [] };
  for (const env of ENVIRONMENT_NAMES) {
    const dir = join(folder, env);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const dumps = new Set(names.filter((n) => n.endsWith('.dump')));
    for (const name of names.filter((n) => n.endsWith('.json'))) {
      const path = join(dir, name);
      const parsed = sidecarSchema.safeParse(await readJson(path));
      const id = name.slice(0, -'.json'.length);
      if (!parsed.success || parsed.data.id !== id) {
        result.damaged.push(path);
        continue;
      }
      const entry: CatalogEntry = { ...parsed.data, dumpPath: join(dir, `${id}.dump`) };
      if (!dumps.has(`${id}.dump`)) {
        result.missing.push(entry);
        continue;
      }
      result.entries.push(entry.damaged ? entry : await withSizeCheck(entry, now));
    }
  }
  return result;
}

async function withSizeCheck(entry: CatalogEntry, now: Date): Promise<CatalogEntry> {
  const size = await stat(entry.dumpPath).then(
    (s) => s.size,
    () => null,
  );
  if (size === entry.size) return entry;
  const found = size === null ? 'unreadable' : `${size} bytes`;
  return {
    ...entry,
    damaged: { at: now.toISOString(), check: 'size', detail: `expected ${entry.size} bytes, found ${found}` },
  };
}

async function readJson(path: string): Promise<unknown> {
  try {
    // Never through a link: a planted sidecar must not vouch for a dump (it reads as a damaged sidecar).
    return JSON.parse(await readTextNoFollow(path)) as unknown;
  } catch {
    return undefined;
  }
}
