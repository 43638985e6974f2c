import { hostname, userInfo } from 'node:os';
import type { Actor } from '../../core/ports.js';

/** Who runs this process: OS user, host name and pid, as the journal and the lock record them. */
export function currentActor(env: NodeJS.ProcessEnv = process.env): Actor {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    // userInfo() throws for a uid without a passwd entry (some containers).
    user = env.USER ?? env.USERNAME ?? 'unknown';
  }
  return { user, host: hostname(), pid: process.pid };
}
