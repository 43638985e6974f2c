/**
 * Checks of the local backup catalog that every `sync`/`backup` test makes after each run: every entry is
 * verified and its dump really has the recorded size and sha256; no stray `.dump` is visible without its
 * sidecar; files are 0600 and folders 0700.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readCatalog } from '../../src/adapters/fs/backup-catalog.js';
import type { CatalogEntry } from '../../src/core/backup-catalog.js';

export async function soundCatalog(folder: string): Promise<CatalogEntry[]> {
  const { entries, damaged } = await readCatalog(folder);
  expect(damaged).toEqual([]);
  for (const entry of entries) {
    expect([entry.id, entry.verified, entry.damaged ?? null]).toEqual([entry.id, true, null]);
    const bytes = readFileSync(entry.dumpPath);
    expect(bytes.length).toBe(entry.size);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry.sha256);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('PGDMP');
  }
  for (const env of safeList(folder)) {
    const names = safeList(join(folder, env));
    for (const dump of names.filter((n) => n.endsWith('.dump'))) {
      expect([dump, names.includes(dump.replace(/\.dump$/, '.json'))]).toEqual([dump, true]);
    }
  }
  return entries;
}

/** Every file under `folder` is 0600 and every folder 0700 (the folder itself included). */
export function expectPrivate(folder: string): void {
  expect([folder, statSync(folder).mode & 0o777]).toEqual([folder, 0o700]);
  for (const name of safeList(folder)) {
    const path = join(folder, name);
    const info = statSync(path);
    if (info.isDirectory()) expectPrivate(path);
    else expect([path, info.mode & 0o777]).toEqual([path, 0o600]);
  }
}

export function idsOf(entries: CatalogEntry[]): string[] {
  return entries.map((e) => e.id).sort();
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
