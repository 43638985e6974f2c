/**
 * `lab.json`: what `lab up` created (databases, generator settings) and the ports the daemon bound, so a
 * second `lab up` reuses everything and later commands (`lab enter`, `lab outage`) find it. Read back as
 * untrusted input. Secrets are not here: they live in `secrets/`, one 0600 file each.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { replaceFileAtomically } from '../adapters/fs/atomic-write.js';

export const LAB_DATABASES = {
  operating: 'orca_operating',
  cloudEmergency: 'orca_cloud_emergency',
  localEmergency: 'orca',
} as const;
export const LAB_USERS = { cloudApi: 'ormaster', localOrca: 'ormaster', localDb: 'orca' } as const;

const port = z.number().int().min(1).max(65535);

export const manifestSchema = z.object({
  version: z.literal(1),
  createdAt: z.string(),
  institutionCode: z.string().regex(/^\d{10}$/),
  clinicName: z.string().min(1).max(200),
  generator: z.object({ patients: z.number().int().positive(), days: z.number().int().positive(), seed: z.string() }),
  /** Ports bound last time; reused when free so the config stays valid. */
  ports: z.object({
    cloudCluster: port.nullable(),
    localCluster: port.nullable(),
    operating: port.nullable(),
    cloudEmergency: port.nullable(),
    localApi: port.nullable(),
    admin: port.nullable(),
  }),
});
export type LabManifest = z.infer<typeof manifestSchema>;

export async function readManifest(path: string): Promise<LabManifest | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return manifestSchema.parse(JSON.parse(text));
}

export async function writeManifest(path: string, manifest: LabManifest): Promise<void> {
  await replaceFileAtomically(path, JSON.stringify(manifestSchema.parse(manifest), null, 2) + '\n');
}
