import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournal } from '../../src/adapters/fs/journal-file.js';
import { FileStateStore } from '../../src/adapters/fs/state-file.js';
import { GuardError } from '../../src/core/errors.js';
import type { JournalEntry } from '../../src/core/journal.js';
import { defaultState } from '../../src/core/state.js';
import { recordSequences, recordSync, selectEmergency } from '../../src/core/state-changes.js';
import { createContext } from '../../src/commands/context.js';
import { runStateChange } from '../../src/commands/state-change.js';

const made: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'orca-state-test-'));
  made.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;
const ctxWith = (argv: string[]) =>
  createContext({ json: false, verbose: false, yes: false, color: false }, { argv, env: { LANG: 'C' } });
const at = new Date('2026-11-25T01:00:00.000Z');

async function journalLines(dir: string): Promise<JournalEntry[]> {
  const text = await readFile(join(dir, 'journal.jsonl'), 'utf8');
  return text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as JournalEntry);
}

describe('state file', () => {
  test('missing → the default state, and reading creates nothing', async () => {
    const dir = join(await tempDir(), 'state');
    expect(await new FileStateStore(dir).read()).toEqual(defaultState());
    await expect(stat(dir)).rejects.toThrow();
  });

  test('written atomically as 0600 in a 0700 folder, read back equal', async () => {
    const dir = join(await tempDir(), 'nested', 'state');
    const store = new FileStateStore(dir);
    const state = recordSync(selectEmergency(defaultState(), 'local'), { at, outcome: 'upToDate' });
    await store.write(state);
    expect(await store.read()).toEqual(state);
    expect(await mode(store.path)).toBe(0o600);
    expect(await mode(dir)).toBe(0o700);
  });

  test('a damaged file is refused and left byte-for-byte as it was', async () => {
    const dir = await tempDir();
    const store = new FileStateStore(dir);
    const bytes = Buffer.from('{"schemaVersion": 1, "mode": "emerg\u0000\xff', 'latin1');
    await writeFile(store.path, bytes);
    await chmod(store.path, 0o644);
    const error = await store.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GuardError);
    expect((error as GuardError).key).toBe('state.damaged');
    expect((await readFile(store.path)).equals(bytes)).toBe(true);
    expect(await mode(store.path)).toBe(0o644);
  });

  test('a byte-order mark (Notepad) is not damage', async () => {
    const dir = await tempDir();
    const store = new FileStateStore(dir);
    await writeFile(store.path, '\uFEFF' + JSON.stringify(selectEmergency(defaultState(), 'local')));
    expect((await store.read()).selectedEmergency).toBe('local');
  });
});

describe('journal file', () => {
  const entry = (command: string): JournalEntry => ({
    time: at.toISOString(),
    user: 'staff',
    host: 'PC-01',
    pid: 1,
    command,
    args: [command],
    before: {},
    after: {},
    outcome: 'ok',
    exitCode: 0,
    durationMs: 1,
  });

  test('appends 0600 lines; after a torn last line the next entry starts on its own line', async () => {
    const dir = await tempDir();
    const journal = new FileJournal(dir);
    await journal.append(entry('first'));
    expect(await mode(journal.path)).toBe(0o600);
    await writeFile(journal.path, (await readFile(journal.path, 'utf8')) + '{"time":"2026-11-25T0');
    expect((await journal.read()).problems).toEqual([{ line: 2, kind: 'torn' }]);
    await journal.append(entry('third'));
    const reading = await journal.read();
    expect(reading.entries.map((e) => e.command)).toEqual(['first', 'third']);
    expect(reading.problems).toEqual([{ line: 2, kind: 'invalid' }]);
  });

  test('a missing journal reads as empty', async () => {
    expect(await new FileJournal(join(await tempDir(), 'none')).read()).toEqual({ entries: [], problems: [] });
  });
});

/** The run's end as `main()` does it: the one journal line with the exit code of what ended the run. */
async function endRun(ctx: ReturnType<typeof ctxWith>, error?: { exitCode: number }): Promise<void> {
  await ctx.journal.write(error?.exitCode ?? 0, error);
}

describe('runStateChange and the run journal', () => {
  test('writes the state and exactly one journal line with the diff; secrets in arguments are redacted', async () => {
    const dir = await tempDir();
    const argv = [
      'sync',
      '--api-key',
      'sk-live-SECRET1',
      '--db-password=SECRET2',
      '--passphrase',
      'SECRET3',
      '--verbose',
    ];
    const ctx = ctxWith(argv);
    const result = await runStateChange(ctx, { stateDir: dir, command: 'sync' }, (state) => ({
      state: recordSequences(
        state,
        'operating',
        { outpatientSlip: 60, inpatientSlip: 20, patientSerial: 110, patientId: 110 },
        at,
      ),
      result: 42,
    }));
    expect(result).toBe(42);
    await endRun(ctx);
    await endRun(ctx);
    const raw = await readFile(join(dir, 'journal.jsonl'), 'utf8');
    expect(raw).not.toMatch(/SECRET/);
    const [line, ...rest] = await journalLines(dir);
    expect(rest).toHaveLength(0);
    expect(line).toMatchObject({ command: 'sync', outcome: 'ok', exitCode: 0, pid: process.pid });
    expect(line!.args).toEqual([
      'sync',
      '--api-key',
      '<redacted>',
      '--db-password=<redacted>',
      '--passphrase',
      '<redacted>',
      '--verbose',
    ]);
    expect(line!.after).toMatchObject({ 'lastKnownSequences.operating.values.outpatientSlip': 60 });
    expect(line!.before).toMatchObject({ 'lastKnownSequences.operating.values.outpatientSlip': null });
    expect((await new FileStateStore(dir).read()).lastKnownSequences.operating?.values.patientId).toBe(110);
  });

  test('a failure is journaled once with its exit code; checkpoints written before it stay and are in the diff', async () => {
    const dir = await tempDir();
    const refusal = new GuardError({ key: 'select.refused.emergency', params: { current: 'cloud' } });
    const ctx = ctxWith(['switch', 'emergency']);
    const run = runStateChange(ctx, { stateDir: dir, command: 'switch emergency' }, async (state, tools) => {
      await tools.checkpoint(selectEmergency(state, 'local'));
      throw refusal;
    });
    await expect(run).rejects.toBe(refusal);
    await endRun(ctx, refusal);
    const lines = await journalLines(dir);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      outcome: 'failed',
      exitCode: 5,
      error: { code: 'REFUSED' },
      after: { selectedEmergency: 'local' },
    });
    expect((await new FileStateStore(dir).read()).selectedEmergency).toBe('local');
  });

  test('a damaged state is journaled as failed and not replaced', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'state.json'), 'not json');
    const ctx = ctxWith(['select', 'local']);
    const run = runStateChange(ctx, { stateDir: dir, command: 'select' }, (state) => ({
      state: selectEmergency(state, 'local'),
      result: null,
    }));
    const damaged = await run.catch((error: GuardError) => error);
    expect(damaged).toMatchObject({ key: 'state.damaged', exitCode: 5 });
    await endRun(ctx, damaged as GuardError);
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toBe('not json');
    expect((await journalLines(dir))[0]).toMatchObject({ outcome: 'failed', exitCode: 5, before: {}, after: {} });
  });

  test('concurrent changes are serialised: none is lost', async () => {
    const dir = await tempDir();
    const envs = ['operating', 'cloudEmergency', 'localEmergency'] as const;
    await Promise.all(
      envs.map(async (env, i) => {
        const ctx = ctxWith(['sync']);
        await runStateChange(ctx, { stateDir: dir, command: 'sync' }, async (state) => {
          await new Promise((resolve) => setTimeout(resolve, 50));
          const values = { outpatientSlip: i, inpatientSlip: i, patientSerial: i, patientId: i };
          return { state: recordSequences(state, env, values, at), result: null };
        });
        await endRun(ctx);
      }),
    );
    const state = await new FileStateStore(dir).read();
    expect(Object.keys(state.lastKnownSequences).sort()).toEqual([...envs].sort());
    expect(await journalLines(dir)).toHaveLength(3);
  });
});
