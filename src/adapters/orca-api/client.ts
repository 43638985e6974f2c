import type { z } from 'zod';
import { parseReportedMode } from '../../core/cloud-contract.js';
import type { EnvironmentName } from '../../core/domain.js';
import type { WebOrcaCheck, WebOrcaVersions } from '../../core/hypervisor.js';
import type { OrcaApi, OrcaApiProbe } from '../../core/ports.js';
import type { HttpClient } from '../http/client-factory.js';
import { malformedAnswer } from '../http/http-errors.js';
import { validateAnswer } from '../http/read-body.js';
import { apiResultError, type OrcaApiWarning } from './api-result.js';
import {
  classifyApiResult,
  dailyAnswerSchema,
  dropPadding,
  institutionAnswerSchema,
  institutionCodeOf,
  printable,
  systemInfoAnswerSchema,
  unwrapRecord,
} from './answers.js';

/**
 * The WebORCA public API of one environment (docs/orca-data.md §6): `POST /api/api01rv2/…?format=json`,
 * on-premises over http with Basic (operator + password), in the cloud over https with a client
 * certificate and Basic (user + API key) — both through the one HTTP client. An answer must carry the
 * record the call asks for under its single top-level key; its `Api_Result` decides: all zeros success,
 * `W…` success with a warning, anything else an error that shows ORCA's own `Api_Result_Message`.
 * `X-Hybridmode` is read from every response. Errors name scheme, host, port and path.
 */
export interface OrcaApiClientOptions {
  /** Clock for `systeminfv2`'s Request_Date/Time (the server refuses more than ±30 min of skew). */
  now?: () => Date;
}

/** One answer: the validated record, the mode header and ORCA's warning, if any. */
export interface OrcaAnswer<T> {
  record: T;
  reportedMode: string | null;
  warning: OrcaApiWarning | null;
}

interface Call<S extends z.ZodType> {
  api: string;
  /** The record key a successful answer carries. */
  answerKey: string;
  body: unknown;
  schema: S;
}

export class OrcaApiClient implements OrcaApi, WebOrcaCheck {
  readonly env: EnvironmentName;
  private readonly now: () => Date;

  constructor(
    private readonly http: HttpClient,
    options: OrcaApiClientOptions = {},
  ) {
    this.env = http.env;
    this.now = options.now ?? (() => new Date());
  }

  /** Health ping (`system01dailyv2`, Request_Number 01). Throws on transport failure or an error Api_Result. */
  async ping(signal?: AbortSignal): Promise<OrcaAnswer<z.infer<typeof dailyAnswerSchema>>> {
    return this.call(
      {
        api: 'system01dailyv2',
        answerKey: 'system01_dailyres',
        body: { system01_dailyreq: { Request_Number: '01', Base_Date: '' } },
        schema: dailyAnswerSchema,
      },
      signal,
    );
  }

  /** Version and patch level (`systeminfv2`). */
  async systemInfo(signal?: AbortSignal): Promise<OrcaAnswer<z.infer<typeof systemInfoAnswerSchema>>> {
    const { date, time } = localDateTime(this.now());
    return this.call(
      {
        api: 'systeminfv2',
        answerKey: 'private_objects',
        body: { private_objects: { Request_Date: date, Request_Time: time } },
        schema: systemInfoAnswerSchema,
      },
      signal,
    );
  }

  /** `systeminfv2` as the `vm` use cases read it (WebOrcaCheck): DB structure, masters, program updates. */
  async versions(signal?: AbortSignal): Promise<WebOrcaVersions> {
    const { record } = await this.systemInfo(signal);
    const trim = (value: string | undefined): string => value?.trim() ?? '';
    const db = record.Database_Information;
    return {
      jmaReceiptVersion: trim(record.Jma_Receipt_Version) || null,
      database: db ? { local: trim(db.Local_Version), latest: trim(db.New_Version) } : null,
      masters: (record.Master_Update_Information?.Master_Version_Information ?? []).map((m) => ({
        name: trim(m.Name),
        local: trim(m.Local_Version),
        latest: trim(m.New_Version),
      })),
      programs: (record.Program_Update_Information ?? []).map((p) => ({
        date: trim(p.Date),
        state: trim(p.State),
        comment: trim(p.Comment),
      })),
    };
  }

  /** Clinic identity (`system01lstv2`, Request_Number 04: 医療機関情報). */
  async institution(signal?: AbortSignal): Promise<OrcaAnswer<z.infer<typeof institutionAnswerSchema>>> {
    return this.call(
      {
        api: 'system01lstv2',
        answerKey: 'system1001res',
        body: { system01_managereq: { Request_Number: '04', Base_Date: '' } },
        schema: institutionAnswerSchema,
      },
      signal,
    );
  }

  /**
   * The three calls in parallel; each endpoint's failure stays in its own field of `failures`, so one
   * malformed answer never hides what the others said. Throws (the ping's error) only when none answered.
   */
  async probe(signal?: AbortSignal): Promise<OrcaApiProbe> {
    const [ping, info, clinic] = await Promise.allSettled([
      this.ping(signal),
      this.systemInfo(signal),
      this.institution(signal),
    ]);
    if (ping.status === 'rejected' && info.status === 'rejected' && clinic.status === 'rejected') throw ping.reason;
    const value = <T>(r: PromiseSettledResult<T>): T | null => (r.status === 'fulfilled' ? r.value : null);
    const answers = [value(ping), value(info), value(clinic)];
    const failures: OrcaApiProbe['failures'] = {};
    if (ping.status === 'rejected') failures.ping = ping.reason;
    if (info.status === 'rejected') failures.systemInfo = info.reason;
    if (clinic.status === 'rejected') failures.institution = clinic.reason;
    const warnings = answers.flatMap((a) => (a?.warning ? [a.warning] : []));
    const medical = value(clinic)?.record.Medical_Information;
    const institutionCode = medical ? institutionCodeOf(medical) : null;
    if (medical && institutionCode === null)
      warnings.push({
        key: 'orcaApi.institutionCodeIncomplete',
        params: { env: this.env, code: printable(medical.Institution_Code, 16) || '-' },
      });
    const record = value(info)?.record;
    const version = record ? (record.Jma_Receipt_Version ?? record.Database_Information?.Local_Version ?? null) : null;
    return {
      reportedMode: answers.find((a) => a?.reportedMode)?.reportedMode ?? null,
      version: version?.trim() || null,
      institutionCode,
      institutionName: medical?.Institution_WholeName?.trim() || null,
      failures,
      warnings,
    };
  }

  private async call<S extends z.ZodType>(call: Call<S>, signal?: AbortSignal): Promise<OrcaAnswer<z.infer<S>>> {
    const path = `api/api01rv2/${call.api}`;
    // ORCA's read APIs are safe to repeat: retried like GETs despite being POSTs.
    const answer = await this.http.requestJson({
      method: 'POST',
      path,
      query: { format: 'json' },
      json: call.body,
      idempotent: true,
      signal,
    });
    const target = { env: this.env, url: this.http.locate(path) };
    if (!answer.ok) throw malformedAnswer(target, `HTTP ${answer.status}`);
    const unwrapped = unwrapRecord(dropPadding(answer.body));
    if (unwrapped === null) throw malformedAnswer(target, 'not one ORCA record');
    const reportedMode = sanitizeMode(answer.reportedMode);
    const result = (unwrapped.record as { Api_Result?: unknown } | null)?.Api_Result;
    if (unwrapped.key !== call.answerKey) {
      // ORCA answers an error found before dispatching under another record (system01lstv2: `departmentres`).
      if (typeof result === 'string' && classifyApiResult(result).kind === 'error') {
        const header = validateAnswer(dailyAnswerSchema, unwrapped.record, target);
        throw apiResultError({ env: this.env, api: call.api, url: target.url }, header);
      }
      throw malformedAnswer(target, `answered ${printable(unwrapped.key, 64)} where ${call.answerKey} was expected`);
    }
    const parsed = validateAnswer(call.schema, unwrapped.record, target) as z.infer<S> &
      z.infer<typeof dailyAnswerSchema>;
    const kind = classifyApiResult(parsed.Api_Result).kind;
    if (kind === 'error') throw apiResultError({ env: this.env, api: call.api, url: target.url }, parsed);
    const warning =
      kind === 'warning'
        ? {
            key: 'orcaApi.warning',
            params: {
              env: this.env,
              api: call.api,
              code: printable(parsed.Api_Result, 8),
              message: printable(parsed.Api_Result_Message, 200),
            },
          }
        : null;
    return { record: parsed, reportedMode, warning };
  }
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
