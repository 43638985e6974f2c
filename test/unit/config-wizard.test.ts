import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import YAML from 'yaml';
import { runConfigInit } from '../../src/commands/config-init/run-init.js';
import type { Prompter, PromptValidator } from '../../src/commands/config-init/prompter.js';
import { createContext, type CommandContext } from '../../src/commands/context.js';
import { Output } from '../../src/ui/output.js';
import type { CommandOutcome } from '../../src/ui/outcome.js';
import { writeEnding } from '../../src/ui/run-report.js';
import { tempDirs, type LooseTree } from '../helpers/config-fixtures.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** Answers by question name; an array is a sequence of attempts that the prompt's own validation filters. */
function scriptedPrompter(script: Record<string, unknown>) {
  const asked: string[] = [];
  const messages: string[] = [];
  const rejected: Array<[string, unknown, string]> = [];
  const typed = (
    name: string,
    message: string,
    fallback: string | undefined,
    validate: PromptValidator,
  ): Promise<string> => {
    asked.push(name);
    messages.push(message);
    const given = script[name];
    const attempts = Array.isArray(given) ? given : [given ?? fallback ?? ''];
    for (const attempt of attempts as string[]) {
      const verdict = validate(attempt);
      if (verdict === true) return Promise.resolve(attempt);
      rejected.push([name, attempt, verdict]);
    }
    return Promise.reject(new Error(`no acceptable answer scripted for ${name}`));
  };
  const prompter: Prompter = {
    input: (q) => typed(q.name, q.message, q.default, q.validate),
    password: (q) => typed(q.name, q.message, undefined, q.validate),
    select: (q) => {
      asked.push(q.name);
      messages.push(q.message);
      const value = (script[q.name] as string | undefined) ?? q.default ?? q.choices[0]!.value;
      if (!q.choices.some((c) => c.value === value))
        return Promise.reject(new Error(`${value} is no choice of ${q.name}`));
      return Promise.resolve(value);
    },
    confirm: (q) => {
      asked.push(q.name);
      messages.push(q.message);
      return Promise.resolve((script[q.name] as boolean | undefined) ?? q.default ?? false);
    },
  };
  return { prompter, asked, messages, rejected };
}

function context(cwd: string, lang: 'en' | 'ja'): { ctx: CommandContext; stdout: () => string } {
  const ctx = createContext(
    { json: false, verbose: false, yes: false, color: false, lang },
    { argv: [], env: { LANG: 'C' } },
  );
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => (text += chunk.toString()));
  ctx.cwd = cwd;
  ctx.out = new Output({ json: false, verbose: false, color: false, stdout: out, stderr: new PassThrough() });
  return { ctx, stdout: () => text };
}

/** What `main()` prints of the command's outcome. */
function show(ctx: CommandContext, outcome: CommandOutcome): void {
  writeEnding({ kind: 'outcome', ...outcome }, ctx.out, ctx.t);
}

describe('config init wizard (scripted prompts)', () => {
  test('cloud operating environment: refuses bad answers, writes the expected 0600 file that validates', async () => {
    const dir = await dirs.make();
    await mkdir(join(dir, 'certs'));
    await writeFile(join(dir, 'certs', 'op.p12'), 'x');
    await writeFile(join(dir, 'certs', 'ce.p12'), 'x');
    const { prompter, asked, rejected } = scriptedPrompter({
      language: 'en',
      'clinic.institutionCode': ['12345', '1312345678'],
      'clinic.name': ['', 'Sakura Clinic'],
      'environments.operating.url': [
        'http://control.example.test',
        'https://user:pw@control.example.test',
        'https://control.example.test',
      ],
      'environments.operating.orcaApiUrl': 'https://weborca.example.test',
      'environments.operating.credentials.user': 'ormaster',
      'environments.operating.credentials.apiKey': 'WIZARD-KEY-1',
      'environments.operating.credentials.clientCertificate.p12File': ['certs/none.p12', 'certs', 'certs/op.p12'],
      'environments.operating.credentials.clientCertificate.passphrase': 'WIZARD-PASS-2',
      'environments.cloudEmergency.url': 'https://control-emergency.example.test',
      'environments.cloudEmergency.orcaApiUrl': 'https://weborca-emergency.example.test',
      'environments.cloudEmergency.credentials.user': 'ormaster',
      'environments.cloudEmergency.credentials.clientCertificate.p12File': 'certs/ce.p12',
      'environments.localEmergency.orcaApiUrl': 'http://192.168.0.10:8000',
      _localEmergencyApiAuth: false,
      _vm: true,
      'environments.localEmergency.vm.name': 'weborca-vm',
      'environments.localEmergency.vm.startTimeoutSeconds': ['5', 'abc', '600'],
      'backup.folder': 'backups',
      'backup.retention': ['0', '14'],
    });
    const { ctx, stdout } = context(dir, 'en');
    show(ctx, await runConfigInit(ctx, {}, prompter));

    const file = join(dir, 'orca-hybrid.yaml');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const written = YAML.parse(await readFile(file, 'utf8')) as unknown;
    expect(written).toEqual({
      language: 'en',
      clinic: { institutionCode: '1312345678', name: 'Sakura Clinic' },
      environments: {
        operating: {
          kind: 'cloud',
          url: 'https://control.example.test',
          orcaApiUrl: 'https://weborca.example.test',
          credentials: {
            user: 'ormaster',
            apiKey: 'WIZARD-KEY-1',
            clientCertificate: { p12File: join(dir, 'certs', 'op.p12'), passphrase: 'WIZARD-PASS-2' },
          },
          insecure: false,
        },
        cloudEmergency: {
          kind: 'cloud',
          url: 'https://control-emergency.example.test',
          orcaApiUrl: 'https://weborca-emergency.example.test',
          credentials: { user: 'ormaster', clientCertificate: { p12File: join(dir, 'certs', 'ce.p12') } },
          insecure: false,
        },
        localEmergency: {
          kind: 'postgres',
          database: { host: '127.0.0.1', port: 5432, database: 'orca', user: 'orca', sslmode: 'disable' },
          orcaApiUrl: 'http://192.168.0.10:8000',
          insecure: false,
          vm: {
            provider: 'virtualbox',
            name: 'weborca-vm',
            snapshot: 'clean',
            startTimeoutSeconds: 600,
            stopTimeoutSeconds: 120,
            rebuild: { update: [], updateTimeoutSeconds: 1800 },
          },
        },
      },
      backup: { folder: join(dir, 'backups'), retention: 14 },
      sync: { requestTimeoutSeconds: 30, deadlineMinutes: 45 },
      sequences: { margin: 0, lastKnownMargin: 100 },
      status: { timeoutSeconds: 5 },
    });
    expect(rejected).toEqual([
      ['clinic.institutionCode', '12345', 'must be 10 digits'],
      ['clinic.name', '', 'is required'],
      ['environments.operating.url', 'http://control.example.test', 'must be an https URL'],
      [
        'environments.operating.url',
        'https://user:pw@control.example.test',
        'must not contain a user or password (give them as credentials)',
      ],
      [
        'environments.operating.credentials.clientCertificate.p12File',
        'certs/none.p12',
        `file not found: ${join(dir, 'certs', 'none.p12')}`,
      ],
      ['environments.operating.credentials.clientCertificate.p12File', 'certs', `not a file: ${join(dir, 'certs')}`],
      ['environments.localEmergency.vm.startTimeoutSeconds', '5', 'must be from 10 to 3600'],
      ['environments.localEmergency.vm.startTimeoutSeconds', 'abc', 'must be a whole number from 10 to 3600'],
      ['backup.retention', '0', 'must be from 1 to 365'],
    ]);
    // Only the questions that apply are asked.
    expect(asked).not.toContain('environments.operating.database.host');
    expect(asked).not.toContain('environments.localEmergency.credentials.user');
    expect(asked).not.toContain('sync.deadlineMinutes');
    expect(stdout()).toContain(`✓ ${file} is valid`);
  });

  test('in Japanese, on-premises operating server, empty secrets left out, advanced settings asked', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'ca.pem'), 'x');
    const { prompter, messages } = scriptedPrompter({
      'clinic.institutionCode': '0123456789',
      'clinic.name': 'さくら医院',
      'environments.operating.kind': 'postgres',
      'environments.operating.database.host': '192.168.0.2',
      'environments.operating.database.sslmode': 'verify-full',
      'environments.operating.database.caFile': 'ca.pem',
      'environments.operating.orcaApiUrl': 'http://192.168.0.2:8000',
      'environments.operating.credentials.user': 'ormaster',
      'environments.cloudEmergency.url': 'https://c.example.test',
      'environments.cloudEmergency.orcaApiUrl': 'https://w.example.test',
      'environments.cloudEmergency.credentials.user': 'ormaster',
      _cloudEmergencyCert: 'none',
      'environments.localEmergency.orcaApiUrl': 'http://127.0.0.1:8000',
      'environments.localEmergency.credentials.user': 'ormaster',
      'backup.folder': '/var/backups/orca',
      _advanced: true,
      'sync.deadlineMinutes': '30',
      'status.timeoutSeconds': '2.5',
    });
    const { ctx, stdout } = context(dir, 'ja');
    show(ctx, await runConfigInit(ctx, { output: 'conf/orca.yaml' }, prompter));
    const file = join(dir, 'conf', 'orca.yaml');
    const written = YAML.parse(await readFile(file, 'utf8')) as LooseTree;
    expect(written.language).toBe('ja');
    expect(written.environments.operating.database).toEqual({
      host: '192.168.0.2',
      port: 5432,
      database: 'orca',
      user: 'orca',
      sslmode: 'verify-full',
      caFile: join(dir, 'ca.pem'),
    });
    expect(written.environments.operating.credentials).toEqual({ user: 'ormaster' });
    expect(written.environments.cloudEmergency.credentials).toEqual({ user: 'ormaster' });
    expect(written.sync).toEqual({ requestTimeoutSeconds: 30, deadlineMinutes: 30 });
    expect(written.status).toEqual({ timeoutSeconds: 2.5 });
    expect(written.stateDir).toBeUndefined();
    expect(messages).toContain('運用環境: PostgreSQL のホスト');
    expect(stdout()).toContain('は有効な設定です');
  });

  test('refuses to start over an existing file without --force', async () => {
    const dir = await dirs.make();
    await writeFile(join(dir, 'orca-hybrid.yaml'), 'keep: me\n');
    const { prompter, asked } = scriptedPrompter({});
    const { ctx } = context(dir, 'en');
    await expect(runConfigInit(ctx, {}, prompter)).rejects.toMatchObject({ key: 'config.init.exists', exitCode: 2 });
    expect(asked).toEqual([]);
  });
});
