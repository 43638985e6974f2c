/**
 * THE config builder of the tests: every helper and test that needs a configuration tree builds it here, so a
 * change of the settings' shape is made once. The trees are what a file holds (before defaults), written as
 * JSON with mode 0600 by `writeConfigFile`.
 */
import { writeFileSync } from 'node:fs';
import type { DatabaseConfig } from '../../src/core/config-schema.js';

/** A cloud environment: its control API (also its WebORCA API unless `orcaApiUrl` differs) and credentials. */
export interface CloudEnvironment {
  url: string;
  orcaApiUrl?: string;
  user: string;
  apiKey?: string;
  apiKeyFile?: string;
  caFile?: string;
  clientCertificate?: { p12File: string; passphrase?: string } | { certFile: string; keyFile: string };
}

/** A directly reached database (its password inline or in a file) and its WebORCA API. */
export type DatabaseEnvironment = Partial<DatabaseConfig> & { passwordFile?: string; orcaApiUrl?: string };

export interface ConfigParts {
  clinic?: { institutionCode: string; name: string };
  operating: CloudEnvironment | DatabaseEnvironment;
  cloudEmergency: CloudEnvironment;
  localEmergency: DatabaseEnvironment;
  backupFolder: string;
  retention?: number;
  stateDir?: string;
  sync?: { requestTimeoutSeconds?: number; deadlineMinutes?: number };
  sequences?: { margin?: number; lastKnownMargin?: number };
}

export function configTree(parts: ConfigParts): Record<string, unknown> {
  return {
    clinic: parts.clinic ?? { institutionCode: '1312345678', name: 'Test Clinic' },
    environments: {
      operating: environmentTree(parts.operating),
      cloudEmergency: environmentTree(parts.cloudEmergency),
      localEmergency: environmentTree(parts.localEmergency),
    },
    backup: { folder: parts.backupFolder, ...(parts.retention === undefined ? {} : { retention: parts.retention }) },
    ...(parts.sequences ? { sequences: parts.sequences } : {}),
    ...(parts.sync ? { sync: parts.sync } : {}),
    ...(parts.stateDir ? { stateDir: parts.stateDir } : {}),
  };
}

export function writeConfigFile(path: string, tree: Record<string, unknown>): string {
  writeFileSync(path, JSON.stringify(tree, null, 2), { mode: 0o600 });
  return path;
}

function environmentTree(env: CloudEnvironment | DatabaseEnvironment): Record<string, unknown> {
  if ('url' in env && env.url !== undefined) {
    const { url, orcaApiUrl, ...credentials } = env as CloudEnvironment;
    return { kind: 'cloud', url, orcaApiUrl: orcaApiUrl ?? url, credentials: defined(credentials) };
  }
  const { orcaApiUrl, ...database } = env as DatabaseEnvironment;
  return { kind: 'postgres', orcaApiUrl: orcaApiUrl ?? 'http://127.0.0.1:9', database: defined(database) };
}

function defined(tree: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(tree).filter(([, value]) => value !== undefined && value !== ''));
}

/** Every environment refuses at once (closed ports on this machine): for commands that need no server to answer. */
export function unreachableTree(backupFolder: string, stateDir?: string): Record<string, unknown> {
  const closed = 'https://127.0.0.1:9';
  return configTree({
    operating: { url: closed, user: 'u', apiKey: 'k' },
    cloudEmergency: { url: closed, user: 'u', apiKey: 'k' },
    localEmergency: { host: '127.0.0.1', port: 9, orcaApiUrl: 'http://127.0.0.1:9' },
    backupFolder,
    stateDir,
  });
}
