/**
 * The lab's reference cloud control server (docs/cloud-api.md): one per cloud environment, on 127.0.0.1,
 * HTTPS with a server certificate from the lab CA and — when `tls.requireClientCert` — only clients whose
 * certificate that CA signed; Basic auth with the environment's API key. The same listener serves the
 * environment's WebORCA API stand-in under `/api/`. Backed by the environment's PostgreSQL database.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { DatabaseConfig } from '../../core/config-schema.js';
import type { Mode } from '../../core/domain.js';
import { handleOrcaApi, sendOrcaNotFound, sendOrcaUnauthorized } from '../orca-api/orca-handler.js';
import { startAdminServer, type AdminServerHandle } from './admin.js';
import { isAuthorized } from './auth.js';
import { createNightlyBackup } from './backup-jobs.js';
import { BackupStore, type StoredBackup } from './backup-store.js';
import { closeDatabasePool } from './clinic-info.js';
import { reportedMode, type CloudContext, type CloudEnvironment } from './context.js';
import { routeControl } from './control-routes.js';
import { answerError } from './errors.js';
import { FaultController } from './faults.js';
import { FrontListener } from './front-listener.js';
import { HttpError } from './http-util.js';
import { Idempotency } from './idempotency.js';
import { JobRunner } from './jobs.js';
import { ServerState } from './state-files.js';

export const BASE_PATH = '/hybrid/v1';
const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 ** 3;

/** PEM strings (the lab PKI's output); with `caPem` + `requireClientCert` the server demands a client certificate. */
export interface CloudServerTls {
  certPem: string;
  keyPem: string;
  caPem?: string;
  requireClientCert?: boolean;
}

export interface CloudServerOptions {
  env: CloudEnvironment;
  /** The environment's database (superuser or owner: restore creates and renames databases). */
  database: DatabaseConfig;
  /** Server state: `mode.json`, `requests.json`, `backups/`. Created 0700. */
  dataDir: string;
  auth: { user: string; apiKey: string };
  /** Absent: plain HTTP (only for tests of non-TLS behaviour). */
  tls?: CloudServerTls;
  host?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Mode recorded on first start (default `normal`); later starts keep `mode.json`. */
  initialMode?: Mode;
  /** Serve the WebORCA API stand-in under `/api/` (default true). */
  serveOrcaApi?: boolean;
  maxUploadBytes?: number;
  /** Start an admin listener (fault knobs, mode, nightly) with this bearer token. */
  admin?: { token: string; port?: number };
  log?: (line: string) => void;
}

export interface CloudServerHandle {
  /** Origin, e.g. `https://127.0.0.1:41234` (the contract lives under `/hybrid/v1`, WebORCA under `/api`). */
  url: string;
  port: number;
  adminUrl: string | null;
  faults: FaultController;
  store: BackupStore;
  /** A new backup of the environment's database in the store, now. */
  createNightlyBackup(): Promise<StoredBackup>;
  /** Waits for a running export or restore job. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startCloudServer(options: CloudServerOptions): Promise<CloudServerHandle> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const store = new BackupStore(`${options.dataDir}/backups`);
  await store.init();
  const state = new ServerState(options.dataDir, options.initialMode);
  const faults = new FaultController();
  const log = options.log ?? (() => undefined);
  let front: FrontListener | null = null;
  const ctx: CloudContext = {
    env: options.env,
    db: options.database,
    state,
    idempotency: new Idempotency(state),
    store,
    jobs: new JobRunner(),
    faults,
    uploading: new Set(),
    maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    rawSocketOf: (remotePort) => front?.rawSocketOf(remotePort),
    log,
  };
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void handleRequest(req, res, ctx, options).catch((error: unknown) => answerError(res, error, log));
  };
  const tls = options.tls;
  const server = tls
    ? createHttpsServer(
        {
          cert: tls.certPem,
          key: tls.keyPem,
          ca: tls.caPem,
          minVersion: 'TLSv1.2',
          requestCert: Boolean(tls.requireClientCert),
          rejectUnauthorized: Boolean(tls.requireClientCert),
        },
        handler,
      )
    : createHttpServer(handler);
  server.keepAliveTimeout = 5_000;
  front = new FrontListener(server, faults);
  const host = options.host ?? '127.0.0.1';
  const port = await front.listen(host, options.port ?? 0);
  let admin: AdminServerHandle | null = null;
  if (options.admin) {
    admin = await startAdminServer({
      token: options.admin.token,
      port: options.admin.port,
      host,
      targets: {
        [options.env]: {
          faults,
          setMode: async (mode) => void (await state.setMode(mode, 'admin')),
          nightly: () => createNightlyBackup(ctx),
        },
      },
    });
  }
  log(`${options.env} cloud server on ${tls ? 'https' : 'http'}://${host}:${port}`);
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    port,
    adminUrl: admin?.url ?? null,
    faults,
    store,
    createNightlyBackup: () => createNightlyBackup(ctx),
    idle: () => ctx.jobs.idle(),
    async close() {
      await front?.close();
      server.closeAllConnections();
      await admin?.close();
      await ctx.jobs.idle();
      await closeDatabasePool(options.database);
    },
  };
}

/** A token for the admin listener. */
export function generateAdminToken(): string {
  return randomBytes(24).toString('base64url');
}

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: CloudContext,
  options: CloudServerOptions,
): Promise<void> {
  res.setHeader('X-Hybridmode', reportedMode(ctx));
  const delay = ctx.faults.get().delayMs;
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const failure = ctx.faults.takeFailure();
  if (failure !== null)
    throw new HttpError(failure, failure === 503 ? 'UNAVAILABLE' : 'INTERNAL', 'injected fault (lab)');
  const path = new URL(req.url ?? '/', 'http://lab.invalid').pathname;
  const control = path === BASE_PATH || path.startsWith(`${BASE_PATH}/`);
  if (!isAuthorized(req.headers.authorization, { user: options.auth.user, password: options.auth.apiKey })) {
    req.resume();
    if (!control) return sendOrcaUnauthorized(res);
    throw new HttpError(401, 'UNAUTHORIZED', 'wrong or missing credentials', {
      'WWW-Authenticate': 'Basic realm="orca-hybrid"',
    });
  }
  if (control) return routeControl(req, res, ctx, path.slice(BASE_PATH.length));
  if (options.serveOrcaApi !== false && path.startsWith('/api/')) return handleOrcaApi(req, res, { db: ctx.db });
  req.resume();
  sendOrcaNotFound(res);
}
