import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** `daemon.json`, written by the lab daemon once every server listens. */
export const daemonInfoSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.string(),
  urls: z.object({ operating: z.string(), cloudEmergency: z.string(), localApi: z.string() }),
  admin: z.object({ operating: z.string(), cloudEmergency: z.string(), localEmergency: z.string() }),
});
export type DaemonInfo = z.infer<typeof daemonInfoSchema>;

export async function readDaemonInfo(path: string): Promise<DaemonInfo | null> {
  try {
    return daemonInfoSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch {
    return null;
  }
}

/** Whether a pid is alive on this machine (the lock's rule, reused for the daemon). */
export { isPidAlive as isAlive } from '../adapters/fs/lock-holder.js';
