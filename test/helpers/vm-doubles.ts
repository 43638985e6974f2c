/**
 * The VBoxManage and powershell.exe test doubles (test/doubles/README.md) for one test: a temporary world
 * file describing the VMs, a log of every call's argv, and the environment that puts the doubles first on
 * PATH. `calls()` reads the log back; `world()` reads the VMs' state as the doubles left it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DOUBLES_BIN = fileURLToPath(new URL('../doubles/bin', import.meta.url));

export interface VBoxVm {
  state: string;
  forwards?: string[];
  snapshots?: string[];
  currentSnapshot?: string;
  acpi?: 'obey' | 'ignore';
  acpiPolls?: number;
  startExit1?: boolean;
  lockedStarts?: number;
  lockedRestores?: number;
  restored?: string[];
  starts?: number;
  hyperv?: HyperVVm;
}

export interface HyperVVm {
  state: string;
  stateNumber?: number;
  stateName?: string;
  shutdown?: 'obey' | 'ignore';
  snapshots?: string[];
  snapshot?: string;
  restored?: string[];
}

export interface DoubleWorld {
  vms: Record<string, VBoxVm>;
  /** Error lines start `VBoxManage.exe: error:` and lines end in CRLF, as on Windows. */
  windows?: boolean;
  crlf?: boolean;
  /** false: every Hyper-V cmdlet answers as to a console without administrator rights. */
  elevated?: boolean;
  hangMs?: number;
}

export interface DoubleCall {
  tool: string;
  argv: string[];
  script: string | null;
  vmName: string | null;
}

export interface VmDoubles {
  dir: string;
  /** Environment for the tool (or the CLI) under test: doubles first on PATH, world and log files. */
  env: Record<string, string>;
  setWorld(world: DoubleWorld): void;
  world(): DoubleWorld;
  calls(): DoubleCall[];
  /** The argv of every call, in order. */
  argvs(): string[][];
  cleanup(): void;
}

export function createVmDoubles(world: DoubleWorld): VmDoubles {
  const dir = mkdtempSync(join(tmpdir(), 'orca-vm-double-'));
  const worldFile = join(dir, 'world.json');
  const logFile = join(dir, 'calls.jsonl');
  writeFileSync(logFile, '');
  const setWorld = (next: DoubleWorld): void => writeFileSync(worldFile, JSON.stringify(next, null, 2));
  setWorld(world);
  const calls = (): DoubleCall[] =>
    readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as DoubleCall);
  return {
    dir,
    env: {
      PATH: `${DOUBLES_BIN}${delimiter}${process.env.PATH ?? ''}`,
      VM_DOUBLE_WORLD: worldFile,
      VM_DOUBLE_LOG: logFile,
    },
    setWorld,
    world: () => JSON.parse(readFileSync(worldFile, 'utf8')) as DoubleWorld,
    calls,
    argvs: () => calls().map((c) => c.argv),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
