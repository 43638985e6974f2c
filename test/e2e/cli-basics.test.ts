import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('orca-hybrid binary', () => {
  test('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });

  test('--help lists the global options in English and Japanese', async () => {
    const en = await runCli(['--help']);
    expect(en.code).toBe(0);
    for (const flag of ['--config', '--json', '--lang', '--verbose', '--yes', '--no-color'])
      expect(en.stdout).toContain(flag);
    const ja = await runCli(['--help'], { env: { LANG: 'ja_JP.UTF-8' } });
    expect(ja.stdout).toContain('設定ファイル');
  });

  test('an unknown command is a usage error (exit 2)', async () => {
    const run = await runCli(['no-such-command']);
    expect(run.code).toBe(2);
  });
});
