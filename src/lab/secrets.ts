import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceFileAtomically } from '../adapters/fs/atomic-write.js';
import { ensurePrivateDir } from '../adapters/fs/private-files.js';

/** The lab's generated secrets, one 0600 file each in `secrets/` (the config points at them with `…File`). */
export const LAB_SECRETS = [
  'cloudSuperPassword',
  'localSuperPassword',
  'localDbPassword',
  'operatingApiKey',
  'cloudEmergencyApiKey',
  'localOrcaPassword',
  'adminToken',
] as const;
export type LabSecretName = (typeof LAB_SECRETS)[number];
export type LabSecrets = Record<LabSecretName, string>;

export const secretFile = (secretsDir: string, name: LabSecretName): string => join(secretsDir, `${name}.txt`);

/** Reads the secrets, generating (once) any that are missing. */
export async function ensureLabSecrets(secretsDir: string): Promise<LabSecrets> {
  await ensurePrivateDir(secretsDir);
  const out = {} as LabSecrets;
  for (const name of LAB_SECRETS) {
    const file = secretFile(secretsDir, name);
    try {
      out[name] = (await readFile(file, 'utf8')).trim();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      out[name] = randomBytes(18).toString('base64url');
      await replaceFileAtomically(file, out[name] + '\n');
    }
  }
  return out;
}

/** The client certificate's passphrase is made with the PKI; kept beside the other secrets. */
export const p12PassphraseFile = (secretsDir: string): string => join(secretsDir, 'p12Passphrase.txt');

export async function writeP12Passphrase(secretsDir: string, passphrase: string): Promise<void> {
  await replaceFileAtomically(p12PassphraseFile(secretsDir), passphrase + '\n');
}

/** Reads the secrets of an existing lab (throws when one is missing). */
export async function readLabSecrets(secretsDir: string): Promise<LabSecrets> {
  const out = {} as LabSecrets;
  for (const name of LAB_SECRETS) out[name] = (await readFile(secretFile(secretsDir, name), 'utf8')).trim();
  return out;
}
