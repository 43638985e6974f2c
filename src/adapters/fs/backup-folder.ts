/**
 * The `BackupFolder` port over the local file system: download or dump into a `.partial`, verify, commit.
 * A dump that fails its checksum is discarded and fetched once more from byte 0 (a corruption in transit
 * is not repeated); a second failure, or any other verification failure, ends the run with the catalog
 * unchanged. A dump whose archive version the local pg_restore cannot read keeps its partial: nothing is
 * wrong with the bytes, and after a PostgreSQL client update the next run verifies it without downloading.
 */
import { rm } from 'node:fs/promises';
import type { CatalogEntry } from '../../core/backup-catalog.js';
import type { DatabaseConfig, EnvironmentName } from '../../core/config-schema.js';
import { CancelledError, VerificationError } from '../../core/errors.js';
import type {
  BackupFolder,
  BackupInfo,
  CloudBackupApi,
  FetchOptions,
  FetchStats,
  VerifyStep,
} from '../../core/ports.js';
import { readCatalog } from './backup-catalog.js';
import { downloadCancelled, downloadToPartial } from './backup-download.js';
import {
  addVerifiedDump,
  commitVerifiedDump,
  prepareCatalogPaths,
  removeCatalogEntries,
  removeStalePartials,
} from './catalog-write.js';
import type { PgTools } from '../process/pg-tools.js';
import { verifyDumpFile } from './dump-verify.js';

export interface FsBackupFolderOptions {
  /** First pause between reconnects (tests shorten it). */
  pauseMs?: number;
  /** Where pg_dump and pg_restore are (the `postgres.binDir` setting); the standard search by default. */
  pgTools?: PgTools;
}

export class FsBackupFolder implements BackupFolder {
  /** The local pg_restore's version, asked once in this folder's lifetime (a failure is asked again). */
  private readonly localRestoreVersion = rememberSuccess(async () =>
    // Loaded after a download: the process runner (execa) need not sit in memory while bytes stream.
    (await import('../postgres/dump-tool.js')).localPgRestoreVersion(this.options.pgTools),
  );

  constructor(
    readonly folder: string,
    private readonly options: FsBackupFolderOptions = {},
  ) {}

  read(): Promise<{ entries: CatalogEntry[]; damaged: string[] }> {
    return readCatalog(this.folder);
  }

  async fetch(
    env: EnvironmentName,
    source: CloudBackupApi,
    backup: BackupInfo,
    options: FetchOptions,
  ): Promise<{ entry: CatalogEntry; stats: FetchStats }> {
    const paths = await prepareCatalogPaths(this.folder, env, backup.id);
    const expected = { size: backup.size, sha256: backup.sha256 };
    for (let round = 1; ; round++) {
      const downloaded = await downloadToPartial(source, backup, paths.partial, {
        deadlineAt: options.deadlineAt,
        signal: options.signal,
        onProgress: options.onProgress,
        pauseMs: this.options.pauseMs,
      });
      try {
        const verified = await verifyDumpFile(paths.partial, {
          expected,
          sha256: downloaded.sha256,
          signal: options.signal,
          onStep: options.onStep,
          localRestoreVersion: this.localRestoreVersion,
          tools: this.options.pgTools,
        });
        const entry = await commitVerifiedDump({
          folder: this.folder,
          env,
          id: backup.id,
          file: paths.partial,
          createdAt: backup.createdAt,
          verified,
        });
        return { entry, stats: { ...downloaded.stats, restarted: downloaded.stats.restarted || round > 1 } };
      } catch (error) {
        if (error instanceof VerificationError && error.key === 'verify.archiveTooNew') throw error;
        // Ctrl-C while verifying: the bytes are sound as far as anyone knows; the next run verifies them again.
        if (error instanceof CancelledError) throw downloadCancelled(backup, downloaded.size, error);
        await rm(paths.partial, { force: true });
        const retry =
          error instanceof VerificationError &&
          error.key === 'verify.checksumMismatch' &&
          round === 1 &&
          Date.now() < options.deadlineAt;
        if (!retry) throw error;
        options.onRefetch?.(error.key);
      }
    }
  }

  async dump(
    env: EnvironmentName,
    db: DatabaseConfig,
    id: string,
    options: { signal?: AbortSignal; onStep?: (step: VerifyStep) => void } = {},
  ): Promise<{ entry: CatalogEntry }> {
    const paths = await prepareCatalogPaths(this.folder, env, id);
    const createdAt = new Date().toISOString();
    const { dumpDatabase } = await import('../postgres/dump-tool.js');
    const { partialFile } = await dumpDatabase(db, paths.dump, {
      env,
      signal: options.signal,
      tools: this.options.pgTools,
    });
    const entry = await addVerifiedDump({
      folder: this.folder,
      env,
      id,
      file: partialFile,
      createdAt,
      signal: options.signal,
      onStep: options.onStep,
      localRestoreVersion: this.localRestoreVersion,
      tools: this.options.pgTools,
    });
    return { entry };
  }

  remove(entries: CatalogEntry[]): Promise<void> {
    return removeCatalogEntries(entries);
  }

  removeStalePartials(env: EnvironmentName, keepId: string | null): Promise<string[]> {
    return removeStalePartials(this.folder, env, keepId);
  }
}

/** `load`'s answer, remembered once it succeeded; a failure is not remembered (the next call asks again). */
function rememberSuccess<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}
