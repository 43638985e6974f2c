/** Everything a request handler of one lab cloud server needs. */
import type { Socket } from 'node:net';
import type { DatabaseConfig } from '../../core/config-schema.js';
import { reportedModeFor, type ReportedMode } from '../../core/domain.js';
import type { BackupStore } from './backup-store.js';
import type { FaultController } from './faults.js';
import type { Idempotency } from './idempotency.js';
import type { JobRunner } from './jobs.js';
import type { ServerState } from './state-files.js';

export type CloudEnvironment = 'operating' | 'cloudEmergency';

export interface CloudContext {
  env: CloudEnvironment;
  db: DatabaseConfig;
  state: ServerState;
  idempotency: Idempotency;
  store: BackupStore;
  jobs: JobRunner;
  faults: FaultController;
  uploading: Set<string>;
  maxUploadBytes: number;
  rawSocketOf(remotePort: number | undefined): Socket | undefined;
  log(line: string): void;
}

/** The `X-Hybridmode` value this server sends now. */
export function reportedMode(ctx: Pick<CloudContext, 'env' | 'state'>): ReportedMode {
  return reportedModeFor(ctx.env, ctx.state.mode);
}
