/**
 * When no PostgreSQL program found is new enough — a dump's archive version newer than every pg_restore, a
 * server newer than every pg_dump — the error names each copy found and every place searched (a host made of
 * data: a Windows PC with PostgreSQL 15 in its standard folder and a Japanese user folder on PATH).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyDumpFile } from '../../src/adapters/fs/dump-verify.js';
import { mapClientToolError } from '../../src/adapters/postgres/dump-tool.js';
import { PgTools } from '../../src/adapters/process/pg-tools.js';
import { ProcessError } from '../../src/adapters/process/run.js';
import { GuardError, VerificationError } from '../../src/core/errors.js';
import { fakeHost } from '../helpers/fake-host.js';

const tools = new PgTools({
  host: fakeHost({
    platform: 'win32',
    env: { Path: 'C:\\Users\\山田 太郎\\bin', PATHEXT: '.COM;.EXE', ProgramFiles: 'C:\\Program Files' },
    programs: {
      'C:\\Program Files\\PostgreSQL\\15\\bin\\pg_restore.exe': { version: '15.8' },
      'C:\\Program Files\\PostgreSQL\\15\\bin\\pg_dump.exe': { version: '15.8' },
    },
  }),
});
const searched = ['- C:\\Users\\山田 太郎\\bin', '- C:\\Program Files\\PostgreSQL\\<major>\\bin'];

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'orca-shortfall-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('an archive newer than every pg_restore: which were found, where the search looked, what to install', async () => {
  const file = join(dir, 'pg17.dump');
  // The custom-format header of a PostgreSQL 17 dump: PGDMP, archive version 1.16.
  writeFileSync(file, Buffer.concat([Buffer.from('PGDMP'), Buffer.from([1, 16, 0]), Buffer.alloc(64)]));
  const error = (await verifyDumpFile(file, {
    expected: null,
    tools,
    localRestoreVersion: async () => ({ version: '15.8', major: 15 }),
  }).catch((e: unknown) => e)) as VerificationError;
  expect(error).toBeInstanceOf(VerificationError);
  expect(error.key).toBe('verify.archiveTooNew');
  expect(error.params).toMatchObject({ version: '1.16', local: '15.8', needed: '17' });
  expect(error.details).toEqual(['C:\\Program Files\\PostgreSQL\\15\\bin\\pg_restore.exe (15.8)', ...searched]);
});

test('a server newer than every pg_dump: the refusal lists the pg_dump found and the places searched', async () => {
  const mismatch = new ProcessError({
    key: 'process.failed',
    command: 'pg_dump',
    processExitCode: 1,
    stderrTail: ['pg_dump: error: aborting because of server version mismatch'],
  });
  const error = mapClientToolError(mismatch, {} as never, 'operating', await tools.describeSearch('pg_dump'));
  expect(error).toBeInstanceOf(GuardError);
  expect(error.details).toEqual([
    'pg_dump: error: aborting because of server version mismatch',
    'C:\\Program Files\\PostgreSQL\\15\\bin\\pg_dump.exe (15.8)',
    ...searched,
  ]);
});
