/**
 * Finding pg_dump and pg_restore on Windows, macOS and Linux, with the platform, environment and file system
 * injected (`fakeHost`): PATH and PATHEXT, the standard install folders, several majors, the setting, spaces
 * and Japanese in paths.
 */
import { PgTools } from '../../src/adapters/process/pg-tools.js';
import { majorFromLayout, pathFolders } from '../../src/adapters/process/pg-folders.js';
import { ConfigError } from '../../src/core/errors.js';
import { fakeHost } from '../helpers/fake-host.js';

const PF = 'C:\\Program Files\\PostgreSQL';
const YAMADA = 'C:\\Users\\山田 太郎';

describe('Windows', () => {
  const env = {
    Path: `C:\\Windows\\system32;"${YAMADA}\\pg tools";C:\\Tools;.\\bin`,
    PATHEXT: '.COM;.EXE;.BAT;.CMD;.VBS',
    ProgramFiles: 'C:\\Program Files',
  };

  test('the newest major wins across PATH (PATHEXT, quoted, Japanese) and C:\\Program Files\\PostgreSQL\\<major>\\bin', async () => {
    const host = fakeHost({
      platform: 'win32',
      env,
      programs: {
        [`${PF}\\14\\bin\\pg_dump.exe`]: {},
        [`${PF}\\16\\bin\\pg_dump.exe`]: {},
        [`${YAMADA}\\pg tools\\pg_dump.exe`]: { version: '15.8' },
        // A .bat would need cmd.exe to start (and would parse our arguments): never used.
        'C:\\Tools\\pg_dump.bat': {},
      },
    });
    const tools = new PgTools({ host });
    const found = await tools.candidates('pg_dump');
    expect(found.map((p) => [p.path, p.major, p.source])).toEqual([
      [`${PF}\\16\\bin\\pg_dump.exe`, 16, 'standard'],
      [`${YAMADA}\\pg tools\\pg_dump.exe`, 15, 'path'],
      [`${PF}\\14\\bin\\pg_dump.exe`, 14, 'standard'],
    ]);
    // Only the copy whose folder tells no major was asked for its version.
    expect(host.versionCalls).toEqual([`${YAMADA}\\pg tools\\pg_dump.exe`]);
    expect(await tools.path('pg_dump')).toBe(`${PF}\\16\\bin\\pg_dump.exe`);
  });

  test('PATHEXT order decides between .COM and .EXE in one folder; names match case-insensitively', async () => {
    const programs = {
      'C:\\Tools\\PG_RESTORE.EXE': { version: '16.1' },
      'C:\\Tools\\pg_restore.com': { version: '16.1' },
    };
    const comFirst = new PgTools({ host: fakeHost({ platform: 'win32', env, programs }) });
    expect(await comFirst.path('pg_restore')).toBe('C:\\Tools\\pg_restore.com');
    const exeFirst = new PgTools({
      host: fakeHost({ platform: 'win32', env: { ...env, PATHEXT: '.EXE;.COM' }, programs }),
    });
    expect(await exeFirst.path('pg_restore')).toBe('C:\\Tools\\pg_restore.exe');
  });

  test('relative and quoted PATH entries: quotes stripped, relative ones skipped', () => {
    const host = fakeHost({ platform: 'win32', env });
    expect(pathFolders(host)).toEqual(['C:\\Windows\\system32', `${YAMADA}\\pg tools`, 'C:\\Tools']);
  });

  test('none found: a ConfigError naming every place searched and how to install on Windows', async () => {
    const host = fakeHost({
      platform: 'win32',
      env: { ...env, 'ProgramFiles(x86)': 'C:\\Program Files (x86)' },
      dirs: [`${PF}\\16\\bin`],
    });
    const error = (await new PgTools({ host }).path('pg_restore').catch((e: unknown) => e)) as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.exitCode).toBe(2);
    expect(error.key).toBe('pgtools.missing');
    expect(error.hintKey).toBe('pgtools.install.windows');
    expect(error.details).toEqual([
      '- C:\\Windows\\system32',
      `- ${YAMADA}\\pg tools`,
      '- C:\\Tools',
      '- C:\\Program Files\\PostgreSQL\\<major>\\bin',
      '- C:\\Program Files (x86)\\PostgreSQL\\<major>\\bin',
    ]);
  });
});

describe('macOS', () => {
  const home = '/Users/山田 太郎';
  const env = { PATH: `/opt/homebrew/bin:/usr/bin:${home}/pg tools/bin` };

  test('Homebrew (both prefixes, versioned and libpq), Postgres.app and PATH: newest first, links counted once', async () => {
    const cellar16 = '/opt/homebrew/Cellar/postgresql@16/16.4/bin/pg_dump';
    const host = fakeHost({
      platform: 'darwin',
      home,
      env,
      programs: {
        '/opt/homebrew/bin/pg_dump': { real: cellar16 },
        '/opt/homebrew/opt/postgresql@16/bin/pg_dump': { real: cellar16 },
        '/opt/homebrew/opt/postgresql@14/bin/pg_dump': { real: '/opt/homebrew/Cellar/postgresql@14/14.13/bin/pg_dump' },
        '/usr/local/opt/libpq/bin/pg_dump': { real: '/usr/local/Cellar/libpq/17.2/bin/pg_dump' },
        '/Applications/Postgres.app/Contents/Versions/15/bin/pg_dump': {},
        '/Applications/Postgres.app/Contents/Versions/latest/bin/pg_dump': {
          real: '/Applications/Postgres.app/Contents/Versions/15/bin/pg_dump',
        },
        [`${home}/pg tools/bin/pg_dump`]: { version: '13.16' },
      },
    });
    const found = await new PgTools({ host }).candidates('pg_dump');
    expect(found.map((p) => [p.path, p.major, p.source])).toEqual([
      ['/usr/local/opt/libpq/bin/pg_dump', 17, 'standard'],
      ['/opt/homebrew/bin/pg_dump', 16, 'path'],
      ['/Applications/Postgres.app/Contents/Versions/15/bin/pg_dump', 15, 'standard'],
      ['/opt/homebrew/opt/postgresql@14/bin/pg_dump', 14, 'standard'],
      [`${home}/pg tools/bin/pg_dump`, 13, 'path'],
    ]);
    expect(host.versionCalls).toEqual([`${home}/pg tools/bin/pg_dump`]);
  });

  test('none found: the Homebrew, Postgres.app, EDB and MacPorts folders are named, with the Mac install hint', async () => {
    const error = (await new PgTools({ host: fakeHost({ platform: 'darwin', env: { PATH: '/usr/bin' } }) })
      .path('pg_dump')
      .catch((e: unknown) => e)) as ConfigError;
    expect(error.hintKey).toBe('pgtools.install.mac');
    expect(error.details).toEqual([
      '- /usr/bin',
      '- /opt/homebrew/opt/postgresql@<major>/bin',
      '- /usr/local/opt/postgresql@<major>/bin',
      '- /Applications/Postgres.app/Contents/Versions/<major>/bin',
      '- /Library/PostgreSQL/<major>/bin',
      '- /opt/local/lib/postgresql<major>/bin',
      '- /opt/homebrew/opt/libpq/bin',
      '- /opt/homebrew/opt/postgresql/bin',
      '- /usr/local/opt/libpq/bin',
      '- /usr/local/opt/postgresql/bin',
    ]);
  });
});

describe('Linux', () => {
  const env = { PATH: '/usr/local/bin:/usr/bin' };
  const programs = {
    '/usr/bin/pg_restore': { real: '/usr/share/postgresql-common/pg_wrapper' },
    '/usr/lib/postgresql/13/bin/pg_restore': {},
    '/usr/lib/postgresql/16/bin/pg_restore': {},
    '/usr/lib/postgresql/15/bin/pg_restore': {},
    '/usr/pgsql-17/bin/pg_restore': {},
  };

  test("Debian's pg_wrapper is passed over; Debian and PGDG folders, newest first; no program is asked its version", async () => {
    const host = fakeHost({ platform: 'linux', env, programs });
    const found = await new PgTools({ host }).candidates('pg_restore');
    expect(found.map((p) => p.path)).toEqual([
      '/usr/pgsql-17/bin/pg_restore',
      '/usr/lib/postgresql/16/bin/pg_restore',
      '/usr/lib/postgresql/15/bin/pg_restore',
      '/usr/lib/postgresql/13/bin/pg_restore',
    ]);
    expect(host.versionCalls).toEqual([]);
  });

  test('postgres.binDir is the only place searched, even when a newer major is installed elsewhere', async () => {
    const host = fakeHost({ platform: 'linux', env, programs });
    const tools = new PgTools({ host, binDir: '/usr/lib/postgresql/15/bin' });
    expect(await tools.locate('pg_restore')).toEqual({
      name: 'pg_restore',
      path: '/usr/lib/postgresql/15/bin/pg_restore',
      source: 'setting',
      major: 15,
    });
    const error = (await tools.path('pg_dump').catch((e: unknown) => e)) as ConfigError;
    expect([error.key, error.params.dir, error.details]).toEqual([
      'pgtools.missingInBinDir',
      '/usr/lib/postgresql/15/bin',
      ['- /usr/lib/postgresql/15/bin'],
    ]);
  });

  test('report: the chosen copy with its version and source, the others, the places searched', async () => {
    const host = fakeHost({
      platform: 'linux',
      env,
      programs: { ...programs, '/usr/lib/postgresql/16/bin/pg_restore': { version: '16.6' } },
    });
    const report = await new PgTools({ host }).report();
    expect(report.binDir).toBeNull();
    expect(report.programs[0]).toEqual({ name: 'pg_dump', chosen: null, others: [] });
    expect(report.programs[1]!.chosen).toEqual({
      name: 'pg_restore',
      path: '/usr/pgsql-17/bin/pg_restore',
      source: 'standard',
      major: 17,
      version: null,
    });
    expect(report.programs[1]!.others.map((p) => p.major)).toEqual([16, 15, 13]);
    expect(report.searched).toEqual([
      '/usr/local/bin',
      '/usr/bin',
      '/usr/lib/postgresql/<major>/bin',
      '/usr/pgsql-<major>/bin',
    ]);
  });
});

test.each([
  ['C:\\Program Files\\PostgreSQL\\16\\bin\\pg_dump.exe', 16],
  ['D:\\PostgreSQL\\9.6\\bin\\pg_dump.exe', 9],
  ['/usr/lib/postgresql/15/bin/pg_dump', 15],
  ['/opt/homebrew/Cellar/libpq/17.2_1/bin/pg_dump', 17],
  ['/usr/local/Cellar/postgresql@14/14.13/bin/pg_dump', 14],
  ['/Applications/Postgres.app/Contents/Versions/16/bin/pg_dump', 16],
  ['/opt/local/lib/postgresql16/bin/pg_dump', 16],
  ['/usr/pgsql-13/bin/pg_dump', 13],
  ['/usr/local/bin/pg_dump', null],
  ['C:\\Users\\山田 太郎\\bin\\pg_dump.exe', null],
])('the layout of %s tells major %s', (file, major) => {
  expect(majorFromLayout(file)).toBe(major);
});
