/**
 * Cancelling a child on Windows, where signals do not exist: Node's (and execa's) kill is TerminateProcess
 * of the child alone, which leaves whatever the child started running on (a program started through a
 * wrapper, a helper it spawned). `taskkill /PID <pid> /T /F` ends the child and its whole process tree; the
 * child's own kill follows in case taskkill could not run. On POSIX execa's SIGTERM (then SIGKILL after 5 s)
 * stays: pg_dump and pg_restore end their own workers on SIGTERM.
 */
import path from 'node:path';
import type { ResultPromise } from 'execa';

type Run = (file: string, args: readonly string[], opts: { reject: false; timeoutMs: number }) => Promise<unknown>;

/**
 * A program of Windows itself by its absolute path, `%SystemRoot%\System32\<name>.exe`, so no PATH entry
 * can stand in for it; the bare name when SystemRoot is unknown (the tests' doubles on PATH).
 */
export function windowsSystemProgram(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const root = env.SystemRoot ?? env.SYSTEMROOT;
  return root && path.win32.isAbsolute(root) ? path.win32.join(root, 'System32', `${name}.exe`) : name;
}

/**
 * Ends `child`'s process tree once `signal` aborts. Returns the function to call when the child has ended:
 * it stops listening and tells whether the end was this cancellation (after the kill has finished).
 */
export function cancelTreeOnAbort(
  child: ResultPromise,
  signal: AbortSignal | undefined,
  run: Run,
): () => Promise<boolean> {
  if (signal === undefined) return () => Promise.resolve(false);
  let killing: Promise<void> | null = null;
  const onAbort = (): void => {
    const pid = child.pid;
    const tree =
      pid === undefined
        ? Promise.resolve()
        : run(windowsSystemProgram('taskkill'), ['/PID', String(pid), '/T', '/F'], {
            reject: false,
            timeoutMs: 30_000,
          });
    killing = tree.catch(() => undefined).then(() => void child.kill());
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return async () => {
    signal.removeEventListener('abort', onAbort);
    if (killing === null) return false;
    await killing;
    return true;
  };
}
