/**
 * A whole lab (`orca-hybrid lab up`) in a temp folder for one e2e test file, driven through the built
 * binary exactly as a newcomer would. `stop()` runs `lab down` and removes the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from './cli.js';

export interface LabFixture {
  dir: string;
  config: string;
  /** Runs `orca-hybrid --config <lab config> …args`. */
  run(args: string[], options?: { env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliRun>;
  /** Runs `orca-hybrid lab … --dir <lab>`. */
  lab(args: string[]): Promise<CliRun>;
  stop(): Promise<void>;
}

export async function startLab(options: { patients?: number; days?: number } = {}): Promise<LabFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'orca-lab-test-'));
  const lab = (args: string[]) => runCli(['lab', ...args, '--dir', dir], { timeoutMs: 180_000 });
  const up = await lab([
    'up',
    '--patients',
    String(options.patients ?? 30),
    '--days',
    String(options.days ?? 10),
    '--json',
  ]);
  if (up.code !== 0) {
    await lab(['down']);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`lab up failed (${up.code}): ${up.stderr}`);
  }
  const config = (JSON.parse(up.stdout) as { config: string }).config;
  return {
    dir,
    config,
    run: (args, opts = {}) =>
      runCli(['--config', config, ...args], { env: opts.env, timeoutMs: opts.timeoutMs ?? 120_000 }),
    lab,
    async stop() {
      await lab(['down']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
