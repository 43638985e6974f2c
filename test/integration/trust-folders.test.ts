/**
 * The state and backup folders as a trust boundary (docs/security.md): a folder of another account or one
 * others may write in is refused (exit 5) with the path and the fix; links planted at the paths the tool
 * writes in the state folder (journal, run log, lock, holder file, state, state lock) are never followed —
 * the outside files stay exactly as they were; lock folders are 0700; an existing journal or log others
 * could read is made 0600. The backup files (sidecar, dump, partials) are in pg-children.test.ts and the
 * sync e2e test.
 */
import {
  chmodSync,
  chownSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareCatalogPaths } from '../../src/adapters/fs/catalog-write.js';
import { FileJournal, readJournal } from '../../src/adapters/fs/journal-file.js';
import { acquireLock } from '../../src/adapters/fs/lock.js';
import { lockPaths } from '../../src/adapters/fs/lock-holder.js';
import { openRunLog } from '../../src/adapters/fs/run-log.js';
import { FileStateStore, lockStateFile } from '../../src/adapters/fs/state-file.js';
import { GuardError } from '../../src/core/errors.js';
import type { JournalEntry } from '../../src/core/journal.js';
import { defaultState } from '../../src/core/state.js';
import { selectEmergency } from '../../src/core/state-changes.js';
import { expectNoLink, isRoot, makeOutside, plantLink } from '../helpers/planted-links.js';

const made: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'orca-trust-test-'));
  made.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

const mode = (path: string) => statSync(path).mode & 0o777;
const entry: JournalEntry = {
  time: '2026-11-25T01:00:00.000Z',
  user: 'staff',
  host: 'PC-01',
  pid: 4242,
  command: 'select',
  args: ['select', 'local'],
  before: {},
  after: {},
  outcome: 'ok',
  exitCode: 0,
  durationMs: 5,
};

async function refusal(promise: Promise<unknown>): Promise<GuardError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GuardError);
  return error as GuardError;
}

describe('folders others may write in, or of another account', () => {
  test('a state folder others may write in is refused for every read and write, naming the path and the fix', async () => {
    const dir = join(await tempDir(), 'state');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    const store = new FileStateStore(dir);
    for (const attempt of [
      store.read(),
      store.write(defaultState()),
      new FileJournal(dir).append(entry),
      readJournal(dir),
      acquireLock({ stateDir: dir, command: 'sync' }),
      lockStateFile(dir),
      openRunLog(dir, 'sync', ['sync']),
    ]) {
      const error = await refusal(attempt);
      expect(error.key).toBe('folder.writableByOthers');
      expect(error.params).toEqual({ path: dir, mode: '0777' });
      expect(error.exitCode).toBe(5);
      expect(error.hintKey).toBe('folder.fixMode');
    }
    expect(await readdir(dir)).toEqual([]);
    expect(mode(dir)).toBe(0o777);
  });

  test('a group-writable backup folder, or environment folder, is refused', async () => {
    const folder = join(await tempDir(), 'backups');
    mkdirSync(folder, { mode: 0o700 });
    chmodSync(folder, 0o770);
    expect((await refusal(prepareCatalogPaths(folder, 'operating', '20260301T000000Z-operating'))).key).toBe(
      'folder.writableByOthers',
    );
    chmodSync(folder, 0o700);
    mkdirSync(join(folder, 'operating'));
    chmodSync(join(folder, 'operating'), 0o775);
    const error = await refusal(prepareCatalogPaths(folder, 'operating', '20260301T000000Z-operating'));
    expect(error.params.path).toBe(join(folder, 'operating'));
  });

  (isRoot ? test : test.skip)(
    'root on a folder another account created: refused, and root’s files the links point at keep their modes',
    async () => {
      const base = await tempDir();
      const outside = makeOutside(join(base, 'root-files'));
      const rootFile = outside.file('root-secret', 'root only\n');
      chmodSync(rootFile, 0o600);
      const dir = join(base, 'state');
      mkdirSync(dir, { mode: 0o700 });
      for (const name of ['state.json', 'journal.jsonl', 'orca-hybrid.log', 'orca-hybrid.lock.json'])
        plantLink(join(dir, name), rootFile);
      chownSync(dir, 65534, 65534);
      const before = { mode: mode(rootFile), bytes: readFileSync(rootFile, 'utf8') };
      const store = new FileStateStore(dir);
      // One after another, as a run would: each must be refused on its own.
      for (const attempt of [
        () => store.read(),
        () => store.write(selectEmergency(defaultState(), 'local')),
        () => new FileJournal(dir).append(entry),
        () => openRunLog(dir, 'sync', ['sync']),
        () => acquireLock({ stateDir: dir, command: 'sync' }),
      ]) {
        const error = await refusal(attempt());
        expect([error.key, error.hintKey]).toEqual(['folder.notOwned', 'folder.notOwned.rootHint']);
        expect(error.params).toEqual({ path: dir, owner: 65534, uid: 0 });
      }
      expect({ mode: mode(rootFile), bytes: readFileSync(rootFile, 'utf8') }).toEqual(before);
      expect(lstatSync(join(dir, 'state.json')).isSymbolicLink()).toBe(true);
    },
  );

  test('a folder readable by others is made 0700 when written; one reached through its owner’s link is used', async () => {
    const base = await tempDir();
    const real = join(base, 'real-state');
    mkdirSync(real);
    chmodSync(real, 0o755);
    const dir = join(base, 'state');
    symlinkSync(real, dir);
    await new FileStateStore(dir).write(defaultState());
    expect(mode(real)).toBe(0o700);
    expect(mode(join(real, 'state.json'))).toBe(0o600);
  });

  test('a file where the state folder belongs is refused', async () => {
    const path = join(await tempDir(), 'state');
    writeFileSync(path, 'not a folder');
    expect((await refusal(new FileStateStore(path).read())).key).toBe('folder.notAFolder');
  });
});

describe('links planted in the state folder are never followed', () => {
  async function plantedState(): Promise<{ dir: string; outside: ReturnType<typeof makeOutside> }> {
    const base = await tempDir();
    const dir = join(base, 'state');
    mkdirSync(dir, { mode: 0o700 });
    return { dir, outside: makeOutside(join(base, 'outside')) };
  }

  test('journal: appending replaces the link with a new journal; reading refuses the link', async () => {
    const { dir, outside } = await plantedState();
    const journal = new FileJournal(dir);
    plantLink(journal.path, outside.file('journal'));
    expect((await refusal(journal.read())).key).toBe('folder.linkedFile');
    await journal.append(entry);
    outside.expectUntouched();
    expectNoLink(journal.path);
    expect(mode(journal.path)).toBe(0o600);
    expect((await journal.read()).entries).toHaveLength(1);
  });

  test('run log: the link is replaced by the log', async () => {
    const { dir, outside } = await plantedState();
    const path = join(dir, 'orca-hybrid.log');
    plantLink(path, outside.file('log'));
    const log = await openRunLog(dir, 'sync', ['sync']);
    log.write('phase downloading');
    outside.expectUntouched();
    expectNoLink(path);
    expect(readFileSync(path, 'utf8')).toMatch(/begin .*\n.*phase downloading\n$/);
  });

  test('a journal and a log others could read are made 0600; hard-linked ones are replaced', async () => {
    const { dir, outside } = await plantedState();
    const journal = new FileJournal(dir);
    writeFileSync(journal.path, '', { mode: 0o644 });
    chmodSync(journal.path, 0o644);
    await journal.append(entry);
    expect(mode(journal.path)).toBe(0o600);
    const log = join(dir, 'orca-hybrid.log');
    writeFileSync(log, 'earlier line\n');
    chmodSync(log, 0o666);
    await openRunLog(dir, 'sync', ['sync']);
    expect(mode(log)).toBe(0o600);
    expect(readFileSync(log, 'utf8')).toMatch(/^earlier line\n/);
    // A hard link gives another name (perhaps outside) to the same bytes: the tool's file is made anew.
    await rm(log);
    const { linkSync } = await import('node:fs');
    linkSync(outside.file('hard-linked-log'), log);
    await openRunLog(dir, 'sync', ['sync']);
    outside.expectUntouched();
    expect(statSync(log).nlink).toBe(1);
  });

  test('state.json: reading refuses the link (exit 5); writing replaces it, never writes through', async () => {
    const { dir, outside } = await plantedState();
    const store = new FileStateStore(dir);
    plantLink(store.path, outside.file('state', JSON.stringify(defaultState())));
    const error = await refusal(store.read());
    expect([error.key, error.params.path]).toEqual(['folder.linkedFile', store.path]);
    await store.write(selectEmergency(defaultState(), 'local'));
    outside.expectUntouched();
    expectNoLink(store.path);
    expect((await store.read()).selectedEmergency).toBe('local');
  });

  test('the lock and its holder file: links are taken over and replaced, their targets untouched; folders 0700', async () => {
    const { dir, outside } = await plantedState();
    const paths = lockPaths(dir);
    plantLink(paths.lockDir, outside.folder('lock'));
    plantLink(paths.holderFile, outside.file('holder', '{"pid": 1}'));
    const notes: string[] = [];
    const lock = await acquireLock({ stateDir: dir, command: 'sync', notify: (key) => notes.push(key) });
    try {
      expect(notes).toEqual(['lock.tookOver.noHolder']);
      expect(lstatSync(paths.lockDir).isDirectory()).toBe(true);
      expect(mode(paths.lockDir)).toBe(0o700);
      expectNoLink(paths.holderFile);
      expect(mode(paths.holderFile)).toBe(0o600);
      await lock.updatePhase('downloading');
      expect(JSON.parse(readFileSync(paths.holderFile, 'utf8'))).toMatchObject({ phase: 'downloading' });
    } finally {
      await lock.release();
    }
    outside.expectUntouched();
  });

  test('the state lock: a planted link is removed as a link; the lock folder is 0700', async () => {
    const { dir, outside } = await plantedState();
    const stateLock = join(dir, 'state.json.lock');
    plantLink(stateLock, outside.folder('state-lock'));
    const old = new Date(Date.now() - 60_000);
    const { lutimesSync } = await import('node:fs');
    lutimesSync(stateLock, old, old);
    const release = await lockStateFile(dir);
    try {
      expect(lstatSync(stateLock).isDirectory()).toBe(true);
      expect(mode(stateLock)).toBe(0o700);
    } finally {
      await release();
    }
    outside.expectUntouched();
  });
});
