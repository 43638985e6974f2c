import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import YAML from 'yaml';
import { runCli } from '../helpers/cli.js';
import { tempDirs, validSettings } from '../helpers/config-fixtures.js';
import { startHolder } from '../helpers/lock-holder.js';
import { journalLines, writeState } from '../helpers/state-files.js';

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

const journalText = (stateDir: string) => readFile(join(stateDir, 'journal.jsonl'), 'utf8').catch(() => '');
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

/** A state folder given through the environment, as a scheduled task would. */
async function stateFolder(): Promise<{ dir: string; env: NodeJS.ProcessEnv; cwd: string }> {
  const cwd = await dirs.make();
  const dir = join(cwd, 'state');
  return { dir, cwd, env: { ORCA_HYBRID_STATE_DIR: dir } };
}

describe('state file (built binary)', () => {
  test('a damaged state file: clear error, exit 5, file byte-for-byte untouched, nothing else written to it', async () => {
    const { dir, env, cwd } = await stateFolder();
    await mkdir(dir, { recursive: true });
    const bytes = Buffer.from('{\n  "schemaVersion": 1,\n  "mode": "emergency",\n  "selectedEmerg');
    await writeFile(join(dir, 'state.json'), bytes);
    const run = await runCli(['select', 'local'], { env, cwd });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(`The state file ${join(dir, 'state.json')} is damaged`);
    expect(run.stderr).toContain('never resets this file');
    expect((await readFile(join(dir, 'state.json'))).equals(bytes)).toBe(true);
    const json = await runCli(['select', 'local', '--json'], { env, cwd });
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'REFUSED', exitCode: 5 });
    expect((await readFile(join(dir, 'state.json'))).equals(bytes)).toBe(true);
  });

  test('a newer schemaVersion is refused with a hint to upgrade, file untouched', async () => {
    const { dir, env, cwd } = await stateFolder();
    await mkdir(dir, { recursive: true });
    const text = JSON.stringify({ schemaVersion: 2, mode: 'normal', selectedEmergency: 'cloud', future: true });
    await writeFile(join(dir, 'state.json'), text);
    const run = await runCli(['select', 'local'], { env, cwd });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('written by a newer orca-hybrid (state version 2');
    expect(run.stderr).toMatch(/Upgrade orca-hybrid/);
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toBe(text);
  });
});

describe('select and the journal (built binary)', () => {
  test('one journal line per state change with before/after; none for read-only commands', async () => {
    const { dir, env, cwd } = await stateFolder();
    const first = await runCli(['select', 'local'], { env, cwd });
    expect([first.code, first.stdout.trim()]).toEqual([
      0,
      'Selected: local emergency environment (was: cloud emergency environment).',
    ]);
    const second = await runCli(['select', 'cloud', '--json'], { env, cwd });
    expect(JSON.parse(second.stdout)).toEqual({
      selectedEmergency: 'cloud',
      previous: 'local',
      pushed: [],
      pending: [],
    });

    const lines = await journalLines(dir);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      command: 'select',
      args: ['select', 'local'],
      outcome: 'ok',
      exitCode: 0,
      before: { selectedEmergency: 'cloud' },
      after: { selectedEmergency: 'local' },
      host: hostname(),
    });
    expect(lines[1]).toMatchObject({ before: { selectedEmergency: 'local' }, after: { selectedEmergency: 'cloud' } });
    expect(typeof lines[0]!.user).toBe('string');
    expect(lines[0]!.durationMs).toBeGreaterThanOrEqual(0);

    const stateBefore = await readFile(join(dir, 'state.json'), 'utf8');
    for (const args of [['journal'], ['journal', '--json'], ['journal', '--since', '1h'], ['unlock']]) {
      expect((await runCli(args, { env, cwd })).code).toBe(0);
    }
    expect(await journalLines(dir)).toHaveLength(2);
    expect(await readFile(join(dir, 'state.json'), 'utf8')).toBe(stateBefore);

    const table = await runCli(['journal'], { env, cwd });
    expect(table.stdout).toContain('selectedEmergency: cloud emergency environment → local emergency environment');
    const json = JSON.parse((await runCli(['journal', '--json'], { env, cwd })).stdout) as unknown[];
    expect(json).toHaveLength(2);
  });

  test('select mid-outage warns and needs --yes without a terminal (exit 2); with it, it changes and is journaled', async () => {
    const { dir, env, cwd } = await stateFolder();
    writeState(dir, { mode: 'emergency', selectedEmergency: 'cloud' });
    const refused = await runCli(['select', 'local'], { env, cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('In emergency mode the clinic works in the cloud emergency environment');
    expect(refused.stderr).toContain('Pass --yes');
    const ja = await runCli(['--lang', 'ja', 'select', 'local'], { env, cwd });
    expect(ja.stderr).toContain('応急措置モードの間、医療機関はクラウド応急措置環境で入力しています');
    // No configuration here: the environments cannot be told yet, so both pushes stay pending.
    const yes = await runCli(['select', 'local', '--yes', '--json'], { env, cwd });
    expect([yes.code, JSON.parse(yes.stdout)]).toEqual([
      0,
      { selectedEmergency: 'local', previous: 'cloud', pushed: [], pending: ['cloudEmergency', 'localEmergency'] },
    ]);
    expect(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'))).toMatchObject({
      selectedEmergency: 'local',
      pendingModePushes: { cloudEmergency: 'normal', localEmergency: 'emergency' },
    });
    const lines = await journalLines(dir);
    expect(lines.map((l) => [l.outcome, l.exitCode])).toEqual([
      ['failed', 2],
      ['failed', 2],
      ['ok', 0],
    ]);
    expect(lines[2]!.after).toMatchObject({ selectedEmergency: 'local' });
  });

  test('a wrong choice or a bad --since is a usage error (exit 2) and journals nothing', async () => {
    const { dir, env, cwd } = await stateFolder();
    expect((await runCli(['select', 'moon'], { env, cwd })).code).toBe(2);
    const since = await runCli(['journal', '--since', 'yesterday'], { env, cwd });
    expect(since.code).toBe(2);
    expect(since.stderr).toContain('"yesterday" is not a date');
    expect(await exists(join(dir, 'journal.jsonl'))).toBe(false);
  });

  test('one duration syntax everywhere: journal --since takes 30s like --wait does; a bad one names the forms', async () => {
    const { env, cwd } = await stateFolder();
    expect((await runCli(['select', 'local'], { env, cwd })).code).toBe(0);
    const recent = await runCli(['journal', '--since', '30s', '--json'], { env, cwd });
    expect([recent.code, recent.stderr]).toEqual([0, '']);
    expect(JSON.parse(recent.stdout)).toHaveLength(1);
    expect(JSON.parse((await runCli(['journal', '--since', '1h30m', '--json'], { env, cwd })).stdout)).toHaveLength(1);
    const wait = await runCli(['bump-seq', '--env', 'localEmergency', '--wait', 'soon'], { env, cwd });
    expect(wait.code).toBe(2);
    expect(wait.stderr).toContain('--wait soon is not a duration');
    expect(wait.stderr).toContain('500ms, 30s, 5m, 1h30m, 7d');
  });

  test('a torn last journal line is skipped with a warning; the next change is still readable', async () => {
    const { dir, env, cwd } = await stateFolder();
    expect((await runCli(['select', 'local'], { env, cwd })).code).toBe(0);
    await writeFile(join(dir, 'journal.jsonl'), (await journalText(dir)) + '{"time":"2026-11-25T10:0');
    const read = await runCli(['journal', '--json'], { env, cwd });
    expect(read.code).toBe(0);
    expect(read.stderr).toContain('Skipped line 2 of the journal: it was cut off');
    expect(JSON.parse(read.stdout)).toHaveLength(1);
    expect((await runCli(['select', 'cloud'], { env, cwd })).code).toBe(0);
    expect(JSON.parse((await runCli(['journal', '--json'], { env, cwd })).stdout)).toHaveLength(2);
  });

  test('secrets from the config file and the environment never reach the journal', async () => {
    const cwd = await dirs.make();
    const stateDir = join(cwd, 'state-from-config');
    const settings = validSettings() as {
      environments: { operating: { credentials: Record<string, unknown> } };
      stateDir?: string;
    };
    settings.environments.operating.credentials.apiKey = 'sk-FILE-SECRET-1234';
    settings.stateDir = stateDir;
    await writeFile(join(cwd, 'orca-hybrid.yaml'), YAML.stringify(settings), { mode: 0o600 });
    const env = { ORCA_HYBRID_CLOUD_EMERGENCY_API_KEY: 'sk-ENV-SECRET-5678' };
    const run = await runCli(['select', 'local', '--verbose'], { env, cwd });
    expect([run.code, run.stderr]).toEqual([0, expect.any(String)]);
    const text = await journalText(stateDir);
    expect(text.split('\n').filter(Boolean)).toHaveLength(1);
    expect(text).not.toContain('SECRET');
  });

  test('journal and unlock work with a broken config (warning, default folder); select refuses (exit 2)', async () => {
    const cwd = await dirs.make();
    await writeFile(join(cwd, 'orca-hybrid.yaml'), 'clinic: [unclosed\n');
    const env = { XDG_STATE_HOME: join(cwd, 'xdg') };
    const journal = await runCli(['journal'], { env, cwd });
    expect(journal.code).toBe(0);
    expect(journal.stderr).toContain(`using the state folder ${join(cwd, 'xdg', 'orca-hybrid')}`);
    expect((await runCli(['unlock'], { env, cwd })).code).toBe(0);
    expect((await runCli(['select', 'local'], { env, cwd })).code).toBe(2);
    const flagged = await runCli(['select', 'local', '--state-dir', 'mine'], { env, cwd });
    expect(flagged.code).toBe(0);
    expect(await journalLines(join(cwd, 'mine'))).toHaveLength(1);
  });
});

describe('unlock (built binary)', () => {
  test('refuses (exit 5) while the holder runs on this host; removes the lock of a killed one, journaled', async () => {
    const { dir, env, cwd } = await stateFolder();
    const holder = startHolder(dir, 'sync', ['--phase', 'downloading']);
    expect(await holder.acquired).toBe(true);
    const refused = await runCli(['unlock', '--yes'], { env, cwd });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toContain(`Lock held by sync (pid ${holder.child.pid} on ${hostname()}`);
    expect(refused.stderr).toContain('is still running on this computer');
    expect(await exists(join(dir, 'orca-hybrid.lock'))).toBe(true);

    holder.child.kill('SIGKILL');
    await holder.exited();
    const removed = await runCli(['unlock', '--json'], { env, cwd });
    expect(removed.code).toBe(0);
    expect(JSON.parse(removed.stdout)).toMatchObject({
      removed: true,
      holder: { pid: holder.child.pid, stale: true, staleReason: 'deadProcess' },
    });
    expect(await exists(join(dir, 'orca-hybrid.lock'))).toBe(false);
    expect(await exists(join(dir, 'orca-hybrid.lock.json'))).toBe(false);
    const lines = await journalLines(dir);
    expect(lines.map((l) => [l.command, l.outcome, l.exitCode])).toEqual([
      ['unlock', 'failed', 5],
      ['unlock', 'ok', 0],
    ]);
    expect(lines[1]!.before).toMatchObject({ 'lock.pid': holder.child.pid, 'lock.command': 'sync' });
  });

  test('a holder on another host needs --yes when nobody can answer a prompt', async () => {
    const { dir, env, cwd } = await stateFolder();
    await mkdir(join(dir, 'orca-hybrid.lock'), { recursive: true });
    await writeFile(
      join(dir, 'orca-hybrid.lock.json'),
      JSON.stringify({
        pid: 4242,
        host: 'PC-01',
        user: 'staff',
        command: 'sync',
        startedAt: new Date().toISOString(),
        phase: 'downloading',
        nonce: 'n1',
      }),
    );
    const asked = await runCli(['unlock'], { env, cwd });
    expect(asked.code).toBe(5);
    expect(asked.stderr).toContain('pass --yes');
    expect(await exists(join(dir, 'orca-hybrid.lock'))).toBe(true);
    const yes = await runCli(['unlock', '--yes'], { env, cwd });
    expect([yes.code, yes.stdout.trim()]).toEqual([0, 'Lock removed.']);
    expect(await exists(join(dir, 'orca-hybrid.lock'))).toBe(false);
  });
});
