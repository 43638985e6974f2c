import {
  backupListSchema,
  bumpResultSchema,
  exportAcceptedSchema,
  healthSchema,
  jobAcceptedSchema,
  jobSchema,
  modeChangeSchema,
  parseReportedMode,
  sequencesReadingSchema,
  type CloudBackup,
  type CloudExportAccepted,
  type CloudHealth,
  type CloudJob,
} from '../../core/cloud-contract.js';
import { isBackupId, type EnvironmentName, type Mode, type ReportedMode, type Sequences } from '../../core/domain.js';
import { UsageError } from '../../core/errors.js';
import type {
  CloudBackupApi,
  CloudBackupDownload,
  CloudBackupHead,
  CloudJobStart,
  CloudUploadOutcome,
  EnvironmentControl,
} from '../../core/ports.js';
import type { HttpClient } from '../http/client-factory.js';
import { malformedAnswer } from '../http/http-errors.js';
import { downloadBackup, headBackup, uploadBackup } from './cloud-transfer.js';

/**
 * A cloud environment through its control API (docs/cloud-api.md, docs/openapi.yaml). Every answer is
 * validated with the contract's zod schemas before use. Calls with a requestId (mode, bump, export,
 * restore) are idempotent on the server, so they are retried like GETs; an upload is never retried here.
 */
export class CloudControl implements EnvironmentControl, CloudBackupApi {
  readonly env: EnvironmentName;

  constructor(private readonly http: HttpClient) {
    this.env = http.env;
  }

  /** Releases kept-alive connections so the process can exit. */
  close(): void {
    this.http.close();
  }

  async health(signal?: AbortSignal): Promise<CloudHealth & { reportedMode: ReportedMode | null }> {
    const answer = await this.http.requestJson({
      method: 'GET',
      path: 'hybrid/v1/health',
      schema: healthSchema,
      signal,
    });
    return { ...okBody(answer), reportedMode: parseReportedMode(answer.reportedMode) };
  }

  async readSequences(signal?: AbortSignal): Promise<Sequences> {
    const answer = await this.http.requestJson({
      method: 'GET',
      path: 'hybrid/v1/sequences',
      schema: sequencesReadingSchema,
      signal,
    });
    const { outpatientSlip, inpatientSlip, patientSerial, patientId } = okBody(answer);
    return { outpatientSlip, inpatientSlip, patientSerial, patientId };
  }

  async bumpSequences(
    atLeast: Partial<Sequences>,
    requestId: string,
  ): Promise<{ before: Sequences; after: Sequences }> {
    const named = Object.fromEntries(Object.entries(atLeast).filter(([, v]) => v !== undefined));
    if (Object.keys(named).length === 0) {
      const current = await this.readSequences();
      return { before: current, after: current };
    }
    const answer = await this.http.requestJson({
      method: 'POST',
      path: 'hybrid/v1/sequences/bump',
      json: { atLeast: named, requestId },
      schema: bumpResultSchema,
      idempotent: true,
    });
    return okBody(answer);
  }

  /** The header when it carries a known mode (it includes `-fa`), else the health answer's mode. */
  async readMode(signal?: AbortSignal): Promise<ReportedMode | string | null> {
    const health = await this.health(signal);
    return health.reportedMode ?? health.mode;
  }

  async pushMode(mode: Mode, reason: string, requestId: string, signal?: AbortSignal): Promise<void> {
    const answer = await this.http.requestJson({
      method: 'PUT',
      path: 'hybrid/v1/mode',
      json: { mode, reason: reason.slice(0, 500), requestId },
      schema: modeChangeSchema,
      idempotent: true,
      signal,
    });
    if (okBody(answer).mode !== mode)
      throw malformedAnswer({ env: this.env, url: 'hybrid/v1/mode' }, `mode ${mode} was not recorded`);
  }

  async listBackups(signal?: AbortSignal): Promise<CloudBackup[]> {
    const answer = await this.http.requestJson({
      method: 'GET',
      path: 'hybrid/v1/backups',
      schema: backupListSchema,
      signal,
    });
    // Newest by metadata, never by the server's order or the id (RELIABILITY.md lesson 4).
    return [...okBody(answer).backups].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  }

  async headBackup(id: string, signal?: AbortSignal): Promise<CloudBackupHead> {
    return headBackup(this.http, checkedId(id), signal);
  }

  async downloadBackup(
    id: string,
    options?: { offset?: number; sha256?: string; signal?: AbortSignal },
  ): Promise<CloudBackupDownload> {
    return downloadBackup(this.http, checkedId(id), options);
  }

  async uploadBackup(
    id: string,
    file: string,
    sha256: string,
    options?: { resumeFrom?: number; signal?: AbortSignal; onProgress?: (bytesSent: number) => void },
  ): Promise<CloudUploadOutcome> {
    return uploadBackup(this.http, checkedId(id), file, sha256, options);
  }

  async exportBackup(requestId: string, signal?: AbortSignal): Promise<CloudJobStart<CloudExportAccepted>> {
    const answer = await this.http.requestJson({
      method: 'POST',
      path: 'hybrid/v1/backups/export',
      json: { requestId },
      schema: exportAcceptedSchema,
      idempotent: true,
      accept: [409],
      signal,
    });
    return answer.ok
      ? { kind: 'accepted', ...answer.body }
      : { kind: 'refused', status: answer.status, code: answer.errorCode };
  }

  async startRestore(
    backupId: string,
    requestId: string,
    signal?: AbortSignal,
  ): Promise<CloudJobStart<{ jobId: string }>> {
    const answer = await this.http.requestJson({
      method: 'POST',
      path: 'hybrid/v1/restore',
      json: { backupId: checkedId(backupId), requestId },
      schema: jobAcceptedSchema,
      idempotent: true,
      accept: [404, 409],
      signal,
    });
    return answer.ok
      ? { kind: 'accepted', jobId: answer.body.jobId }
      : { kind: 'refused', status: answer.status, code: answer.errorCode };
  }

  async getJob(jobId: string, signal?: AbortSignal): Promise<CloudJob | null> {
    if (!/^[A-Za-z0-9._-]{1,128}$/.test(jobId))
      throw new UsageError({ key: 'cloud.invalidJobId', params: { jobId: jobId.slice(0, 40) } });
    const answer = await this.http.requestJson({
      method: 'GET',
      path: `hybrid/v1/jobs/${encodeURIComponent(jobId)}`,
      schema: jobSchema,
      accept: [404],
      signal,
    });
    return answer.ok ? answer.body : null;
  }
}

function okBody<T>(answer: { ok: true; body: T } | { ok: false }): T {
  // Only reachable when a caller passed `accept`: without it the client throws on every non-2xx.
  if (!answer.ok) throw new Error('a non-2xx answer reached a caller that accepts none');
  return answer.body;
}

function checkedId(id: string): string {
  if (!isBackupId(id)) throw new UsageError({ key: 'cloud.invalidBackupId', params: { id: id.slice(0, 140) } });
  return id;
}
