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

  test.each([
    [['--json', 'frobnicate'], "unknown command 'frobnicate'"],
    [['--json', 'restore', '--target', 'nonsense'], "argument 'nonsense' is invalid"],
    [['--json', 'bump-seq'], "required option '--env <env>' not specified"],
    [['select', 'moon', '--json'], "value 'moon' is invalid"],
  ])('--json with a usage error %j prints the error document on stdout (exit 2)', async (args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      error: {
        code: 'USAGE',
        exitCode: 2,
        message: expect.stringContaining(message),
        details: [],
        hint: expect.any(String),
      },
    });
    expect(run.stderr).toContain(message);
  });

  test('--lang fr is one clear error (exit 2), not followed by a usage listing; --json gets its document', async () => {
    for (const args of [
      ['--lang', 'fr', 'status'],
      ['--lang=fr', 'journal'],
    ]) {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([
        'Error: --lang fr: orca-hybrid speaks ja (日本語) and en (English).',
        'Next step: Pass --lang ja or --lang en, or leave it out to follow the configuration and LANG.',
      ]);
      expect(run.stdout).toBe('');
    }
    const json = await runCli(['--json', '--lang', 'fr', 'status']);
    expect([json.code, JSON.parse(json.stdout).error.code]).toEqual([2, 'USAGE']);
  });
});
