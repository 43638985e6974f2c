/** The contract's endpoints under `/hybrid/v1` (docs/cloud-api.md), answered by the lab server. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bumpSequencesSql, readSequences } from '../../adapters/postgres/sequences-sql.js';
import { assertBackupId } from './backup-store.js';
import { exportBackup, restoreBackup } from './backup-jobs.js';
import { readClinicInfo, withDatabase } from './clinic-info.js';
import { reportedMode, type CloudContext } from './context.js';
import { serveBackupContent } from './download.js';
import { HttpError, readJsonBody, sendJson } from './http-util.js';
import type { Answer } from './idempotency.js';
import {
  bumpRequestSchema,
  checkBackupIdField,
  exportRequestSchema,
  modeRequestSchema,
  parseRequest,
  restoreRequestSchema,
} from './request-schemas.js';
import { receiveUpload } from './upload.js';

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: CloudContext, params: string[]) => Promise<void>;

interface Route {
  pattern: RegExp;
  methods: Record<string, Handler>;
}

const reply = (res: ServerResponse, answer: Answer, headers: Record<string, string> = {}): void =>
  sendJson(res, answer.status, answer.body, headers);

const ROUTES: Route[] = [
  { pattern: /^\/health$/, methods: { GET: getHealth } },
  { pattern: /^\/mode$/, methods: { PUT: putMode } },
  { pattern: /^\/sequences$/, methods: { GET: getSequences } },
  { pattern: /^\/sequences\/bump$/, methods: { POST: postBump } },
  { pattern: /^\/backups$/, methods: { GET: getBackups } },
  { pattern: /^\/backups\/export$/, methods: { POST: postExport } },
  {
    pattern: /^\/backups\/([^/]+)\/content$/,
    methods: {
      GET: (req, res, ctx, [id]) => serveBackupContent(req, res, ctx, id!),
      HEAD: (req, res, ctx, [id]) => serveBackupContent(req, res, ctx, id!),
      PUT: (req, res, ctx, [id]) => receiveUpload(req, res, ctx, id!),
    },
  },
  { pattern: /^\/restore$/, methods: { POST: postRestore } },
  { pattern: /^\/jobs\/([^/]+)$/, methods: { GET: getJob } },
];

/** Dispatches a request whose path (without `/hybrid/v1`) is `path`; 404/405 in the contract's shape. */
export async function routeControl(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: CloudContext,
  path: string,
): Promise<void> {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const handler = route.methods[req.method ?? ''];
    if (!handler) {
      throw new HttpError(405, 'METHOD_NOT_ALLOWED', `${req.method ?? ''} is not allowed here`, {
        Allow: Object.keys(route.methods).join(', '),
      });
    }
    let params: string[];
    try {
      params = match.slice(1).map((p) => decodeURIComponent(p));
    } catch {
      throw new HttpError(400, 'INVALID_BACKUP_ID', 'the path is not valid percent-encoding');
    }
    await handler(req, res, ctx, params);
    return;
  }
  throw new HttpError(404, 'NOT_FOUND', 'no such endpoint');
}

async function getHealth(_req: IncomingMessage, res: ServerResponse, ctx: CloudContext): Promise<void> {
  const info = await withDatabase(ctx.db, readClinicInfo);
  sendJson(res, 200, {
    mode: ctx.state.mode,
    role: ctx.env === 'operating' ? 'operating' : 'emergency',
    version: info.version.slice(0, 64),
    institutionCode: info.institutionCode,
    institutionName: info.institutionName.slice(0, 200),
    time: new Date().toISOString(),
  });
}

async function putMode(req: IncomingMessage, res: ServerResponse, ctx: CloudContext): Promise<void> {
  const raw = await readJsonBody(req);
  const body = parseRequest(modeRequestSchema, raw);
  const answer = await ctx.idempotency.run('mode', body.requestId, raw, async () => {
    const previous = await ctx.state.setMode(body.mode, body.reason);
    ctx.log(`mode ${previous} -> ${body.mode} (${body.requestId})`);
    return { status: 200, body: { mode: body.mode, previous } };
  });
  res.setHeader('X-Hybridmode', reportedMode(ctx));
  reply(res, answer);
}

async function getSequences(_req: IncomingMessage, res: ServerResponse, ctx: CloudContext): Promise<void> {
  const sequences = await withDatabase(ctx.db, (client) => readSequences(client, undefined, { env: ctx.env }));
  sendJson(res, 200, { ...sequences, readAt: new Date().toISOString() });
}

async function postBump(req: IncomingMessage, res: ServerResponse, ctx: CloudContext): Promise<void> {
  const raw = await readJsonBody(req);
  const body = parseRequest(bumpRequestSchema, raw);
  const answer = await ctx.idempotency.run('bump', body.requestId, raw, async () => {
    const result = await withDatabase(ctx.db, (client) => bumpSequencesSql(client, body.atLeast, { env: ctx.env }));
    ctx.log(`sequences bumped ${JSON.stringify(result.before)} -> ${JSON.stringify(result.after)} (${body.requestId})`);
    return { status: 200, body: { before: result.before, after: result.after } };
  });
  reply(res, answer);
}

async function getBackups(_req: IncomingMessage, res: ServerResponse, ctx: CloudContext): Promise<void> {
  sendJson(res, 200, { backups: await ctx.store.list() });
}

async function postExport(req: IncomingMessage, res: ServerResponse, ctx: CloudContext): Promise<void> {
  const raw = await readJsonBody(req);
  const body = parseRequest(exportRequestSchema, raw);
  const answer = await ctx.idempotency.run('export', body.requestId, raw, async () => {
    const backupId = await ctx.store.newId('export');
    const job = ctx.jobs.start('export', backupId, (report) =>
      exportBackup(ctx, backupId, 'export', report).then(() => undefined),
    );
    return { status: 202, body: { jobId: job.jobId, backupId } };
  });
  reply(res, answer, { Location: `/hybrid/v1/jobs/${(answer.body as { jobId: string }).jobId}` });
}

async function postRestore(req: IncomingMessage, res: ServerResponse, ctx: CloudContext): Promise<void> {
  const raw = await readJsonBody(req);
  checkBackupIdField((raw as { backupId?: unknown } | null)?.backupId);
  const body = parseRequest(restoreRequestSchema, raw);
  assertBackupId(body.backupId);
  const answer = await ctx.idempotency.run('restore', body.requestId, raw, async () => {
    const backup = await ctx.store.get(body.backupId);
    if (!backup) throw new HttpError(404, 'NOT_FOUND', `no backup ${body.backupId}`);
    const job = ctx.jobs.start('restore', backup.id, (report) => restoreBackup(ctx, backup, report));
    ctx.log(`restore of ${backup.id} started as ${job.jobId}`);
    return { status: 202, body: { jobId: job.jobId } };
  });
  reply(res, answer, { Location: `/hybrid/v1/jobs/${(answer.body as { jobId: string }).jobId}` });
}

async function getJob(_req: IncomingMessage, res: ServerResponse, ctx: CloudContext, [jobId]: string[]): Promise<void> {
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(jobId!))
    throw new HttpError(400, 'BAD_REQUEST', 'job ids are [A-Za-z0-9._-]{1,128}');
  const job = ctx.jobs.get(jobId!);
  if (!job) throw new HttpError(404, 'NOT_FOUND', `no job ${jobId!}`);
  sendJson(res, 200, job);
}
