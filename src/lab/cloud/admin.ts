/**
 * The lab's admin listener (plain HTTP on 127.0.0.1, `Authorization: Bearer <token>`): fault knobs, mode and
 * nightly backups of one or more lab servers. Not part of the contract; it stays up during an outage.
 *   GET|PUT|DELETE /admin/v1/<target>/faults   PUT /admin/v1/<target>/mode   POST /admin/v1/<target>/nightly
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { MODES, type Mode } from '../../core/domain.js';
import type { FaultController } from './faults.js';
import { HttpError, readJsonBody, sendError, sendJson } from './http-util.js';

export interface AdminTarget {
  faults: FaultController;
  setMode?: (mode: Mode) => Promise<void>;
  nightly?: () => Promise<unknown>;
}

export interface AdminServerOptions {
  token: string;
  targets: Record<string, AdminTarget>;
  host?: string;
  port?: number;
}

export interface AdminServerHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export async function startAdminServer(opts: AdminServerOptions): Promise<AdminServerHandle> {
  const expected = digest(`Bearer ${opts.token}`);
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) =>
      sendError(res, error instanceof HttpError ? error : new HttpError(500, 'INTERNAL', String(error))),
    );
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!timingSafeEqual(digest(req.headers.authorization ?? ''), expected))
      throw new HttpError(401, 'UNAUTHORIZED', 'admin token required');
    const m = /^\/admin\/v1\/([A-Za-z0-9_-]+)\/(faults|mode|nightly)$/.exec(
      new URL(req.url ?? '/', 'http://admin.invalid').pathname,
    );
    const target = m ? opts.targets[m[1]!] : undefined;
    if (!m || !target) throw new HttpError(404, 'NOT_FOUND', `targets: ${Object.keys(opts.targets).join(', ')}`);
    const key = `${req.method ?? ''} ${m[2]!}`;
    if (key === 'GET faults') return sendJson(res, 200, target.faults.get());
    if (key === 'DELETE faults') {
      const cleared = target.faults.clear();
      await target.faults.applied();
      return sendJson(res, 200, cleared);
    }
    if (key === 'PUT faults') {
      const body = await readJsonBody(req);
      let state;
      try {
        state = target.faults.set(body);
      } catch (error) {
        throw new HttpError(
          400,
          'BAD_REQUEST',
          error instanceof z.ZodError
            ? error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
            : String(error),
        );
      }
      // Answer once the port is really closed or listening again, so `lab outage`/`lab recover` can return.
      await target.faults.applied();
      return sendJson(res, 200, state);
    }
    if (key === 'PUT mode' && target.setMode) {
      const parsed = z
        .object({ mode: z.enum(MODES) })
        .strict()
        .safeParse(await readJsonBody(req));
      if (!parsed.success)
        throw new HttpError(400, 'BAD_REQUEST', 'body is { "mode": "normal" | "emergency" | "recovery" }');
      await target.setMode(parsed.data.mode);
      return sendJson(res, 200, { mode: parsed.data.mode });
    }
    if (key === 'POST nightly' && target.nightly) return sendJson(res, 201, await target.nightly());
    throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${key} is not available for this target`);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
