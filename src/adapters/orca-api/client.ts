import type { z } from 'zod';
import { parseReportedMode } from '../../core/cloud-contract.js';
import { AuthError, UnreachableError, type OrcaError } from '../../core/errors.js';
import type { EnvironmentName } from '../../core/domain.js';
import type { OrcaApi, OrcaApiProbe } from '../../core/ports.js';
import type { HttpClient } from '../http/client-factory.js';
import { malformedAnswer } from '../http/http-errors.js';
import { validateAnswer } from '../http/read-body.js';
import {
  dailyAnswerSchema,
  dropPadding,
  institutionAnswerSchema,
  institutionCodeOf,
  isSuccess,
  systemInfoAnswerSchema,
  unwrapRecord,
} from './answers.js';

/**
 * The WebORCA public API of one environment (ORCA-API.md): `POST /api/api01rv2/…?format=json`, on-premises
 * over http with Basic (operator + password), in the cloud over https with a client certificate and Basic
 * (user + API key) — both through the one HTTP client. Answers: padding `{}` dropped, the record under the
 * single top-level key validated, `Api_Result` all zeros = success; `X-Hybridmode` read from every response.
 */
export interface OrcaApiClientOptions {
  /** Clock for `systeminfv2`'s Request_Date/Time (the server refuses more than ±30 min of skew). */
  now?: () => Date;
}

/** One answer: the validated record and the mode header. */
export interface OrcaAnswer<T> {
  record: T;
  reportedMode: string | null;
}

const KNOWN_RESULTS = new Set(['89', '90', '91', '97', '98', '99']);

export class OrcaApiClient implements OrcaApi {
  readonly env: EnvironmentName;
  private readonly now: () => Date;

  constructor(
    private readonly http: HttpClient,
    options: OrcaApiClientOptions = {},
  ) {
    this.env = http.env;
    this.now = options.now ?? (() => new Date());
  }

  /** Health ping (`system01dailyv2`, Request_Number 01). Throws on transport failure or a non-zero Api_Result. */
  async ping(signal?: AbortSignal): Promise<OrcaAnswer<z.infer<typeof dailyAnswerSchema>>> {
    return this.call(
      'system01dailyv2',
      { system01_dailyreq: { Request_Number: '01', Base_Date: '' } },
      dailyAnswerSchema,
      signal,
    );
  }

  /** Version and patch level (`systeminfv2`). */
  async systemInfo(signal?: AbortSignal): Promise<OrcaAnswer<z.infer<typeof systemInfoAnswerSchema>>> {
    const { date, time } = localDateTime(this.now());
    return this.call(
      'systeminfv2',
      { private_objects: { Request_Date: date, Request_Time: time } },
      systemInfoAnswerSchema,
      signal,
    );
  }

  /** Clinic identity (`system01lstv2`, Request_Number 04: 医療機関基本情報). */
  async institution(signal?: AbortSignal): Promise<OrcaAnswer<z.infer<typeof institutionAnswerSchema>>> {
    return this.call(
      'system01lstv2',
      { system01_managereq: { Request_Number: '04', Base_Date: '' } },
      institutionAnswerSchema,
      signal,
    );
  }

  /**
   * The three calls in parallel (the ping alone without `details`). The ping decides reachability (its
   * failure throws); a business error of the version or identity call only leaves that field null,
   * transport failures still throw.
   */
  async probe(signal?: AbortSignal, options: { details?: boolean } = {}): Promise<OrcaApiProbe> {
    const details = options.details !== false;
    const soft = <T>(p: Promise<T>) =>
      p.catch((error: unknown) => {
        if (error instanceof OrcaApiResultError) return null;
        throw error;
      });
    const [ping, info, clinic] = await Promise.all([
      this.ping(signal),
      details ? soft(this.systemInfo(signal)) : null,
      details ? soft(this.institution(signal)) : null,
    ]);
    const medical = clinic?.record.Medical_Information;
    const version = info
      ? (info.record.Jma_Receipt_Version ?? info.record.Database_Information?.Local_Version ?? null)
      : null;
    return {
      reportedMode: ping.reportedMode ?? info?.reportedMode ?? clinic?.reportedMode ?? null,
      version: version?.trim() || null,
      institutionCode: medical ? institutionCodeOf(medical) : null,
      institutionName: medical?.Institution_WholeName?.trim() || null,
    };
  }

  private async call<S extends z.ZodType>(
    api: string,
    body: unknown,
    schema: S,
    signal?: AbortSignal,
  ): Promise<OrcaAnswer<z.infer<S>>> {
    const path = `api/api01rv2/${api}`;
    // ORCA's read APIs are safe to repeat: retried like GETs despite being POSTs.
    const answer = await this.http.requestJson({
      method: 'POST',
      path,
      query: { format: 'json' },
      json: body,
      idempotent: true,
      signal,
    });
    const target = { env: this.env, url: path };
    if (!answer.ok) throw malformedAnswer(target, `HTTP ${answer.status}`);
    const record = unwrapRecord(dropPadding(answer.body));
    if (record === null) throw malformedAnswer(target, 'not one ORCA record');
    const parsed = validateAnswer(schema, record, target) as z.infer<S> & { Api_Result: string };
    const reportedMode = sanitizeMode(answer.reportedMode);
    if (!isSuccess(parsed.Api_Result)) throw apiResultError(this.env, api, parsed.Api_Result);
    return { record: parsed, reportedMode };
  }
}

/** Marks an `Api_Result` business error (as opposed to a transport failure). */
class OrcaApiResultError extends UnreachableError {}
class OrcaApiUserError extends AuthError {}

function apiResultError(env: EnvironmentName, api: string, code: string): OrcaError {
  const safeCode = /^[A-Za-z0-9]{1,8}$/.test(code) ? code : '?';
  // systeminfv2 answers in four digits ("0089"): compare by value.
  const short = /^\d{2,4}$/.test(safeCode) ? String(Number(safeCode)).padStart(2, '0') : safeCode;
  const key = KNOWN_RESULTS.has(short) ? `orcaApi.result.${short}` : 'orcaApi.result.other';
  const init = { key, params: { env, api, code: safeCode }, hintKey: 'orcaApi.failed.hint' };
  return short === '99' ? new OrcaApiUserError(init) : new OrcaApiResultError(init);
}

/** A known mode, else a short plain token (shown as "unknown"), else null. */
function sanitizeMode(value: string | null): string | null {
  const known = parseReportedMode(value);
  if (known) return known;
  return value !== null && /^[A-Za-z0-9_-]{1,32}$/.test(value.trim()) ? value.trim() : null;
}

function localDateTime(now: Date): { date: string; time: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`,
    time: `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`,
  };
}
