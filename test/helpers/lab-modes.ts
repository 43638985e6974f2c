/**
 * What a lab's environments say about their mode, read the way a connected system reads it: `X-Hybridmode` on
 * an answer of each environment's WebORCA API (the cloud ones over mutual TLS, the local stand-in over plain
 * HTTP) — never through orca-hybrid itself. And a reset of the lab's modes and the tool's state between tests.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { adminRequest } from '../../src/lab/admin-client.js';
import { call } from './lab-http.js';
import type { LabFixture } from './lab.js';

type Env = 'operating' | 'cloudEmergency' | 'localEmergency';
export const ENVS: Env[] = ['operating', 'cloudEmergency', 'localEmergency'];

interface LabConfig {
  environments: Record<Env, { url?: string; orcaApiUrl: string }>;
  stateDir: string;
}

function labConfig(lab: LabFixture): LabConfig {
  return parse(readFileSync(lab.config, 'utf8')) as LabConfig;
}

/** The `X-Hybridmode` each environment sends now (null: no header, or no answer at all). */
export async function hybridModes(lab: LabFixture): Promise<Record<Env, string | null>> {
  const config = labConfig(lab);
  const pki = (name: string) => readFileSync(join(lab.dir, 'pki', name), 'utf8');
  const tls = { ca: pki('ca.crt'), cert: pki('client.crt'), key: pki('client.key') };
  const read = async (env: Env): Promise<string | null> => {
    const url = `${config.environments[env].orcaApiUrl}/api/api01rv2/system01dailyv2?format=json`;
    const answer = await call(url, { method: 'POST', body: {}, tls: env === 'localEmergency' ? undefined : tls }).catch(
      () => null,
    );
    const header = answer?.headers['x-hybridmode'];
    return typeof header === 'string' ? header : null;
  };
  const [operating, cloudEmergency, localEmergency] = await Promise.all(ENVS.map(read));
  return { operating: operating!, cloudEmergency: cloudEmergency!, localEmergency: localEmergency! };
}

/** The lab's state folder (from its config). */
export function labStateDir(lab: LabFixture): string {
  return labConfig(lab).stateDir;
}

async function admin(lab: LabFixture, env: Env, method: 'PUT' | 'DELETE', what: 'faults' | 'mode', body?: unknown) {
  const daemon = JSON.parse(readFileSync(join(lab.dir, 'daemon.json'), 'utf8')) as { admin: Record<Env, string> };
  const token = readFileSync(join(lab.dir, 'secrets', 'adminToken.txt'), 'utf8').trim();
  return adminRequest(daemon.admin[env], token, method, env, what, body);
}

/** Sets fault knobs of one environment's server (see docs/lab.md). */
export function setFaults(lab: LabFixture, env: Env, faults: Record<string, unknown>): Promise<unknown> {
  return admin(lab, env, 'PUT', 'faults', faults);
}

/** Every environment back to normal, no faults, and the tool's state and journal gone (a fresh start). */
export async function resetModes(lab: LabFixture): Promise<void> {
  for (const env of ENVS) {
    await admin(lab, env, 'DELETE', 'faults');
    await admin(lab, env, 'PUT', 'mode', { mode: 'normal' });
  }
  const stateDir = labStateDir(lab);
  for (const name of ['state.json', 'journal.jsonl']) rmSync(join(stateDir, name), { force: true });
}
