/**
 * Whether a live pid on this host is still the program that recorded it. Windows hands a freed pid to the
 * next process within moments, so a lock whose holder died (the task's time limit ends it, the PC is
 * switched off) would look held for as long as an unrelated process wears that number. There the lock's
 * liveness check also asks `tasklist` for the pid's image name and takes a holder whose pid now belongs to
 * another program as gone. POSIX systems hand pids out in order and wrap only after tens of thousands.
 */
import path from 'node:path';
import { runProcess } from './run.js';
import { windowsSystemProgram } from './tree-kill.js';

/**
 * The image name of `pid` (`node.exe`) from `tasklist /FI "PID eq <pid>" /FO CSV /NH`; null when no process
 * has it; undefined when that cannot be told (tasklist missing or failing, an output it cannot read).
 */
export async function windowsImageName(pid: number): Promise<string | null | undefined> {
  const result = await runProcess(windowsSystemProgram('tasklist'), ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'], {
    reject: false,
    timeoutMs: 15_000,
  }).catch(() => null);
  if (result === null || result.exitCode !== 0) return undefined;
  for (const line of result.stdout.split(/\r?\n/)) {
    const row = /^"([^"]+)","(\d+)"/.exec(line.trim());
    if (row && Number(row[2]) === pid) return row[1]!;
  }
  // No row: tasklist's "no tasks are running" notice (localised), i.e. no such process.
  return result.stdout.trim() === '' ? undefined : null;
}

/**
 * True when `pid` is known to belong to another program than this one (`node.exe`): on Windows only, where
 * pids are reused at once. False when it is ours, or when that cannot be told (the caller keeps the lock).
 */
export async function pidReused(pid: number, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  if (platform !== 'win32') return false;
  const image = await windowsImageName(pid);
  if (image === undefined) return false;
  if (image === null) return true;
  const program = (name: string) =>
    path.win32
      .basename(name)
      .toLowerCase()
      .replace(/\.exe$/, '');
  return program(image) !== program(process.execPath);
}
