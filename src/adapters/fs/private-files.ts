import { chmod, mkdir } from 'node:fs/promises';

/** Creates `dir` (and parents) and makes it 0700: folders holding patient data or secrets. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await chmod(dir, 0o700);
}
