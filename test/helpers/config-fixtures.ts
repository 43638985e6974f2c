import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configTree } from './config-builder.js';

/** A complete, valid configuration (as a file would hold it) with recognisable values. */
export function validSettings(name = 'Test Clinic'): Record<string, unknown> {
  return configTree({
    clinic: { institutionCode: '1312345678', name },
    operating: {
      url: 'https://control.example.test',
      orcaApiUrl: 'https://weborca.example.test',
      user: 'ormaster',
      clientCertificate: { p12File: 'certs/client.p12' },
    },
    cloudEmergency: {
      url: 'https://control-emergency.example.test',
      orcaApiUrl: 'https://weborca-emergency.example.test',
      user: 'ormaster',
    },
    localEmergency: { host: '127.0.0.1', orcaApiUrl: 'http://127.0.0.1:8000' },
    backupFolder: 'backups',
    retention: 3,
  });
}

/** Makes a fresh temporary folder; `cleanup` removes every folder made. */
export function tempDirs(): { make: () => Promise<string>; cleanup: () => Promise<void> } {
  const made: string[] = [];
  return {
    make: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'orca-config-test-'));
      made.push(dir);
      return dir;
    },
    cleanup: async () => {
      await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

/** Settings trees that tests reshape freely (deliberately wrong values included). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseTree = any;
