/**
 * What child processes are handed (docs/security.md): PostgreSQL's programs get the password through a
 * 0600 PGPASSFILE in the private state folder, removed afterwards — also after a failure and a Ctrl-C —
 * and never PGPASSWORD; every child gets only the environment it needs (no ORCA_HYBRID_* secrets). And
 * links planted at a local dump's partial, dump and sidecar are never written through. Linux: the
 * environment a child really got is read from /proc while it runs.
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { FsBackupFolder } from '../../src/adapters/fs/backup-folder.js';
import { dumpDatabase } from '../../src/adapters/postgres/dump-tool.js';
import { childEnvironment } from '../../src/adapters/process/child-env.js';
import { observeSpawns, runProcess, type SpawnedProcess } from '../../src/adapters/process/run.js';
import type { DatabaseConfig } from '../../src/core/config-schema.js';
import { AuthError, CancelledError } from '../../src/core/errors.js';
import { createDatabase } from '../../src/lab/postgres/cluster.js';
import { soundCatalog } from '../helpers/catalog-check.js';
import { startTestCluster, type TestCluster } from '../helpers/pg.js';
import { expectNoLink, makeOutside, plantLink } from '../helpers/planted-links.js';

const DB = 'orca_children_test';
const SECRETS = {
  ORCA_HYBRID_OPERATING_API_KEY: 'op-key-never-inherited',
  ORCA_HYBRID_LOCAL_EMERGENCY_DB_PASSWORD: 'db-password-never-inherited',
  PGPASSWORD: 'a-shell-pgpassword-never-inherited',
  PGSERVICE: 'a-shell-service',
};
let cluster: TestCluster;
let db: DatabaseConfig;
let base: string;
const saved: Record<string, string | undefined> = {};

interface Seen {
  spawned: SpawnedProcess;
  env: Record<string, string>;
  passFile: { path: string; mode: number; text: string } | null;
}
const seen: Seen[] = [];
let onSpawn: ((spawned: SpawnedProcess) => void) | null = null;
let stopObserving: () => void;

/** The environment of a running process, as the kernel holds it (empty once it has exited). */
function environOf(pid: number): Record<string, string> {
  let text = '';
  try {
    text = readFileSync(`/proc/${pid}/environ`, 'utf8');
  } catch {
    // A short-lived child (`env`) may be gone already.
  }
  return Object.fromEntries(
    text
      .split('\0')
      .filter((entry) => entry.includes('='))
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

beforeAll(async () => {
  cluster = await startTestCluster();
  await createDatabase(cluster, DB);
  db = cluster.databaseConfig(DB);
  base = await mkdtemp(join(tmpdir(), 'orca-children-test-'));
  for (const [name, value] of Object.entries(SECRETS)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  stopObserving = observeSpawns((spawned) => {
    // The child has exec'd by the time spawn returns, and pg_dump connects for longer than this takes.
    const env = environOf(spawned.pid!);
    const path = env.PGPASSFILE;
    const passFile =
      path !== undefined && existsSync(path)
        ? { path, mode: statSync(path).mode & 0o777, text: readFileSync(path, 'utf8') }
        : null;
    seen.push({ spawned, env, passFile });
    onSpawn?.(spawned);
  });
});

afterAll(async () => {
  stopObserving?.();
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await cluster?.stop();
  await rm(base, { recursive: true, force: true });
});

beforeEach(() => {
  seen.length = 0;
  onSpawn = null;
});

async function stateDir(name: string): Promise<string> {
  const dir = join(base, name);
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}
const passFiles = async (dir: string) => (await readdir(dir)).filter((n) => n.startsWith('.pgpass-'));

describe('PostgreSQL programs get the password through a PGPASSFILE', () => {
  test('0600 in the state folder while pg_dump runs, then gone; no PGPASSWORD and no ORCA_HYBRID_* secret', async () => {
    const secrets = await stateDir('ok');
    await dumpDatabase(db, join(secrets, 'ok.dump'), { secretsDir: secrets });
    const dump = seen.find((s) => s.spawned.file.endsWith('pg_dump'))!;
    expect(dump.passFile).toEqual({
      path: expect.stringMatching(new RegExp(`^${secrets}/\\.pgpass-${process.pid}-[0-9a-f]+$`)),
      mode: 0o600,
      text: `*:*:*:*:${cluster.password}\n`,
    });
    expect(Object.keys(dump.env).filter((n) => n.startsWith('ORCA_HYBRID_') || n === 'PGPASSWORD')).toEqual([]);
    expect(dump.env.PGSERVICE).toBeUndefined();
    expect(dump.env).toMatchObject({ PATH: process.env.PATH, PGSSLMODE: 'disable', PGAPPNAME: 'orca-hybrid' });
    expect(await passFiles(secrets)).toEqual([]);
  });

  test('removed after a refused password and after Ctrl-C', async () => {
    const secrets = await stateDir('failures');
    const refused = await dumpDatabase({ ...db, password: 'wrong' }, join(secrets, 'a.dump'), {
      secretsDir: secrets,
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AuthError);
    expect(seen[0]!.passFile?.text).toBe('*:*:*:*:wrong\n');
    expect(await passFiles(secrets)).toEqual([]);

    seen.length = 0;
    const controller = new AbortController();
    onSpawn = () => controller.abort(new CancelledError({ key: 'error.interrupted', params: { signal: 'SIGINT' } }));
    const cancelled = await dumpDatabase(db, join(secrets, 'b.dump'), {
      secretsDir: secrets,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(CancelledError);
    expect(seen[0]!.passFile?.mode).toBe(0o600);
    expect(await passFiles(secrets)).toEqual([]);
  });

  test('a password file left by a killed run is removed by the next; no state folder: a private temporary one', async () => {
    const secrets = await stateDir('leftovers');
    const gone = execa('true');
    const pid = gone.pid!;
    await gone;
    await writeFile(join(secrets, `.pgpass-${pid}-0123456789ab`), '*:*:*:*:old\n', { mode: 0o600 });
    await dumpDatabase(db, join(secrets, 'c.dump'), { secretsDir: secrets });
    expect(await passFiles(secrets)).toEqual([]);

    seen.length = 0;
    await dumpDatabase(db, join(secrets, 'd.dump'));
    const path = seen[0]!.passFile!.path;
    expect(dirname(path).startsWith(tmpdir())).toBe(true);
    expect(existsSync(dirname(path))).toBe(false);
  });

  test('a password with ":" and "\\" reaches the server intact (the file format escapes them)', async () => {
    const admin = await cluster.connect(DB);
    const password = 'pa:ss\\word:42';
    try {
      await admin.query(`CREATE ROLE colon_user LOGIN SUPERUSER PASSWORD '${password.replace(/'/g, "''")}'`);
    } finally {
      await admin.end();
    }
    const secrets = await stateDir('escaped');
    const result = await dumpDatabase({ ...db, user: 'colon_user', password }, join(secrets, 'e.dump'), {
      secretsDir: secrets,
    });
    expect(result.bytes).toBeGreaterThan(0);
  });
});

describe('child processes get only the environment they need', () => {
  test('no ORCA_HYBRID_* secret, PGPASSWORD or other variable; PATH, HOME, locale kept; the caller’s own added', async () => {
    process.env.SOME_TOKEN = 'unrelated-token';
    try {
      const { stdout } = await runProcess('env', [], { env: { PGAPPNAME: 'orca-hybrid' } });
      const names = stdout
        .trim()
        .split('\n')
        .map((line) => line.slice(0, line.indexOf('=')));
      expect(names.filter((n) => n.startsWith('ORCA_HYBRID_') || n.startsWith('PGPASS') || n === 'SOME_TOKEN')).toEqual(
        [],
      );
      expect(stdout).toContain(`PATH=${process.env.PATH}\n`);
      if (process.env.HOME) expect(stdout).toContain(`HOME=${process.env.HOME}\n`);
      expect(stdout).toContain('PGAPPNAME=orca-hybrid\n');
    } finally {
      delete process.env.SOME_TOKEN;
    }
  });

  test('on Windows the names its programs need are kept whatever their case', () => {
    const inherited = {
      Path: 'C:\\Windows\\system32',
      SystemRoot: 'C:\\Windows',
      USERPROFILE: 'C:\\Users\\staff',
      LOCALAPPDATA: 'C:\\Users\\staff\\AppData\\Local',
      PSModulePath: 'C:\\Program Files\\WindowsPowerShell\\Modules',
      ORCA_HYBRID_OPERATING_API_KEY: 'secret',
      Orca_Hybrid_Cloud_Emergency_P12_Passphrase: 'secret',
    };
    expect(Object.keys(childEnvironment(inherited, { ORCA_HYBRID_VM_NAME: 'orca' }, 'win32')).sort()).toEqual([
      'LOCALAPPDATA',
      'ORCA_HYBRID_VM_NAME',
      'PSModulePath',
      'Path',
      'SystemRoot',
      'USERPROFILE',
    ]);
  });
});

test('links planted at a local dump’s partial, dump and sidecar are replaced, never written through', async () => {
  const folder = join(base, 'backups');
  const dir = join(folder, 'localEmergency');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const outside = makeOutside(join(base, 'outside'));
  const id = '20260301T000000Z-localEmergency';
  const names = [`${id}.dump.partial`, `${id}.dump`, `${id}.json`];
  for (const name of names) plantLink(join(dir, name), outside.file(name));
  const secrets = await stateDir('dump-links');
  const { entry } = await new FsBackupFolder(folder, { secretsDir: secrets }).dump('localEmergency', db, id);
  outside.expectUntouched();
  for (const name of names) expectNoLink(join(dir, name));
  expect((await soundCatalog(folder)).map((e) => e.id)).toEqual([entry.id]);
});
