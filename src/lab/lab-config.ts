import { stringify } from 'yaml';
import { replaceFileAtomically } from '../adapters/fs/atomic-write.js';
import type { DaemonInfo } from './daemon-info.js';
import type { LabLayout } from './layout.js';
import { LAB_DATABASES, LAB_USERS, type LabManifest } from './manifest.js';
import { p12PassphraseFile, secretFile } from './secrets.js';

/**
 * The tool's configuration for this lab (`<dir>/orca-hybrid.yaml`): every environment through the real
 * paths — mutual TLS with the lab's `.p12`, Basic auth with API keys read from 0600 files, the local
 * environment's database by password — so trying the lab exercises exactly what a clinic's config does.
 */
export async function writeLabConfig(layout: LabLayout, manifest: LabManifest, daemon: DaemonInfo): Promise<void> {
  const clientCertificate = { p12File: `${layout.pki}/client.p12`, passphraseFile: p12PassphraseFile(layout.secrets) };
  const cloud = (url: string, keyFile: string) => ({
    kind: 'cloud',
    url,
    orcaApiUrl: url,
    credentials: { user: LAB_USERS.cloudApi, apiKeyFile: keyFile, clientCertificate, caFile: `${layout.pki}/ca.crt` },
  });
  const config = {
    clinic: { institutionCode: manifest.institutionCode, name: manifest.clinicName },
    environments: {
      operating: cloud(daemon.urls.operating, secretFile(layout.secrets, 'operatingApiKey')),
      cloudEmergency: cloud(daemon.urls.cloudEmergency, secretFile(layout.secrets, 'cloudEmergencyApiKey')),
      localEmergency: {
        kind: 'postgres',
        database: {
          host: '127.0.0.1',
          port: manifest.ports.localCluster,
          database: LAB_DATABASES.localEmergency,
          user: LAB_USERS.localDb,
          passwordFile: secretFile(layout.secrets, 'localDbPassword'),
        },
        orcaApiUrl: daemon.urls.localApi,
        credentials: { user: LAB_USERS.localOrca, apiKeyFile: secretFile(layout.secrets, 'localOrcaPassword') },
        vm: { provider: 'lab', name: 'orca-lab-local', labDir: layout.dir },
      },
    },
    backup: { folder: layout.backupFolder, retention: 7 },
    stateDir: layout.stateDir,
  };
  const header = '# Written by `orca-hybrid lab up` for the embedded lab. Secrets stay in the files named here.\n';
  await replaceFileAtomically(layout.config, header + stringify(config));
}
