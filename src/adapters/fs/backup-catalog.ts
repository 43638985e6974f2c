import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sidecarSchema, type CatalogEntry } from '../../core/backup-catalog.js';
import { ENVIRONMENT_NAMES } from '../../core/config-schema.js';

export interface CatalogReadResult {
  entries: CatalogEntry[];
  /** Sidecars that could not be read or failed validation: reported, never trusted. */
  damaged: string[];
}

/**
 * Reads every sidecar under `<folder>/<env>/`. A missing folder is an empty catalog. A sidecar whose
 * dump is missing is not an entry (the rename of the dump is the commit; the sidecar follows it).
 */
export async function readCatalog(folder: string): Promise<CatalogReadResult> {
  const entries: CatalogEntry[] = [];
  const damaged: string[] = [];
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
        damaged.push(path);
        continue;
      }
      if (!dumps.has(`${id}.dump`)) continue;
      entries.push({ ...parsed.data, dumpPath: join(dir, `${id}.dump`) });
    }
  }
  return { entries, damaged };
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
