import { chmod, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import YAML from 'yaml';
import { createContext, type CommandContext } from '../../src/commands/context.js';
import { Output } from '../../src/ui/output.js';
import { tempDirs, validSettings, type LooseTree } from '../helpers/config-fixtures.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

function context(
  cwd: string,
  env: NodeJS.ProcessEnv = {},
  lang?: string,
): { ctx: CommandContext; stderr: () => string } {
  const ctx = createContext(
    { json: false, verbose: true, yes: false, color: false, lang },
    { argv: [], env: { LANG: 'C', ...env } },
  );
  const err = new PassThrough();
  let text = '';
  err.on('data', (chunk: Buffer) => (text += chunk.toString()));
  ctx.cwd = cwd;
  ctx.out = new Output({ json: false, verbose: true, color: false, stdout: new PassThrough(), stderr: err });
  return { ctx, stderr: () => text };
}

describe('the configuration of a command run (in process)', () => {
  test('reads …File secrets (trailing line breaks removed), environment beats a file secret', async () => {
    const dir = await dirs.make();
    const settings = validSettings() as LooseTree;
    settings.environments.operating.credentials.apiKeyFile = 'op.key';
    settings.environments.cloudEmergency.credentials.apiKeyFile = 'cloud.key';
    settings.environments.localEmergency.database.passwordFile = '/nonexistent/but/overridden';
    settings.environments.localEmergency.vm = { provider: 'lab', name: 'lab-vm', labDir: 'lab' };
    settings.stateDir = '~/orca-state';
    await writeFile(join(dir, 'orca-hybrid.yaml'), YAML.stringify(settings));
    await writeFile(join(dir, 'op.key'), 'op-secret\n\n', { mode: 0o600 });
    await writeFile(join(dir, 'cloud.key'), ' spaced secret \r\n', { mode: 0o600 });
    await chmod(join(dir, 'orca-hybrid.yaml'), 0o644);
    const { ctx, stderr } = context(dir, { ORCA_HYBRID_LOCAL_EMERGENCY_DB_PASSWORD: 'env-pw' });
    const { config, filepath } = await ctx.config();
    expect(filepath).toBe(join(dir, 'orca-hybrid.yaml'));
    const envs = config.environments;
    expect(envs.operating.credentials?.apiKey).toBe('op-secret');
    expect(envs.cloudEmergency.credentials.apiKey).toBe(' spaced secret ');
    expect(envs.localEmergency.database.password).toBe('env-pw');
    expect(envs.localEmergency.database.passwordFile).toBeUndefined();
    // No inline secret in the file: no warning about the file's mode.
    expect(stderr()).not.toContain('WARNING');
    // Relative paths resolve against the file's folder, `~/` against the home folder.
    expect(envs.localEmergency.vm?.labDir).toBe(join(dir, 'lab'));
    expect(config.stateDir).toBe(join(homedir(), 'orca-state'));
  });

  test('is loaded once per run; sets the configured language unless --lang was given', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'orca-hybrid.yaml'), YAML.stringify({ ...validSettings(), language: 'ja' }));
    const { ctx } = context(dir);
    const first = ctx.config();
    expect(ctx.config()).toBe(first);
    await first;
    expect(ctx.lang).toBe('ja');
    const flagged = context(dir, {}, 'en');
    const { config } = await flagged.ctx.config();
    expect(config.language).toBe('en');
    expect(flagged.ctx.lang).toBe('en');
  });
});
