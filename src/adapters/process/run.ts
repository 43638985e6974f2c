/**
 * The one process runner (STYLE.md §5): the only module that imports execa. Argument arrays only, secrets
 * through `env` (never argv), a typed `ProcessError` carrying the command name, exit code and the tail of
 * stderr (never the environment), and cancellation through an AbortSignal that kills the child.
 */
import { accessSync, constants as fsConstants, existsSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { CancelledError, OrcaError, UnexpectedError, ExitCode } from '../../core/errors.js';
import { cancelTreeOnAbort } from './tree-kill.js';

export interface RunOptions {
  /** Added to the inherited environment; the place for PGPASSWORD and other secrets. */
  env?: Record<string, string>;
  cwd?: string;
  /** Written to the child's stdin. */
  input?: string;
  timeoutMs?: number;
  /**
   * Aborting kills the child and throws CancelledError: SIGTERM, then SIGKILL after 5 s; on Windows, where
   * there are no signals, its whole process tree (`taskkill /T /F`, see tree-kill.ts).
   */
  signal?: AbortSignal;
  /** Whose way of cancelling applies; this machine's by default (tests run the Windows way anywhere). */
  platform?: NodeJS.Platform;
  /** Run as this OS user (via `runuser`) when we are root; when we already are this user, run directly. */
  user?: string;
  /** Send stdout to this file instead of buffering it (the returned `stdout` is then empty). */
  stdoutFile?: string;
  /** `false`: resolve with the exit code instead of throwing ProcessError on a non-zero exit. */
  reject?: boolean;
  /** Called once the child exists, with what was really spawned (tests check argv for secrets). */
  onSpawn?: (spawned: SpawnedProcess) => void;
}

export interface SpawnedProcess {
  pid: number | undefined;
  file: string;
  args: readonly string[];
}

export interface ProcessOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const STDERR_TAIL_LINES = 20;
const spawnListeners = new Set<(spawned: SpawnedProcess) => void>();

/**
 * Observes every child this runner starts (for `--verbose` command logs and for tests that check argv for
 * secrets). Returns the function that stops observing. Listeners must not throw.
 */
export function observeSpawns(listener: (spawned: SpawnedProcess) => void): () => void {
  spawnListeners.add(listener);
  return () => void spawnListeners.delete(listener);
}

/** A child process failed: not found, non-zero exit, killed or timed out. Callers may map it further. */
export class ProcessError extends OrcaError {
  readonly exitCode: number = ExitCode.unexpected;
  readonly code = 'PROCESS';
  /** Base name of the program, e.g. `pg_dump`. */
  readonly command: string;
  /** The child's exit code; null when it was killed or never started. */
  readonly processExitCode: number | null;
  readonly stderrTail: string[];
  readonly timedOut: boolean;

  constructor(init: {
    key: string;
    command: string;
    processExitCode: number | null;
    stderrTail: string[];
    timedOut?: boolean;
    cause?: unknown;
    signal?: string | null;
  }) {
    super({
      key: init.key,
      params: { command: init.command, exitCode: init.processExitCode ?? init.signal ?? 'none' },
      hintKey: `${init.key}.hint`,
      details: init.stderrTail,
      cause: init.cause,
    });
    this.command = init.command;
    this.processExitCode = init.processExitCode;
    this.stderrTail = init.stderrTail;
    this.timedOut = init.timedOut ?? false;
  }
}

/** Runs `file args…` and returns its output; throws ProcessError on failure unless `reject: false`. */
export async function runProcess(file: string, args: readonly string[], opts: RunOptions = {}): Promise<ProcessOutput> {
  const [spawnFile, spawnArgs] = wrapForUser(file, args, opts.user);
  const command = basename(file);
  const windows = (opts.platform ?? process.platform) === 'win32';
  let child: ResultPromise;
  try {
    child = execa(spawnFile, spawnArgs, {
      env: opts.env ?? {},
      extendEnv: true,
      cwd: opts.cwd,
      input: opts.input,
      timeout: opts.timeoutMs,
      cancelSignal: windows ? undefined : opts.signal,
      forceKillAfterDelay: 5000,
      reject: false,
      stdin: opts.input === undefined ? 'ignore' : 'pipe',
      stdout: opts.stdoutFile === undefined ? 'pipe' : { file: opts.stdoutFile },
      // A file target must not also be held in memory (dumps are large).
      buffer: { stdout: opts.stdoutFile === undefined, stderr: true },
      stripFinalNewline: false,
      encoding: 'utf8',
    });
  } catch (error) {
    throw new ProcessError({ key: 'process.notStarted', command, processExitCode: null, stderrTail: [], cause: error });
  }
  const spawned: SpawnedProcess = { pid: child.pid, file: spawnFile, args: [...spawnArgs] };
  opts.onSpawn?.(spawned);
  for (const listener of spawnListeners) listener(spawned);
  const treeCancelled = windows ? cancelTreeOnAbort(child, opts.signal, runProcess) : () => Promise.resolve(false);
  const result = await child;
  const cancelled = (await treeCancelled()) || result.isCanceled;
  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  if (cancelled) throw new CancelledError({ key: 'process.cancelled', params: { command } });
  const tail = tailLines(stderr);
  if (result.exitCode === undefined && !result.timedOut && result.signal === undefined) {
    // Never started (ENOENT, EACCES): report the missing program, not an exit code.
    const key = /ENOENT/.test(result.originalMessage ?? '') ? 'process.notFound' : 'process.notStarted';
    throw new ProcessError({ key, command, processExitCode: null, stderrTail: tail });
  }
  if (result.timedOut) {
    throw new ProcessError({
      key: 'process.timedOut',
      command,
      processExitCode: null,
      stderrTail: tail,
      timedOut: true,
    });
  }
  const exitCode = result.exitCode ?? -1;
  if ((result.failed || exitCode !== 0) && opts.reject !== false) {
    throw new ProcessError({
      key: 'process.failed',
      command,
      processExitCode: result.exitCode ?? null,
      stderrTail: tail,
      signal: result.signal ?? null,
    });
  }
  return { stdout, stderr, exitCode };
}

function tailLines(stderr: string): string[] {
  const lines = stderr.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(-STDERR_TAIL_LINES);
}

function wrapForUser(file: string, args: readonly string[], user: string | undefined): [string, string[]] {
  if (user === undefined) return [file, [...args]];
  if (process.getuid?.() === 0) return [findRunuser(), ['-u', user, '--', file, ...args]];
  if (userInfo().username === user) return [file, [...args]];
  throw new UnexpectedError({ key: 'process.needsRoot', params: { command: basename(file), user } });
}

function findRunuser(): string {
  for (const candidate of ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser']) {
    if (existsSync(candidate)) return candidate;
  }
  return 'runuser';
}

/** Whether `path` is an executable regular file. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
