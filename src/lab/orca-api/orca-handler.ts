/**
 * The WebORCA API endpoints `status` and `vm start` use, answered from a lab environment's database:
 * `/api/api01rv2/system01dailyv2` (ping), `/api/api01rv2/systeminfv2` (versions; the request time must be
 * within ±30 min of the server clock), `/api/api01rv2/system01lstv2` (`orca-system-list.ts`).
 * Business errors are HTTP 200 with a non-zero `Api_Result`, as WebORCA does; `Reskey` where ORCA sends it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DatabaseConfig } from '../../core/config-schema.js';
import { readClinicInfo, withDatabase, type ClinicInfo } from '../cloud/clinic-info.js';
import { padArray, resultHeader, toOrcaXml, orcaDate, type OrcaRecord } from './orca-shapes.js';
import { systemListAnswer } from './orca-system-list.js';

export interface OrcaApiContext {
  db: DatabaseConfig;
  now?: () => Date;
}

const MAX_BODY_BYTES = 64 * 1024;
const SKEW_LIMIT_MS = 30 * 60 * 1000;

type Endpoint = (request: OrcaRecord, ctx: OrcaApiContext, at: Date) => Promise<Record<string, OrcaRecord>>;

const ENDPOINTS: Record<string, Endpoint> = {
  '/api/api01rv2/system01dailyv2': systemDaily,
  '/api/api01rv2/systeminfv2': systemInfo,
  '/api/api01rv2/system01lstv2': systemList,
};

export function sendOrcaJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** WebORCA's 401 body. */
export function sendOrcaUnauthorized(res: ServerResponse): void {
  res.setHeader('WWW-Authenticate', 'Basic realm="ORCA"');
  sendOrcaJson(res, 401, { Code: 401, Message: 'Unauthorized' });
}

/** WebORCA's 404 body for an unknown path. */
export function sendOrcaNotFound(res: ServerResponse): void {
  sendOrcaJson(res, 404, { message: 'APIが存在しません' });
}

/** Answers one (authenticated) request under `/api/`. */
export async function handleOrcaApi(req: IncomingMessage, res: ServerResponse, ctx: OrcaApiContext): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://orca.invalid');
  const endpoint = ENDPOINTS[url.pathname];
  if (!endpoint) {
    req.resume();
    sendOrcaNotFound(res);
    return;
  }
  if (req.method !== 'POST') {
    req.resume();
    res.setHeader('Allow', 'POST');
    sendOrcaJson(res, 405, { Code: 405, Message: 'Method Not Allowed' });
    return;
  }
  const at = (ctx.now ?? (() => new Date()))();
  const request = await readOrcaRequest(req);
  const body = request === null ? invalidRequest(at) : await endpoint(request, ctx, at);
  if (url.searchParams.get('format') === 'json') {
    sendOrcaJson(res, 200, body);
    return;
  }
  const xml = toOrcaXml(body);
  res.writeHead(200, { 'Content-Type': 'application/xml; charset=UTF-8', 'Content-Length': Buffer.byteLength(xml) });
  res.end(xml);
}

/** The record under the request's single top-level key; null when the body is not such JSON. */
async function readOrcaRequest(req: IncomingMessage): Promise<OrcaRecord | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk);
  }
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const values = Object.values(parsed as Record<string, unknown>);
    const inner = values.length === 1 ? values[0] : null;
    return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? (inner as OrcaRecord) : null;
  } catch {
    return null;
  }
}

function invalidRequest(at: Date): Record<string, OrcaRecord> {
  return { xmlio2res: resultHeader(at, '91', 'リクエスト内容が不正です') };
}

async function loadClinic(ctx: OrcaApiContext): Promise<ClinicInfo | null> {
  try {
    return await withDatabase(ctx.db, readClinicInfo);
  } catch {
    return null;
  }
}

const text = (value: OrcaRecord[string] | undefined): string => (typeof value === 'string' ? value : '');

async function systemDaily(request: OrcaRecord, ctx: OrcaApiContext, at: Date): Promise<Record<string, OrcaRecord>> {
  const clinic = await loadClinic(ctx);
  if (!clinic || clinic.institutionCode === '')
    return { system01_dailyres: { ...resultHeader(at, '89', '医療機関情報が取得できません'), Reskey: 'Patient Info' } };
  return {
    system01_dailyres: {
      ...resultHeader(at, '00', '処理終了'),
      Reskey: 'Patient Info',
      Request_Number: text(request.Request_Number) || '01',
      Base_Date: text(request.Base_Date) || orcaDate(at),
    },
  };
}

/** `Request_Date`/`Request_Time` read in the server's local time, like WebORCA's own check. */
function requestInstant(request: OrcaRecord): Date | null {
  const date = text(request.Request_Date);
  const time = text(request.Request_Time);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2}):(\d{2})$/.exec(time);
  if (!m || !t) return null;
  const value = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]), Number(t[3]));
  return Number.isNaN(value.getTime()) ? null : value;
}

async function systemInfo(request: OrcaRecord, ctx: OrcaApiContext, at: Date): Promise<Record<string, OrcaRecord>> {
  const echo = { Request_Date: text(request.Request_Date), Request_Time: text(request.Request_Time) };
  const requested = requestInstant(request);
  if (!requested) return { private_objects: { ...resultHeader(at, '0005', 'リクエスト日時が不正です'), ...echo } };
  if (Math.abs(at.getTime() - requested.getTime()) > SKEW_LIMIT_MS) {
    return {
      private_objects: { ...resultHeader(at, '0006', 'リクエスト時間と受付時間に30分以上のずれがあります'), ...echo },
    };
  }
  const clinic = await loadClinic(ctx);
  if (!clinic) return { private_objects: { ...resultHeader(at, '0089', '基本データが取得できません'), ...echo } };
  return {
    private_objects: {
      ...resultHeader(at, '0000', '処理終了'),
      ...echo,
      Jma_Receipt_Version: clinic.version,
      Database_Information: { Local_Version: clinic.localVersion, New_Version: clinic.newVersion },
      Master_Update_Information: { Last_Update_Date: orcaDate(at) },
      Program_Update_Information: padArray([], 10),
    },
  };
}

async function systemList(request: OrcaRecord, ctx: OrcaApiContext, at: Date): Promise<Record<string, OrcaRecord>> {
  return systemListAnswer(request, await loadClinic(ctx), at);
}
