import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import YAML from 'yaml';
import { runCli, type CliRun } from '../helpers/cli.js';
import { tempDirs, validSettings, type LooseTree } from '../helpers/config-fixtures.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const SECRETS = [
  'INLINE-SECRET-A1',
  'FILE-SECRET-B2',
  'FILE-SECRET-C3',
  'ENV-SECRET-D4',
  'ENV-SECRET-E5',
  'INLINE-SECRET-F6',
];
const env = {
  ORCA_HYBRID_OPERATING_P12_PASSPHRASE: 'ENV-SECRET-D4',
  ORCA_HYBRID_ENVIRONMENTS__LOCAL_EMERGENCY__CREDENTIALS__API_KEY: 'ENV-SECRET-E5',
};

async function makeClinic(extra: (settings: LooseTree) => void = () => undefined): Promise<string> {
  const dir = await dirs.make();
  const settings = validSettings() as LooseTree;
  settings.environments.operating.credentials.apiKey = 'INLINE-SECRET-A1';
  settings.environments.cloudEmergency.credentials.apiKeyFile = 'secrets/cloud.key';
  settings.environments.localEmergency.database.passwordFile = 'db.pw';
  settings.environments.localEmergency.credentials = { user: 'ormaster' };
  settings.environments.localEmergency.vm = { provider: 'lab', name: 'orca-vm' };
  extra(settings);
  await mkdir(join(dir, 'secrets'));
  await writeFile(join(dir, 'secrets', 'cloud.key'), 'FILE-SECRET-B2\n', { mode: 0o600 });
  await writeFile(join(dir, 'db.pw'), 'FILE-SECRET-C3\r\n');
  await chmod(join(dir, 'db.pw'), 0o644);
  await writeFile(join(dir, 'orca-hybrid.yaml'), YAML.stringify(settings), { mode: 0o600 });
  return dir;
}

function expectNoSecret(runs: CliRun[]): void {
  for (const run of runs) {
    for (const secret of SECRETS) {
      expect([secret, run.stdout.includes(secret), run.stderr.includes(secret)]).toEqual([secret, false, false]);
    }
  }
}

describe('secrets never appear in output (built binary)', () => {
  test('config show, show --json and --verbose redact inline, file and environment secrets', async () => {
    const dir = await makeClinic();
    const runs = await Promise.all([
      runCli(['config', 'show'], { cwd: dir, env }),
      runCli(['config', 'show', '--json'], { cwd: dir, env }),
      runCli(['config', 'show', '--verbose'], { cwd: dir, env }),
      runCli(['config', 'validate', '--verbose', '--json'], { cwd: dir, env }),
    ]);
    for (const run of runs) expect(run.code).toBe(0);
    expectNoSecret(runs);

    const doc = JSON.parse(runs[1]!.stdout) as { config: LooseTree };
    const envs = doc.config.environments;
    expect(envs.operating.credentials.apiKey).toBe('<redacted>');
    expect(envs.operating.credentials.clientCertificate.passphrase).toBe('<redacted>');
    expect(envs.cloudEmergency.credentials).toEqual({
      user: 'ormaster',
      apiKey: '<redacted>',
      apiKeyFile: join(dir, 'secrets', 'cloud.key'),
    });
    expect(envs.localEmergency.database.password).toBe('<redacted>');
    expect(envs.localEmergency.credentials.apiKey).toBe('<redacted>');
    expect(runs[0]!.stdout).toContain('apiKey: <redacted>');
    // Verbose names the variables used, never their values; a secret file others can read is a warning.
    expect(runs[2]!.stderr).toContain('ORCA_HYBRID_OPERATING_P12_PASSPHRASE');
    expect(runs[2]!.stderr).toContain(`the secret file ${join(dir, 'db.pw')} can be read by other users (mode 0644)`);
    expect(runs[2]!.stderr).not.toContain('cloud.key can be read');
  });

  test('error output of an invalid configuration holding secrets shows none of them', async () => {
    const dir = await makeClinic((s) => {
      s.backup.retention = 0;
      s.environments.operating.credentials.apiKey = 12345;
      s.environments.cloudEmergency.credentials.clientCertificate = { passphrase: 'INLINE-SECRET-F6' };
      s.environments.operating.database = { password: 'INLINE-SECRET-F6' };
    });
    const runs = await Promise.all([
      runCli(['config', 'validate', '--verbose'], { cwd: dir, env }),
      runCli(['config', 'validate', '--json'], { cwd: dir, env }),
      runCli(['config', 'show', '--verbose', '--json'], { cwd: dir, env }),
    ]);
    for (const run of runs) expect(run.code).toBe(2);
    expect(runs[0]!.stderr).toContain('backup.retention: must be at least 1');
    expect(runs[0]!.stderr).toContain('environments.operating.credentials.apiKey');
    expectNoSecret(runs);
  });

  test('an unreadable secret file is a problem at its path; a secret given twice in one layer too', async () => {
    const dir = await makeClinic((s) => {
      s.environments.localEmergency.database.passwordFile = 'missing.pw';
      s.environments.operating.credentials.apiKeyFile = 'secrets/cloud.key';
    });
    const run = await runCli(['config', 'validate'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `environments.localEmergency.database.passwordFile: cannot read ${join(dir, 'missing.pw')} (ENOENT)`,
    );
    expect(run.stderr).toContain(
      'environments.operating.credentials.apiKeyFile: give either apiKey or apiKeyFile, not both',
    );
    expectNoSecret([run]);
  });
});
