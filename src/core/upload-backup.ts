/**
 * Resumable upload of a verified dump to a cloud environment (docs/cloud-api.md "Backups: uploading"):
 * HEAD first (already there → done; a partial of the same file → resume from its offset), then PUT the
 * rest; the server verifies the sha256 before it publishes. Transport failures re-HEAD and resume until
 * the deadline; the server's 409/422 answers are handled as the contract says.
 */
import type { CatalogEntry } from './backup-catalog.js';
import { PartialError, UnreachableError, isOrcaError } from './errors.js';
import type { CloudBackupApi, TransferProgress } from './ports.js';

export type UploadResult = 'stored' | 'alreadyPresent';

const MAX_ATTEMPTS = 6;

export interface UploadOptions {
  deadlineAt: number;
  signal?: AbortSignal;
  onProgress?: (progress: TransferProgress) => void;
  /** Waits between attempts (tests pass a short one). */
  pauseMs?: number;
}

/**
 * Uploads `entry` unless the environment already holds it. Throws PartialError (exit 8) when the
 * environment holds another file under the same id or keeps refusing; UnreachableError when it stays
 * unreachable until the deadline. Never deletes or overwrites anything on the server.
 */
export async function uploadBackupResumably(
  api: CloudBackupApi,
  entry: CatalogEntry,
  options: UploadOptions,
): Promise<UploadResult> {
  const params = { env: api.env, id: entry.id };
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (Date.now() >= options.deadlineAt) break;
    try {
      const head = await api.headBackup(entry.id, options.signal);
      if (head.state === 'complete') {
        if (head.sha256 === entry.sha256 && head.size === entry.size) return 'alreadyPresent';
        throw new PartialError({ key: 'sync.uploadConflict', params, hintKey: 'sync.uploadConflict.hint' });
      }
      const resumeFrom =
        head.state === 'partial' &&
        head.sha256 === entry.sha256 &&
        head.length === entry.size &&
        head.offset < entry.size
          ? head.offset
          : 0;
      options.onProgress?.({ bytes: resumeFrom, total: entry.size });
      const outcome = await api.uploadBackup(entry.id, entry.dumpPath, entry.sha256, {
        resumeFrom: resumeFrom > 0 ? resumeFrom : undefined,
        signal: options.signal,
        onProgress: (bytes) => options.onProgress?.({ bytes, total: entry.size }),
      });
      if (outcome.kind === 'stored' || outcome.kind === 'alreadyPresent') return outcome.kind;
      if (outcome.kind === 'conflict' && outcome.code === 'BACKUP_EXISTS') {
        throw new PartialError({ key: 'sync.uploadConflict', params, hintKey: 'sync.uploadConflict.hint' });
      }
      // UPLOAD_OFFSET_MISMATCH / UPLOAD_IN_PROGRESS / 422 (the server discarded a corrupted partial): HEAD again.
      lastError = new PartialError({
        key: 'sync.uploadRefused',
        params: { ...params, code: outcome.code },
        hintKey: 'sync.uploadRefused.hint',
      });
    } catch (error) {
      if (options.signal?.aborted) throw isOrcaError(options.signal.reason) ? options.signal.reason : error;
      if (!(error instanceof UnreachableError)) throw error;
      lastError = error;
    }
    await pause(
      Math.min(options.pauseMs ?? 500 * attempt, Math.max(0, options.deadlineAt - Date.now())),
      options.signal,
    );
  }
  if (isOrcaError(lastError)) throw lastError;
  throw new UnreachableError({ key: 'sync.deadline', params: { seconds: 0 }, hintKey: 'sync.deadline.hint' });
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
