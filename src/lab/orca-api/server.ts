/**
 * The WebORCA API stand-in of the local emergency environment: plain HTTP on its own port, like WebORCA
 * on-premises (:8000), Basic auth with an ORCA operator and password, `X-Hybridmode` on every answer: the
 * mode orca-hybrid recorded in the database's mode table (`orca_hybrid.mode`, docs/switch.md), as a WebORCA
 * that knows the hybrid service would report it; `normal-fa` while the table does not exist.
 * (The cloud environments' stand-ins are served by their control servers under `/api/`.) Listener faults
 * (outage, blackhole, delay, 5xx) work as on the cloud servers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { DatabaseConfig } from '../../core/config-schema.js';
import { reportedModeFor, type Mode, type ReportedMode } from '../../core/domain.js';
import { readModeTable } from '../../adapters/postgres/mode-table.js';
import { startAdminServer, type AdminServerHandle } from '../cloud/admin.js';
import { isAuthorized } from '../cloud/auth.js';
import { FaultController } from '../cloud/faults.js';
import { closeDatabasePool, withDatabase } from '../cloud/clinic-info.js';
import { FrontListener } from '../cloud/front-listener.js';
import { writeLabModeTable } from './lab-mode.js';
import { handleOrcaApi, sendOrcaJson, sendOrcaUnauthorized } from './orca-handler.js';

export interface OrcaApiServerOptions {
  database: DatabaseConfig;
  auth: { user: string; password: string };
  host?: string;
  port?: number;
  admin?: { token: string; port?: number };
  log?: (line: string) => void;
}

export interface OrcaApiServerHandle {
  /** Origin, e.g. `http://127.0.0.1:8000` (the API lives under `/api/`). */
  url: string;
  port: number;
  adminUrl: string | null;
  faults: FaultController;
  /** Records a mode in the database's mode table, as `switch` does (for set-ups and the admin listener). */
  setMode(mode: Mode): Promise<void>;
  close(): Promise<void>;
}

export async function startOrcaApiServer(options: OrcaApiServerOptions): Promise<OrcaApiServerHandle> {
  const faults = new FaultController();
  const log = options.log ?? (() => undefined);
  const setMode = (mode: Mode): Promise<void> => writeLabModeTable(options.database, mode);
  const reportedMode = async (): Promise<ReportedMode> => {
    // A database that does not answer says nothing about the mode: the default, as a fresh VM reports.
    const mode = await withDatabase(options.database, readModeTable).catch(() => null);
    return reportedModeFor('localEmergency', mode ?? 'normal');
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('X-Hybridmode', await reportedMode());
    const delay = faults.get().delayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const failure = faults.takeFailure();
    if (failure !== null) {
      req.resume();
      return sendOrcaJson(res, failure, { Code: failure, Message: 'injected fault (lab)' });
    }
    if (!isAuthorized(req.headers.authorization, options.auth)) {
      req.resume();
      return sendOrcaUnauthorized(res);
    }
    await handleOrcaApi(req, res, { db: options.database });
  };
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      log(`orca api error: ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) res.socket?.destroy();
      else sendOrcaJson(res, 500, { Code: 500, Message: 'Internal Server Error' });
    });
  });
  server.keepAliveTimeout = 5_000;
  const front = new FrontListener(server, faults);
  const host = options.host ?? '127.0.0.1';
  const port = await front.listen(host, options.port ?? 0);
  let admin: AdminServerHandle | null = null;
  if (options.admin) {
    admin = await startAdminServer({
      token: options.admin.token,
      port: options.admin.port,
      host,
      targets: { localEmergency: { faults, setMode } },
    });
  }
  return {
    url: `http://${host}:${port}`,
    port,
    adminUrl: admin?.url ?? null,
    faults,
    setMode,
    async close() {
      await front.close();
      server.closeAllConnections();
      await admin?.close();
      await closeDatabasePool(options.database);
    },
  };
}
