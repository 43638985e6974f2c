import { execa, type ResultPromise } from 'execa';
import { fileURLToPath } from 'node:url';

/** The fixture process that takes the lock through the built dist (test/fixtures/hold-lock.mjs). */
export const HOLD_LOCK = fileURLToPath(new URL('../fixtures/hold-lock.mjs', import.meta.url));

export interface HolderProcess {
  child: ResultPromise<{ reject: false; stdin: 'pipe' }>;
  /** Resolves true once the child printed "acquired", false when it exited without. */
  acquired: Promise<boolean>;
  release(): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Tells it to exit at once without releasing (`process.exit`, as a second Ctrl-C does). */
  quit(): Promise<{ code: number; stdout: string; stderr: string }>;
  /** Waits for the exit without telling it to release. */
  exited(): Promise<{ code: number; stdout: string; stderr: string }>;
}

/** Starts a process that takes the lock of `stateDir` as `command` and holds it until `release()`. */
export function startHolder(stateDir: string, command: string, extra: string[] = []): HolderProcess {
  const child = execa('node', [HOLD_LOCK, stateDir, command, ...extra], {
    reject: false,
    stdin: 'pipe',
    env: { LANG: 'C' },
  });
  let seen = '';
  const acquired = new Promise<boolean>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('acquired')) resolve(true);
    });
    void child.then(() => resolve(false));
  });
  const exited = async () => {
    const result = await child;
    return {
      code: result.exitCode ?? (result.signal ? -1 : 0),
      stdout: String(result.stdout),
      stderr: String(result.stderr),
    };
  };
  return {
    child,
    acquired,
    exited,
    release: async () => {
      child.stdin.end('release\n');
      return exited();
    },
    quit: async () => {
      child.stdin.end('exit\n');
      return exited();
    },
  };
}
