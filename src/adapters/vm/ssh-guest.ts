/**
 * `GuestShell` over OpenSSH (`ssh`, `ssh.exe` on Windows 10+ and macOS): each update step runs as
 * `ssh -o BatchMode=yes … user@host -- <command>`. ssh hands the remote side one command line for its
 * shell, so each argument is quoted for a POSIX shell here; nothing else ever builds a command string.
 * Keys only (BatchMode: never a password prompt); the host key must already be known (docs/vm.md).
 */
import type { GuestShell } from '../../core/hypervisor.js';
import { ConfigError, UnreachableError } from '../../core/errors.js';
import { ProcessError, runProcess, type ProcessOutput } from '../process/run.js';

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  identityFile?: string;
  /** ssh's own path (`vm.rebuild.ssh.executable`); `ssh` from the PATH otherwise. */
  executable?: string;
}

/** One argument for a POSIX shell: plain words as they are, anything else in single quotes. */
export function shellQuote(arg: string): string {
  if (/^[A-Za-z0-9_./=:,+@%-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The ssh argv for one step. */
export function sshArgs(target: SshTarget, argv: readonly string[]): string[] {
  return [
    '-o',
    'BatchMode=yes',
    '-o',
    'ConnectTimeout=15',
    '-o',
    'ServerAliveInterval=30',
    '-p',
    String(target.port),
    ...(target.identityFile ? ['-i', target.identityFile, '-o', 'IdentitiesOnly=yes'] : []),
    `${target.user}@${target.host}`,
    '--',
    argv.map(shellQuote).join(' '),
  ];
}

const OUTPUT_TAIL_LINES = 15;

export class SshGuestShell implements GuestShell {
  readonly describe: string;

  constructor(private readonly target: SshTarget) {
    this.describe = `ssh ${target.user}@${target.host}:${target.port}`;
  }

  async run(
    argv: readonly string[],
    options: { timeoutMs: number; signal?: AbortSignal },
  ): Promise<{ exitCode: number; outputTail: string[] }> {
    const ssh = this.target.executable ?? (process.platform === 'win32' ? 'ssh.exe' : 'ssh');
    let result: ProcessOutput;
    try {
      result = await runProcess(ssh, sshArgs(this.target, argv), {
        reject: false,
        timeoutMs: options.timeoutMs,
        signal: options.signal,
      });
    } catch (error) {
      if (!(error instanceof ProcessError)) throw error;
      if (error.timedOut) {
        throw new UnreachableError({
          key: 'vm.guest.timedOut',
          params: { command: argv.join(' '), via: this.describe, seconds: Math.round(options.timeoutMs / 1000) },
          hintKey: 'vm.guest.timedOut.hint',
        });
      }
      throw new ConfigError({ key: 'vm.tool.missing', params: { tool: ssh }, hintKey: 'vm.tool.missing.hint.ssh' });
    }
    const lines = `${result.stdout}\n${result.stderr}`.split(/\r?\n/).filter((line) => line.trim() !== '');
    return { exitCode: result.exitCode, outputTail: lines.slice(-OUTPUT_TAIL_LINES) };
  }
}
