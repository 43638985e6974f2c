/** The process runner against real child processes (sh, sleep, runuser, the PostgreSQL binaries). */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { PgTools } from '../../src/adapters/process/pg-tools.js';
import { ProcessError, runProcess } from '../../src/adapters/process/run.js';
import { windowsSystemProgram } from '../../src/adapters/process/tree-kill.js';
import { isPidAlive } from '../../src/adapters/fs/lock-holder.js';
import { CancelledError, ConfigError } from '../../src/core/errors.js';

const SECRET = 'sekrit-' + 'value-42';
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'orca-test-run-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('returns stdout, stderr and the exit code', async () => {
  const out = await runProcess('sh', ['-c', 'printf "%s" "$1"; printf warn >&2', 'sh', 'a b'], {});
  expect(out).toEqual({ stdout: 'a b', stderr: 'warn', exitCode: 0 });
});

test('passes secrets through env and stdin input, never into the error', async () => {
  const out = await runProcess('sh', ['-c', 'printf "%s" "$ORCA_SECRET"; cat'], {
    env: { ORCA_SECRET: SECRET },
    input: '+in',
  });
  expect(out.stdout).toBe(`${SECRET}+in`);
  const error = await runProcess('sh', ['-c', 'exit 3'], { env: { ORCA_SECRET: SECRET } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ProcessError);
  expect(JSON.stringify({ ...(error as ProcessError), message: (error as Error).message })).not.toContain(SECRET);
});

test('a non-zero exit throws ProcessError with the command, exit code and the last 20 stderr lines', async () => {
  const script = 'for i in $(seq 1 30); do echo "line $i" >&2; done; exit 7';
  const error = (await runProcess('/bin/sh', ['-c', script]).catch((e: unknown) => e)) as ProcessError;
  expect(error).toBeInstanceOf(ProcessError);
  expect(error.key).toBe('process.failed');
  expect(error.command).toBe('sh');
  expect(error.processExitCode).toBe(7);
  expect(error.stderrTail).toHaveLength(20);
  expect(error.stderrTail[0]).toBe('line 11');
  expect(error.stderrTail[19]).toBe('line 30');
  expect(error.params).toMatchObject({ command: 'sh', exitCode: 7 });
});

test('reject: false resolves with the exit code', async () => {
  expect((await runProcess('sh', ['-c', 'exit 4'], { reject: false })).exitCode).toBe(4);
});

test('stdoutFile sends stdout to a file', async () => {
  const file = join(dir, 'out.txt');
  const out = await runProcess('sh', ['-c', 'echo hello'], { stdoutFile: file });
  expect(out.stdout).toBe('');
  expect(readFileSync(file, 'utf8')).toBe('hello\n');
});

test('aborting the signal kills the child and throws CancelledError', async () => {
  const controller = new AbortController();
  let pid: number | undefined;
  const running = runProcess('sleep', ['60'], {
    signal: controller.signal,
    onSpawn: (spawned) => {
      pid = spawned.pid;
      controller.abort();
    },
  });
  await expect(running).rejects.toBeInstanceOf(CancelledError);
  expect(pid).toBeGreaterThan(0);
  expect(() => process.kill(pid!, 0)).toThrow(/ESRCH/);
});

test('on Windows a cancel ends the whole process tree (taskkill /T /F), not just the child', async () => {
  // taskkill cannot run here: a double on PATH (test/fixtures/doubles/taskkill) speaks its output and ends
  // the tree the way /T /F does. Without it, killing the shell alone would leave its `sleep` running.
  const doubles = fileURLToPath(new URL('../fixtures/doubles', import.meta.url));
  const log = join(dir, 'taskkill.log');
  const grandchildFile = join(dir, 'grandchild.pid');
  const saved = { PATH: process.env.PATH, TASKKILL_LOG: process.env.TASKKILL_LOG };
  process.env.PATH = `${doubles}:${process.env.PATH}`;
  process.env.TASKKILL_LOG = log;
  const controller = new AbortController();
  let pid: number | undefined;
  try {
    const running = runProcess('sh', ['-c', `sleep 60 & echo $! > '${grandchildFile}'; wait`], {
      platform: 'win32',
      signal: controller.signal,
      onSpawn: (spawned) => (pid = spawned.pid),
    });
    while (!existsSync(grandchildFile) || readFileSync(grandchildFile, 'utf8').trim() === '') await sleep(20);
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(CancelledError);
  } finally {
    Object.assign(process.env, saved);
    if (saved.TASKKILL_LOG === undefined) delete process.env.TASKKILL_LOG;
  }
  expect(readFileSync(log, 'utf8')).toBe(`/PID ${pid} /T /F\n`);
  // Gone, or a zombie waiting for init to reap it (the shell that would have reaped it is gone too).
  expect(isPidAlive(Number(readFileSync(grandchildFile, 'utf8')))).toBe(false);
});

test('taskkill and tasklist are named by their path under %SystemRoot% (no PATH entry can stand in for them)', () => {
  expect(windowsSystemProgram('taskkill', { SystemRoot: 'C:\\Windows' })).toBe('C:\\Windows\\System32\\taskkill.exe');
  expect(windowsSystemProgram('tasklist', {})).toBe('tasklist');
});

test('a timeout stops the child and throws ProcessError marked timedOut', async () => {
  const error = (await runProcess('sleep', ['60'], { timeoutMs: 200 }).catch((e: unknown) => e)) as ProcessError;
  expect(error).toBeInstanceOf(ProcessError);
  expect(error.key).toBe('process.timedOut');
  expect(error.timedOut).toBe(true);
});

test('a missing program is ProcessError process.notFound', async () => {
  const error = (await runProcess('orca-no-such-program', []).catch((e: unknown) => e)) as ProcessError;
  expect(error).toBeInstanceOf(ProcessError);
  expect(error.key).toBe('process.notFound');
});

const asRoot = process.getuid?.() === 0 ? test : test.skip;
asRoot('user runs the child as that OS user through runuser, keeping env', async () => {
  const out = await runProcess('sh', ['-c', 'id -un; printf "%s" "$ORCA_SECRET"'], {
    user: 'postgres',
    env: { ORCA_SECRET: 'x' },
  });
  expect(out.stdout).toBe('postgres\nx');
});

test('the PostgreSQL programs are found off PATH; a missing one names the places searched', async () => {
  const tools = new PgTools();
  expect(await tools.path('initdb')).toMatch(/^\/.+\/initdb$/);
  // Debian's PATH entry is the pg_wrapper Perl script (~0.2 s a call): the real program is used instead.
  expect(basename(realpathSync(await tools.path('pg_restore')))).toBe('pg_restore');
  expect(basename(realpathSync(await tools.path('pg_dump')))).toBe('pg_dump');
  const report = await tools.report();
  expect(report.programs.map((p) => [p.name, p.chosen?.version])).toEqual([
    ['pg_dump', expect.stringMatching(/^\d+\.\d+/)],
    ['pg_restore', expect.stringMatching(/^\d+\.\d+/)],
  ]);
  const error = await tools.path('pg_no_such_tool').catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).key).toBe('pgtools.missing');
  expect((error as ConfigError).details).toContain('- /usr/lib/postgresql/<major>/bin');
});

test('stdoutFile does not hold a large output in memory (no maxBuffer failure)', async () => {
  const file = join(dir, 'big.bin');
  await runProcess('head', ['-c', String(150 * 1024 * 1024), '/dev/zero'], { stdoutFile: file });
  expect(statSync(file).size).toBe(150 * 1024 * 1024);
  rmSync(file);
});
