/**
 * The write side of the local backup catalog (ARCHITECTURE.md "Backups"): `<folder>/<env>/<id>.dump` plus
 * the sidecar `<id>.json`. Order of a commit: verify → fsync → rename `.partial` to `.dump` → sidecar
 * (atomic) → fsync the folder. A dump without its sidecar is not an entry, so a crash at any point leaves
 * the catalog as it was or with the new entry complete. Files 0600, folders 0700.
 */
import { chmod, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupSidecar, CatalogEntry } from '../../core/backup-catalog.js';
import type { EnvironmentName } from '../../core/config-schema.js';
import { isBackupId } from '../../core/domain.js';
import { UsageError } from '../../core/errors.js';
import { renameRetriedOnWindows, replaceFileAtomically, syncFolder } from './atomic-write.js';
import { verifyDumpFile, type VerifiedDump, type VerifyOptions } from './dump-verify.js';
import { ensurePrivateDir } from './private-files.js';

export const PARTIAL_SUFFIX = '.dump.partial';

export interface CatalogPaths {
  dir: string;
  dump: string;
  sidecar: string;
  partial: string;
}

/** Where backup `id` of `env` lives; refuses an id that could leave the folder. */
export function catalogPaths(folder: string, env: EnvironmentName, id: string): CatalogPaths {
  if (!isBackupId(id)) throw new UsageError({ key: 'cloud.invalidBackupId', params: { id: id.slice(0, 140) } });
  const dir = join(folder, env);
  return {
    dir,
    dump: join(dir, `${id}.dump`),
    sidecar: join(dir, `${id}.json`),
    partial: join(dir, `${id}${PARTIAL_SUFFIX}`),
  };
}

/** Creates `<folder>` and `<folder>/<env>` (0700) and returns the paths of `id`. */
export async function prepareCatalogPaths(folder: string, env: EnvironmentName, id: string): Promise<CatalogPaths> {
  const paths = catalogPaths(folder, env, id);
  await ensurePrivateDir(folder);
  await ensurePrivateDir(paths.dir);
  return paths;
}

export interface CommitInput {
  folder: string;
  env: EnvironmentName;
  id: string;
  /** The verified file to commit (any name in the env folder; usually `<id>.dump.partial`). */
  file: string;
  /** The source's metadata time (server `createdAt`, or when a local dump started). */
  createdAt: string;
  verified: VerifiedDump;
}

/** Makes a verified file a catalog entry: fsync, rename, sidecar. Returns the entry. */
export async function commitVerifiedDump(input: CommitInput): Promise<CatalogEntry> {
  const paths = await prepareCatalogPaths(input.folder, input.env, input.id);
  await chmod(input.file, 0o600);
  const handle = await open(input.file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  // Windows: the scanner that reads a dump just written may hold it for a moment.
  await renameRetriedOnWindows(input.file, paths.dump);
  await syncFolder(paths.dir);
  const { header, entries } = input.verified.listing;
  const sidecar: BackupSidecar = {
    id: input.id,
    source: input.env,
    createdAt: new Date(input.createdAt).toISOString(),
    size: input.verified.size,
    sha256: input.verified.sha256,
    verified: true,
    verifiedAt: new Date().toISOString(),
    archiveVersion: header.dumpVersion,
    dumpedFrom: header.dumpedFrom?.slice(0, 64) ?? null,
    dumpedBy: header.dumpedBy?.slice(0, 64) ?? null,
    tocEntries: header.tocEntries ?? entries.length,
  };
  await replaceFileAtomically(paths.sidecar, JSON.stringify(sidecar, null, 2) + '\n');
  return { ...sidecar, dumpPath: paths.dump };
}

export interface AddDumpInput {
  folder: string;
  env: EnvironmentName;
  id: string;
  /** A finished dump file (e.g. `dumpDatabase`'s `.partial`); renamed into the catalog when it passes. */
  file: string;
  createdAt: string;
  /** Metadata to compare with (a download); null for a dump made here. */
  expected?: { size: number; sha256: string } | null;
  sha256?: string;
  signal?: AbortSignal;
  onStep?: VerifyOptions['onStep'];
  localRestoreVersion?: VerifyOptions['localRestoreVersion'];
  tools?: VerifyOptions['tools'];
}

/**
 * Verifies `file` (size, sha256, magic, archive version, `pg_restore --list`, full read) and commits it.
 * On a verification failure the file is deleted and the error rethrown; the catalog is unchanged.
 * For other code that lands dumps (restore's safety dump): `dumpDatabase` into `catalogPaths(...).dump`,
 * then `addVerifiedDump` with its `.partial`.
 */
export async function addVerifiedDump(input: AddDumpInput): Promise<CatalogEntry> {
  let verified: VerifiedDump;
  try {
    verified = await verifyDumpFile(input.file, {
      expected: input.expected ?? null,
      sha256: input.sha256,
      signal: input.signal,
      onStep: input.onStep,
      localRestoreVersion: input.localRestoreVersion,
      tools: input.tools,
    });
  } catch (error) {
    await rm(input.file, { force: true });
    throw error;
  }
  return commitVerifiedDump({
    folder: input.folder,
    env: input.env,
    id: input.id,
    file: input.file,
    createdAt: input.createdAt,
    verified,
  });
}

/** Deletes entries: the dump first (the entry vanishes at once), then the sidecar. */
export async function removeCatalogEntries(entries: CatalogEntry[]): Promise<void> {
  for (const entry of entries) {
    await rm(entry.dumpPath, { force: true });
    await rm(entry.dumpPath.replace(/\.dump$/, '.json'), { force: true });
  }
}

/** Deletes `<id>.dump.partial` files in `<folder>/<env>` except `keepId`'s; returns the names removed. */
export async function removeStalePartials(
  folder: string,
  env: EnvironmentName,
  keepId: string | null,
): Promise<string[]> {
  const dir = join(folder, env);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((n) => n.endsWith(PARTIAL_SUFFIX) && n !== `${keepId ?? ''}${PARTIAL_SUFFIX}`);
  for (const name of stale) await rm(join(dir, name), { force: true });
  return stale;
}
