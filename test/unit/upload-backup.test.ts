/** The resumable upload to the cloud emergency environment, against an in-memory fake of the backup API. */
import type { CatalogEntry } from '../../src/core/backup-catalog.js';
import { PartialError, UnreachableError } from '../../src/core/errors.js';
import type { CloudBackupApi, CloudBackupHead, CloudUploadOutcome } from '../../src/core/ports.js';
import { uploadBackupResumably } from '../../src/core/upload-backup.js';

const SHA = 'a'.repeat(64);
const entry: CatalogEntry = {
  id: 'b1',
  source: 'operating',
  createdAt: '2026-09-06T01:00:00Z',
  size: 1000,
  sha256: SHA,
  verified: true,
  verifiedAt: null,
  archiveVersion: '1.14-0',
  dumpedFrom: null,
  dumpedBy: null,
  tocEntries: 3,
  dumpPath: '/b/operating/b1.dump',
};
const backup = { id: 'b1', createdAt: entry.createdAt, size: 1000, sha256: SHA, format: 'pg_dump-custom' as const };

function fakeApi(heads: CloudBackupHead[], outcomes: Array<CloudUploadOutcome | Error>) {
  const calls: Array<{ resumeFrom: number | undefined }> = [];
  const api = {
    env: 'cloudEmergency',
    headBackup: async () => heads.shift() ?? { state: 'absent' },
    uploadBackup: async (_id: string, _file: string, _sha: string, options?: { resumeFrom?: number }) => {
      calls.push({ resumeFrom: options?.resumeFrom });
      const next = outcomes.shift();
      if (next instanceof Error) throw next;
      return next ?? { kind: 'stored', backup };
    },
  } as unknown as CloudBackupApi;
  return { api, calls };
}

const options = { deadlineAt: Date.now() + 60_000, pauseMs: 1 };

test('does nothing when the environment already holds the same file', async () => {
  const { api, calls } = fakeApi([{ state: 'complete', size: 1000, sha256: SHA }], []);
  await expect(uploadBackupResumably(api, entry, options)).resolves.toBe('alreadyPresent');
  expect(calls).toEqual([]);
});

test('resumes a partial of the same file from the offset the server holds', async () => {
  const { api, calls } = fakeApi(
    [{ state: 'partial', offset: 400, length: 1000, sha256: SHA }],
    [{ kind: 'stored', backup }],
  );
  await expect(uploadBackupResumably(api, entry, options)).resolves.toBe('stored');
  expect(calls).toEqual([{ resumeFrom: 400 }]);
});

test('starts over when the partial belongs to another file', async () => {
  const { api, calls } = fakeApi(
    [{ state: 'partial', offset: 400, length: 1000, sha256: 'b'.repeat(64) }],
    [{ kind: 'stored', backup }],
  );
  await uploadBackupResumably(api, entry, options);
  expect(calls).toEqual([{ resumeFrom: undefined }]);
});

test('after a broken connection it asks again where to resume', async () => {
  const reset = new UnreachableError({ key: 'http.connectionFailed', params: {} });
  const { api, calls } = fakeApi(
    [{ state: 'absent' }, { state: 'partial', offset: 700, length: 1000, sha256: SHA }],
    [reset, { kind: 'stored', backup }],
  );
  await expect(uploadBackupResumably(api, entry, options)).resolves.toBe('stored');
  expect(calls).toEqual([{ resumeFrom: undefined }, { resumeFrom: 700 }]);
});

test('an offset mismatch is re-asked; another file under the same id is never overwritten', async () => {
  const mismatch = fakeApi(
    [
      { state: 'partial', offset: 100, length: 1000, sha256: SHA },
      { state: 'partial', offset: 300, length: 1000, sha256: SHA },
    ],
    [
      { kind: 'conflict', code: 'UPLOAD_OFFSET_MISMATCH', serverOffset: 300 },
      { kind: 'stored', backup },
    ],
  );
  await expect(uploadBackupResumably(mismatch.api, entry, options)).resolves.toBe('stored');
  expect(mismatch.calls).toEqual([{ resumeFrom: 100 }, { resumeFrom: 300 }]);

  const other = fakeApi([{ state: 'complete', size: 1000, sha256: 'c'.repeat(64) }], []);
  await expect(uploadBackupResumably(other.api, entry, options)).rejects.toBeInstanceOf(PartialError);
  expect(other.calls).toEqual([]);
});

test('gives up with the last error after repeated refusals', async () => {
  const refusals = Array.from(
    { length: 10 },
    () => ({ kind: 'rejected', code: 'CHECKSUM_MISMATCH' }) as CloudUploadOutcome,
  );
  const { api, calls } = fakeApi([], refusals);
  await expect(uploadBackupResumably(api, entry, options)).rejects.toMatchObject({ key: 'sync.uploadRefused' });
  expect(calls.length).toBe(6);
});
