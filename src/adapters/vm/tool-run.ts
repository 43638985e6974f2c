/**
 * Runs the hypervisor's program through the one process runner, always with an argument array, and
 * turns what can go wrong before the program even answers into the `vm.tool.*` errors: not found
 * (exit 2), timed out or corrupt install (exit 3). Exit codes and output are left to the adapter.
 */
import { basename } from 'node:path';
import { ConfigError, UnreachableError } from '../../core/errors.js';
import { ProcessError, runProcess } from '../process/run.js';
import type { VBoxRun } from './vbox-output.js';

export interface ToolRunOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /** Values the program reads from its environment (the Hyper-V scripts' VM name). */
  env?: Record<string, string>;
}

/** What the adapters need from a runner; tests may log around it. */
export type ToolRunner = (args: readonly string[], options: ToolRunOptions) => Promise<VBoxRun>;

/**
 * A runner for the program at `path` (located by `locateTool`); `env` is added to every call's environment.
 * Timeout messages name the operation by its first argument (`startvm`, or the PowerShell flag list's start).
 */
export function toolRunner(path: string, base: { env?: Record<string, string> } = {}): ToolRunner {
  const tool = basename(path);
  return async (args, options) => {
    let run: VBoxRun;
    try {
      run = await runProcess(path, args, {
        reject: false,
        signal: options.signal,
        timeoutMs: options.timeoutMs,
        env: { ...base.env, ...options.env },
      });
    } catch (error) {
      if (error instanceof ProcessError && error.timedOut) {
        throw new UnreachableError({
          key: 'vm.tool.timedOut',
          params: { tool, operation: args[0] ?? '', seconds: Math.round(options.timeoutMs / 1000) },
          hintKey: 'vm.tool.timedOut.hint',
          cause: error,
        });
      }
      if (error instanceof ProcessError && (error.key === 'process.notFound' || error.key === 'process.notStarted')) {
        throw new ConfigError({ key: 'vm.tool.missing', params: { tool }, hintKey: 'vm.tool.configuredMissing.hint' });
      }
      throw error;
    }
    const normalised = { ...run, stdout: run.stdout.replace(/\r\n/g, '\n'), stderr: run.stderr.replace(/\r\n/g, '\n') };
    // 126: the program was found but a part it loads is missing (Vagrant's reading): a damaged install.
    if (normalised.exitCode === 126) {
      throw new UnreachableError({
        key: 'vm.tool.broken',
        params: { tool },
        details: normalised.stderr
          .split('\n')
          .filter((l) => l.trim() !== '')
          .slice(-5),
        hintKey: 'vm.tool.broken.hint',
      });
    }
    return normalised;
  };
}
