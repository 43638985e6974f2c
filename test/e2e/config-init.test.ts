import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import YAML from 'yaml';
import { runCli } from '../helpers/cli.js';
import { tempDirs, validSettings, type LooseTree } from '../helpers/config-fixtures.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

async function answersDir(answers: unknown = validSettings()): Promise<string> {
  const dir = await dirs.make();
  await mkdir(join(dir, 'certs'));
  await writeFile(join(dir, 'certs', 'client.p12'), 'not really a certificate');
  await writeFile(join(dir, 'answers.json'), JSON.stringify(answers));
  return dir;
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

describe('config init (built binary, no terminal)', () => {
  test('without --from-json it is a usage error naming the flag, and writes nothing', async () => {
    const dir = await dirs.make();
    const run = await runCli(['config', 'init'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--from-json <file>');
    expect(await exists(join(dir, 'orca-hybrid.yaml'))).toBe(false);
    const noValue = await runCli(['config', 'init', '--from-json'], { cwd: dir });
    expect(noValue.code).toBe(2);
  });

  test('--from-json writes ./orca-hybrid.yaml with mode 0600 that then validates', async () => {
    const dir = await answersDir({ ...validSettings(), environments: { ...(validSettings().environments as object) } });
    const run = await runCli(['config', 'init', '--from-json', 'answers.json'], { cwd: dir });
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining('Wrote')]);
    expect(run.stdout).toContain(`✓ ${join(dir, 'orca-hybrid.yaml')} is valid`);
    const file = join(dir, 'orca-hybrid.yaml');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const written = YAML.parse(await readFile(file, 'utf8')) as LooseTree;
    expect(written.clinic).toEqual({ institutionCode: '1312345678', name: 'Test Clinic' });
    expect(written.environments.operating.credentials.clientCertificate.p12File).toBe(join(dir, 'certs', 'client.p12'));
    expect(written.backup).toEqual({ folder: join(dir, 'backups'), retention: 3 });
    expect(written.sync).toEqual({ requestTimeoutSeconds: 30, deadlineMinutes: 45 });
    expect(await readFile(file, 'utf8')).toMatch(/^# orca-hybrid configuration/);
    const validate = await runCli(['config', 'validate'], { cwd: dir });
    expect(validate.code).toBe(0);
  });

  test('refuses to overwrite without --force (exit 2, file unchanged); --force overwrites; --output elsewhere', async () => {
    const dir = await answersDir();
    const file = join(dir, 'orca-hybrid.yaml');
    await writeFile(file, 'keep: me\n');
    const refused = await runCli(['config', 'init', '--from-json', 'answers.json'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${file} already exists`);
    expect(refused.stderr).toContain('--force');
    expect(await readFile(file, 'utf8')).toBe('keep: me\n');

    const forced = await runCli(['config', 'init', '--from-json', 'answers.json', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(await readFile(file, 'utf8')).toContain('institutionCode');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const elsewhere = await runCli(['config', 'init', '--from-json', 'answers.json', '--output', 'etc/clinic.yaml'], {
      cwd: dir,
    });
    expect(elsewhere.code).toBe(0);
    expect((await stat(join(dir, 'etc', 'clinic.yaml'))).mode & 0o777).toBe(0o600);
  });

  test('answers are checked like the wizard checks them: every problem, nothing written', async () => {
    const answers = validSettings() as LooseTree;
    answers.clinic.institutionCode = '123';
    answers.environments.operating.url = 'http://control.example.test';
    answers.environments.operating.credentials.clientCertificate.p12File = 'certs/missing.p12';
    answers.environments.localEmergency.database.port = 70000;
    answers.environments.cloudEmergency.credentials.apiKey = 'ANSWER-SECRET-Z9';
    delete answers.clinic.name;
    const dir = await answersDir(answers);
    const run = await runCli(['config', 'init', '--from-json', 'answers.json'], { cwd: dir });
    expect(run.code).toBe(2);
    for (const line of [
      'clinic.institutionCode: must be 10 digits',
      'environments.operating.url: must be an https URL',
      `environments.operating.credentials.clientCertificate.p12File: file not found: ${join(dir, 'certs', 'missing.p12')}`,
      'environments.localEmergency.database.port: must be from 1 to 65535',
      'clinic.name: is required',
    ]) {
      expect(run.stderr).toContain(line);
    }
    expect(run.stderr).toContain('nothing was written');
    expect(run.stderr + run.stdout).not.toContain('ANSWER-SECRET');
    expect(await exists(join(dir, 'orca-hybrid.yaml'))).toBe(false);
  });

  test('an answers file that does not parse names the file and position', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'answers.json'), '{"clinic": }');
    const run = await runCli(['config', 'init', '--from-json', 'answers.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Cannot parse .*answers\.json: JSON.* at line 1, column \d+/);
  });
});
