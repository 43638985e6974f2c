/**
 * The lab server's backup store: `<dir>/<id>.dump` with a sidecar `<id>.json`, and interrupted uploads in
 * `<dir>/.partial/` (`<id>.dump.partial` + `<id>.upload.json` with the declared length and sha256).
 * A backup becomes visible only once its checksummed dump is renamed in place and its sidecar written (the
 * commit): a listed backup is always complete. Folders 0700, files 0600.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { isBackupId } from '../../core/domain.js';
import { fsyncFile, hashFile, readDumpVersion, sizeOf } from './backup-files.js';
import { HttpError } from './http-util.js';

export const MAX_LISTED_BACKUPS = 1000;

export type BackupOrigin = 'nightly' | 'export' | 'upload';

const storedBackupSchema = z
  .object({
    id: z.string().refine(isBackupId),
    createdAt: z.string(),
    size: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: z.literal('pg_dump-custom'),
    dumpVersion: z
      .string()
      .regex(/^\d{1,2}\.\d{1,3}(-\d{1,3})?$/)
      .optional(),
    origin: z.enum(['nightly', 'export', 'upload']).optional(),
  })
  .strict();
/** A backup as the contract's `Backup` schema describes it. */
export type StoredBackup = z.infer<typeof storedBackupSchema>;

export interface PartialUpload {
  offset: number;
  length: number;
  sha256: string;
}

const partialMetaSchema = z.object({ length: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

/** Throws 400 INVALID_BACKUP_ID unless `id` is a valid backup id. */
export function assertBackupId(id: string): void {
  if (!isBackupId(id)) throw new HttpError(400, 'INVALID_BACKUP_ID', 'backup ids are [A-Za-z0-9._-]{1,128}');
}

/** `20260906T011028Z-nightly`: sortable, unique per second and origin (a suffix is added on a clash). */
export function makeBackupId(origin: BackupOrigin, at = new Date()): string {
  return `${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${origin}`;
}

export class BackupStore {
  constructor(readonly dir: string) {}

  get partialDir(): string {
    return join(this.dir, '.partial');
  }

  async init(): Promise<void> {
    await mkdir(this.partialDir, { recursive: true, mode: 0o700 });
  }

  contentPath(id: string): string {
    return join(this.dir, `${id}.dump`);
  }

  partialPath(id: string): string {
    return join(this.partialDir, `${id}.dump.partial`);
  }

  private sidecarPath(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  private partialMetaPath(id: string): string {
    return join(this.partialDir, `${id}.upload.json`);
  }

  /** Complete backups, newest `createdAt` first (ties: id descending), at most 1000. */
  async list(): Promise<StoredBackup[]> {
    const names = (await readdir(this.dir)).filter((name) => name.endsWith('.json'));
    const found: StoredBackup[] = [];
    for (const name of names) {
      const backup = await this.get(name.slice(0, -'.json'.length));
      if (backup) found.push(backup);
    }
    found.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
    return found.slice(0, MAX_LISTED_BACKUPS);
  }

  /** The backup with this id when its sidecar and dump are both there; otherwise null. */
  async get(id: string): Promise<StoredBackup | null> {
    if (!isBackupId(id)) return null;
    try {
      const parsed = storedBackupSchema.safeParse(JSON.parse(await readFile(this.sidecarPath(id), 'utf8')));
      if (!parsed.success || parsed.data.id !== id) return null;
      const info = await stat(this.contentPath(id));
      return info.size === parsed.data.size ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** A fresh id for a backup this server makes, never one already taken. */
  async newId(origin: BackupOrigin, at = new Date()): Promise<string> {
    const base = makeBackupId(origin, at);
    for (let n = 0; ; n++) {
      const id = n === 0 ? base : `${base}.${n}`;
      if (!(await this.get(id)) && (await sizeOf(this.contentPath(id))) === 0) return id;
    }
  }

  /**
   * Publishes `file` (a finished dump anywhere on the same file system) as backup `id`: checks the `PGDMP`
   * magic and, when given, the expected sha256; fsyncs; renames; writes the sidecar. Throws 422 on a mismatch.
   */
  async publish(
    id: string,
    file: string,
    origin: BackupOrigin,
    expectedSha256?: string,
    knownSha256?: string,
  ): Promise<StoredBackup> {
    const dumpVersion = await readDumpVersion(file);
    const sha256 = knownSha256 ?? (await hashFile(file));
    if (expectedSha256 !== undefined && sha256 !== expectedSha256) {
      throw new HttpError(422, 'CHECKSUM_MISMATCH', `the received bytes have sha256 ${sha256}, not the declared one`);
    }
    if (dumpVersion === null)
      throw new HttpError(422, 'NOT_A_DUMP', 'the file is not a pg_dump custom-format archive (no PGDMP magic)');
    await fsyncFile(file);
    const backup: StoredBackup = {
      id,
      createdAt: new Date().toISOString(),
      size: await sizeOf(file),
      sha256,
      format: 'pg_dump-custom',
      dumpVersion,
      origin,
    };
    await rename(file, this.contentPath(id));
    await writeFileAtomic(this.sidecarPath(id), JSON.stringify(backup, null, 2), { mode: 0o600 });
    return backup;
  }

  /** Bytes held of an interrupted upload of `id`, with what it declared; null when there is none. */
  async partial(id: string): Promise<PartialUpload | null> {
    try {
      const meta = partialMetaSchema.parse(JSON.parse(await readFile(this.partialMetaPath(id), 'utf8')));
      return { offset: await sizeOf(this.partialPath(id)), length: meta.length, sha256: meta.sha256 };
    } catch {
      return null;
    }
  }

  /** Starts an upload from byte 0: any earlier partial of `id` is discarded. */
  async beginUpload(id: string, length: number, sha256: string): Promise<void> {
    await this.discardPartial(id);
    await writeFileAtomic(this.partialMetaPath(id), JSON.stringify({ length, sha256 }), { mode: 0o600 });
  }

  async discardPartial(id: string): Promise<void> {
    await rm(this.partialPath(id), { force: true });
    await rm(this.partialMetaPath(id), { force: true });
  }

  /**
   * Publishes a completed upload (`receivedSha256`: the hash computed while receiving, if it covered every
   * byte); the partial's files are gone afterwards whatever the outcome.
   */
  async completeUpload(id: string, sha256: string, receivedSha256?: string): Promise<StoredBackup> {
    try {
      return await this.publish(id, this.partialPath(id), 'upload', sha256, receivedSha256);
    } finally {
      await this.discardPartial(id);
    }
  }
}
