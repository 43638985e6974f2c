import { realpathSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { defaultPgTools } from '../../src/adapters/process/pg-tools.js';
import type { PgToolsReport } from '../../src/core/pg-programs.js';
import { runCli } from '../helpers/cli.js';
import { tempDirs, validSettings, type LooseTree } from '../helpers/config-fixtures.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

interface ShowDoc {
  file: string;
  config: Record<string, LooseTree>;
}

async function show(cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ShowDoc> {
  const run = await runCli(['config', 'show', '--json', ...args], { cwd, env });
  expect([run.code, run.stderr]).toEqual([0, expect.any(String)]);
  return JSON.parse(run.stdout) as ShowDoc;
}

describe('config file formats (built binary)', () => {
  const yaml = (name: string) => YAML.stringify(validSettings(name));
  const json = (name: string) => JSON.stringify(validSettings(name));
  const formats: Array<[string, (name: string) => string]> = [
    ['orca-hybrid.yaml', yaml],
    ['orca-hybrid.yml', yaml],
    ['orca-hybrid.json', json],
    ['.orca-hybridrc', yaml],
    ['.orca-hybridrc.yaml', yaml],
    ['.orca-hybridrc.json', json],
    ['.orca-hybridrc.js', (name) => `module.exports = ${json(name)};\n`],
    ['.orca-hybridrc.cjs', (name) => `module.exports = ${json(name)};\n`],
    ['.orca-hybridrc.mjs', (name) => `export default ${json(name)};\n`],
    ['orca-hybrid.config.mjs', (name) => `export default ${json(name)};\n`],
    ['package.json', (name) => JSON.stringify({ name: 'clinic', private: true, 'orca-hybrid': validSettings(name) })],
  ];

  test.concurrent.each(formats)('%s in the working folder is found and read', async (file, render) => {
    const dir = await dirs.make();
    await writeFile(join(dir, file), render(`Clinic via ${file}`));
    const doc = await show(dir);
    expect(doc.file).toBe(join(dir, file));
    expect(doc.config.clinic.name).toBe(`Clinic via ${file}`);
    // Relative paths resolve against the config file's folder.
    expect(doc.config.backup.folder).toBe(join(dir, 'backups'));
  });

  test('--config reads exactly that file, with paths relative to its folder; ORCA_HYBRID_CONFIG too', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'orca-hybrid.yaml'), yaml('Searched'));
    await mkdir(join(dir, 'etc'));
    await writeFile(join(dir, 'etc', 'clinic.conf'), yaml('Explicit'));
    const doc = await show(dir, ['--config', 'etc/clinic.conf']);
    expect(doc.file).toBe(join(dir, 'etc', 'clinic.conf'));
    expect(doc.config.clinic.name).toBe('Explicit');
    expect(doc.config.environments.operating.credentials.clientCertificate.p12File).toBe(
      join(dir, 'etc', 'certs', 'client.p12'),
    );
    const viaEnv = await show(dir, [], { ORCA_HYBRID_CONFIG: join(dir, 'etc', 'clinic.conf') });
    expect(viaEnv.config.clinic.name).toBe('Explicit');
  });

  test('no file found, a missing --config file and an empty package.json key are configuration errors (exit 2)', async () => {
    const dir = await dirs.make();
    const none = await runCli(['config', 'show'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`No configuration file found in ${dir}`);
    expect(none.stderr).toContain('config init');
    const missing = await runCli(['--config', 'nope.yaml', 'config', 'validate'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(join(dir, 'nope.yaml'));
    expect(missing.stderr).toContain('ENOENT');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'clinic' }));
    const noKey = await runCli(['config', 'show'], { cwd: dir });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('No configuration file found');
  });

  test('a file that does not parse names the file and position, never the content', async () => {
    const dir = await dirs.make();
    await writeFile(
      join(dir, 'orca-hybrid.yaml'),
      'clinic:\n  name: x\n environments: {\napiKey: "UNPARSABLE-SECRET-1\n',
    );
    const y = await runCli(['config', 'validate'], { cwd: dir });
    expect(y.code).toBe(2);
    expect(y.stderr).toMatch(
      new RegExp(`Cannot parse ${join(dir, 'orca-hybrid.yaml')}: YAML [A-Z_]+ at line \\d+, column \\d+`),
    );
    expect(y.stderr).not.toContain('UNPARSABLE-SECRET');

    await writeFile(join(dir, 'bad.json'), '{\n  "clinic": {"apiKey": UNPARSABLE-SECRET-2}\n}\n');
    const j = await runCli(['--config', 'bad.json', 'config', 'validate', '--json'], { cwd: dir });
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/Cannot parse .*bad\.json: JSON.* at line 2, column \d+/);
    expect(j.stderr + j.stdout).not.toContain('UNPARSABLE-SECRET');
    expect(JSON.parse(j.stdout)).toMatchObject({ error: { code: 'CONFIG', exitCode: 2 } });

    await writeFile(join(dir, 'bad.mjs'), 'export default {\n  apiKey: UNPARSABLE-SECRET-3 +\n};\n');
    const m = await runCli(['--config', 'bad.mjs', 'config', 'validate'], { cwd: dir });
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('bad.mjs');
    expect(m.stderr).toContain('node --check');
    expect(m.stderr).not.toContain('UNPARSABLE-SECRET');
  });
});

describe('precedence: defaults < file < ORCA_HYBRID_* < flags', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await dirs.make();
    const settings = { ...validSettings(), language: 'en', sync: { requestTimeoutSeconds: 20 } };
    await writeFile(join(dir, 'orca-hybrid.yaml'), YAML.stringify(settings));
  });

  test('the file beats the defaults; defaults fill what the file leaves out', async () => {
    const doc = await show(dir);
    expect(doc.config.backup.retention).toBe(3);
    expect(doc.config.sync).toEqual({ requestTimeoutSeconds: 20, deadlineMinutes: 45 });
    expect(doc.config.language).toBe('en');
  });

  test('the environment beats the file (numbers and booleans coerced)', async () => {
    const env = {
      ORCA_HYBRID_BACKUP__RETENTION: '9',
      ORCA_HYBRID_SYNC__REQUEST_TIMEOUT_SECONDS: '60',
      ORCA_HYBRID_LANGUAGE: 'ja',
      ORCA_HYBRID_ENVIRONMENTS__OPERATING__INSECURE: 'true',
    };
    const run = await runCli(['config', 'show', '--json'], { cwd: dir, env });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as ShowDoc;
    expect(doc.config.backup.retention).toBe(9);
    expect(doc.config.sync.requestTimeoutSeconds).toBe(60);
    expect(doc.config.language).toBe('ja');
    expect(doc.config.environments.operating.insecure).toBe(true);
    // The configured language is used, and the insecure warning is printed at load time.
    expect(run.stderr).toContain('運用環境 の TLS 検証が無効です');
    const valid = await runCli(['config', 'validate'], { cwd: dir, env });
    expect(valid.stdout).toContain('は有効な設定です');
  });

  test('flags beat the environment (--lang sets language)', async () => {
    const env = { ORCA_HYBRID_LANGUAGE: 'ja' };
    const run = await runCli(['--lang', 'en', 'config', 'show', '--json'], { cwd: dir, env });
    expect((JSON.parse(run.stdout) as ShowDoc).config.language).toBe('en');
    const valid = await runCli(['config', 'validate', '--lang', 'en'], { cwd: dir, env });
    expect(valid.stdout).toContain(`✓ ${join(dir, 'orca-hybrid.yaml')} is valid`);
  });

  test('a misspelt ORCA_HYBRID_ variable with __ is reported by name', async () => {
    const run = await runCli(['config', 'validate'], { cwd: dir, env: { ORCA_HYBRID_BACKUP__RETENSION: '3' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ORCA_HYBRID_BACKUP__RETENSION: names no setting (backup.retension)');
  });
});

describe('config validate', () => {
  test('five distinct errors are all reported with dotted paths (exit 2), human and --json', async () => {
    const dir = await dirs.make();
    const settings = validSettings() as LooseTree;
    settings.language = 'fr';
    settings.clinic.institutionCode = '12345';
    settings.environments.operating.url = 'http://control.example.test';
    delete settings.environments.cloudEmergency.orcaApiUrl;
    settings.backup.retention = 0;
    settings.backup.keep = 3;
    await writeFile(join(dir, 'orca-hybrid.yaml'), YAML.stringify(settings));
    const expected = [
      'language: must be one of "ja", "en"',
      'clinic.institutionCode: must be 10 digits',
      'environments.operating.url: must be an https URL',
      'environments.cloudEmergency.orcaApiUrl: is required',
      'backup.retention: must be at least 1',
      'backup: unknown setting(s): keep',
    ];
    const human = await runCli(['config', 'validate'], { cwd: dir });
    expect(human.code).toBe(2);
    expect(human.stdout).toBe('');
    for (const line of expected) expect(human.stderr).toContain(`  ${line}`);
    expect(human.stderr).toContain('has 6 problem(s)');

    const json = await runCli(['config', 'validate', '--json'], { cwd: dir });
    expect(json.code).toBe(2);
    const doc = JSON.parse(json.stdout) as {
      valid: boolean;
      file: string;
      problems: Array<{ path: string; message: string }>;
    };
    expect(doc.valid).toBe(false);
    expect(doc.file).toBe(join(dir, 'orca-hybrid.yaml'));
    expect(doc.problems.map((p) => `${p.path}: ${p.message}`).sort()).toEqual([...expected].sort());
  });

  test('--json on a valid file: no problems, and where pg_dump and pg_restore were found', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'orca-hybrid.json'), JSON.stringify(validSettings()));
    const run = await runCli(['config', 'validate', '--json'], { cwd: dir });
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { pgTools: PgToolsReport };
    expect(doc).toEqual({
      valid: true,
      file: join(dir, 'orca-hybrid.json'),
      problems: [],
      pgTools: expect.any(Object),
    });
    expect(doc.pgTools.binDir).toBeNull();
    expect(doc.pgTools.searched).toContain('/usr/lib/postgresql/<major>/bin');
    for (const program of doc.pgTools.programs) {
      expect(program.chosen).toEqual({
        name: program.name,
        path: expect.stringMatching(new RegExp(`/${program.name}$`)),
        source: expect.stringMatching(/^(path|standard)$/),
        major: expect.any(Number),
        version: expect.stringMatching(/^\d+\.\d+/),
      });
    }
    const human = await runCli(['config', 'validate', '--lang', 'en'], { cwd: dir });
    expect(human.stdout).toContain('PostgreSQL programs:');
    expect(human.stdout).toMatch(/ {2}pg_restore \d+\.\d+\S*: \/\S+\/pg_restore \((PATH|standard install folder)\)/);
  });

  test('postgres.binDir: the only folder searched; a folder without the programs is a problem (exit 2)', async () => {
    const dir = await dirs.make();
    const real = realpathSync(await defaultPgTools().path('pg_restore'));
    await mkdir(join(dir, 'no tools 空'));
    const settings = validSettings() as LooseTree;
    settings.postgres = { binDir: 'no tools 空' };
    await writeFile(join(dir, 'orca-hybrid.yaml'), YAML.stringify(settings));
    const bad = await runCli(['config', 'validate', '--json'], { cwd: dir });
    expect(bad.code).toBe(2);
    const badDoc = JSON.parse(bad.stdout) as { problems: Array<{ path: string; message: string }> };
    const empty = join(dir, 'no tools 空');
    expect(badDoc.problems).toEqual([
      { path: 'postgres.binDir', message: `has no pg_dump (${empty})` },
      { path: 'postgres.binDir', message: `has no pg_restore (${empty})` },
    ]);

    settings.postgres = { binDir: dirname(real) };
    await writeFile(join(dir, 'orca-hybrid.yaml'), YAML.stringify(settings));
    const good = await runCli(['config', 'validate', '--json'], { cwd: dir });
    expect(good.code).toBe(0);
    const doc = JSON.parse(good.stdout) as { pgTools: PgToolsReport };
    expect(doc.pgTools.searched).toEqual([dirname(real)]);
    expect(doc.pgTools.programs.map((p) => [p.chosen?.path, p.chosen?.source])).toEqual([
      [join(dirname(real), 'pg_dump'), 'setting'],
      [real, 'setting'],
    ]);
  });
});

describe('docs/configuration.md', () => {
  test('the full example is a valid configuration', async () => {
    const doc = await readFile(new URL('../../docs/configuration.md', import.meta.url), 'utf8');
    const example = /## Full example\n\n```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const dir = await dirs.make();
    await writeFile(join(dir, 'orca-hybrid.yaml'), example!, { mode: 0o600 });
    await mkdir(join(dir, 'secrets'));
    for (const name of [
      'operating.key',
      'operating.p12.pass',
      'emergency.key',
      'emergency.p12.pass',
      'local-db.pw',
      'local-api.pw',
    ]) {
      await writeFile(join(dir, 'secrets', name), 'example-secret\n', { mode: 0o600 });
    }
    const run = await runCli(['config', 'validate', '--json'], { cwd: dir });
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: true, file: join(dir, 'orca-hybrid.yaml'), problems: [] });
    expect(run.stderr).toBe('');
  });
});
