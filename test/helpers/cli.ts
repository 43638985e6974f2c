import { execa, type Result } from 'execa';
import { fileURLToPath } from 'node:url';

/** The built launcher: e2e tests run exactly what a user runs. */
export const BIN = fileURLToPath(new URL('../../bin/orca-hybrid.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `orca-hybrid` with argument array, English messages unless LANG is given, no TTY. */
export async function runCli(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; input?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  const result: Result = await execa('node', [BIN, ...args], {
    reject: false,
    cwd: options.cwd,
    env: { LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', ...options.env },
    extendEnv: true,
    input: options.input ?? '',
    timeout: options.timeoutMs ?? 60_000,
  });
  return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
