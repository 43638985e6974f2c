/**
 * Starting and stopping the lab daemon. The daemon is a long-lived detached child, not a program run to
 * completion, so it is spawned with node:child_process here rather than through the process runner.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { UnexpectedError } from '../core/errors.js';
import { isAlive, readDaemonInfo, type DaemonInfo } from './daemon-info.js';
import type { LabLayout } from './layout.js';

const DAEMON_SCRIPT = fileURLToPath(new URL('./daemon.js', import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The running daemon's info, or null when none runs (a stale pid file is ignored). */
export async function runningDaemon(layout: LabLayout): Promise<DaemonInfo | null> {
  const info = await readDaemonInfo(layout.daemonReady);
  return info && isAlive(info.pid) ? info : null;
}

export async function startDaemon(layout: LabLayout, timeoutMs = 60_000): Promise<DaemonInfo> {
  await rm(layout.daemonReady, { force: true });
  const logFd = openSync(layout.daemonLog, 'a', 0o600);
  const child = spawn(process.execPath, [DAEMON_SCRIPT, layout.dir], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  child.unref();
  await writeFile(layout.daemonPid, `${child.pid}\n`, { mode: 0o600 });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const info = await readDaemonInfo(layout.daemonReady);
    if (info && info.pid === child.pid) return info;
    if (exited !== null) break;
    await sleep(100);
  }
  if (exited === null && child.pid) process.kill(child.pid, 'SIGKILL');
  throw new UnexpectedError({
    key: 'lab.daemonFailed',
    params: { log: layout.daemonLog },
    details: logTail(layout.daemonLog),
  });
}

/** Stops the daemon (SIGTERM, then SIGKILL after 10 s). Returns false when none was running. */
export async function stopDaemon(layout: LabLayout): Promise<boolean> {
  let pid: number | null = null;
  try {
    pid = Number(readFileSync(layout.daemonPid, 'utf8').trim()) || null;
  } catch {
    pid = (await readDaemonInfo(layout.daemonReady))?.pid ?? null;
  }
  if (pid === null || !isAlive(pid)) {
    await rm(layout.daemonPid, { force: true });
    await rm(layout.daemonReady, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; isAlive(pid) && waited < 10_000; waited += 100) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let waited = 0; isAlive(pid) && waited < 5_000; waited += 50) await sleep(50);
  await rm(layout.daemonPid, { force: true });
  await rm(layout.daemonReady, { force: true });
  return true;
}

function logTail(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean).slice(-15);
  } catch {
    return [];
  }
}
