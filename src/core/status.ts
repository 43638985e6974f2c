/**
 * `status` (manual §3.2.1, 3.2.3–3.2.5): one report of every environment, probed in parallel under one
 * timeout so a dead environment never delays the others. Pure: the probes arrive as functions (ports).
 */
import { setMaxListeners } from 'node:events';
import type { EnvironmentName } from './config-schema.js';
import { ENVIRONMENT_NAMES } from './config-schema.js';
import { reportedModeFor, type EmergencyChoice, type Mode, type Sequences } from './domain.js';
import { AuthError, TlsVerificationError, UnreachableError, isOrcaError, type OrcaError } from './errors.js';
import { expectedModes } from './mode-machine.js';
import { judgeReportedMode } from './mode-report.js';
import type { VmStatus } from './vm-status.js';

/** What one probe of an environment found. Every field may be missing when only part answered. */
export interface EnvironmentProbeResult {
  reportedMode: string | null;
  sequences: Sequences | null;
  version: string | null;
  institutionName: string | null;
  institutionCode: string | null;
  /** Non-fatal problems of a partly answering environment (e.g. API up, database refused). */
  warnings: string[];
  /** Databases earlier restores replaced and kept (a directly reached database only). */
  keptDatabases?: string[];
  /** The database in use had been left closed to connections by a killed restore; re-opened now. */
  reopened?: boolean;
  /**
   * A directly reached environment: the header value its mode table stands for (`normal-fa` when never
   * told), null when it could not be read. Absent for a cloud environment.
   */
  databaseMode?: string | null;
}

export type { VmStatus };

export interface EnvironmentStatus {
  url: string;
  online: boolean;
  reportedMode: string | null;
  /** The header value this environment should send for the recorded mode and selection. */
  expectedMode: string;
  /** False when its server sends no mode of its own (plain `normal` from a WebORCA unaware of the service). */
  modeReported: boolean;
  /** The mode recorded in its database (a directly reached environment; else null). */
  databaseMode: string | null;
  mismatch: boolean;
  sequences: Sequences | null;
  version: string | null;
  institutionName: string | null;
  error: { code: string; message: string } | null;
  warnings: string[];
  /** See EnvironmentProbeResult. */
  keptDatabases: string[];
  reopened: boolean;
  selected?: boolean;
  vm?: VmStatus | null;
}

export interface NewestBackup {
  env: string;
  id: string;
  createdAt: string;
  ageSeconds: number;
  size: number;
}

export interface StatusReport {
  mode: Mode;
  selectedEmergency: EmergencyChoice;
  environments: Record<EnvironmentName, EnvironmentStatus>;
  newestBackup: NewestBackup | null;
  lastSync: { at: string; outcome: string; backupId?: string | null; message?: string | null } | null;
  lock: { pid: number; host: string; command: string; startedAt: string; phase?: string } | null;
  mismatches: { env: EnvironmentName; recorded: string; reported: string }[];
  /** Mode pushes still owed to environments that missed a switch (after `status` delivered what it could). */
  pendingModePushes?: Partial<Record<EnvironmentName, Mode>>;
}

export interface StatusInput {
  mode: Mode;
  selectedEmergency: EmergencyChoice;
  urls: Record<EnvironmentName, string>;
  probes: Record<EnvironmentName, (signal: AbortSignal) => Promise<EnvironmentProbeResult>>;
  vm?: (signal: AbortSignal) => Promise<VmStatus | null>;
  timeoutMs: number;
  newestBackup: NewestBackup | null;
  lastSync: StatusReport['lastSync'];
  lock: StatusReport['lock'];
  /** Renders an error for the report (translated message); defaults to the error's message. */
  describeError?: (error: unknown) => string;
  /** Ctrl-C: stops every probe and rejects with its reason instead of reporting. */
  signal?: AbortSignal;
}

/** The shared deadline passed before the probe answered. */
export class ProbeTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** Runs one probe, giving up when the shared deadline passes; the signal tells the probe to stop. */
async function withDeadline<T>(
  run: (signal: AbortSignal) => Promise<T>,
  deadline: Promise<never>,
  controller: AbortController,
): Promise<T> {
  return Promise.race([run(controller.signal), deadline]);
}

/**
 * Probes every environment (and the VM) in parallel; all of them share one deadline of `timeoutMs`.
 * Guarantees: resolves within about `timeoutMs` whatever the probes do (or rejects with the reason of an
 * aborted `signal`: Ctrl-C); never throws for an environment that fails (it is reported offline with its
 * error); flags every reported mode that differs from the recorded one.
 */
export async function gatherStatus(input: StatusInput): Promise<StatusReport> {
  const controller = new AbortController();
  // Every probe's requests listen on this one signal; more than the default ten listeners is expected.
  setMaxListeners(100, controller.signal);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProbeTimeout(input.timeoutMs));
    }, input.timeoutMs);
  });
  deadline.catch(() => undefined);
  const stop = (): void => controller.abort(input.signal?.reason);
  input.signal?.addEventListener('abort', stop, { once: true });
  const describe = input.describeError ?? ((e: unknown) => (e instanceof Error ? e.message : String(e)));

  try {
    const [results, vm] = await Promise.all([
      Promise.allSettled(ENVIRONMENT_NAMES.map((env) => withDeadline(input.probes[env], deadline, controller))),
      input.vm ? withDeadline(input.vm, deadline, controller).catch(() => null) : Promise.resolve(undefined),
    ]);
    if (input.signal?.aborted) throw input.signal.reason;
    const environments = {} as Record<EnvironmentName, EnvironmentStatus>;
    const mismatches: StatusReport['mismatches'] = [];
    ENVIRONMENT_NAMES.forEach((env, i) => {
      const expectedMode = reportedModeFor(env, expectedModes(input.mode, input.selectedEmergency)[env]);
      const settled = results[i]!;
      const status: EnvironmentStatus =
        settled.status === 'fulfilled'
          ? onlineStatus(input.urls[env], expectedMode, settled.value)
          : offlineStatus(input.urls[env], expectedMode, settled.reason, describe);
      if (env !== 'operating') status.selected = (env === 'cloudEmergency') === (input.selectedEmergency === 'cloud');
      if (env === 'localEmergency' && vm !== undefined) status.vm = vm;
      const observed = status.modeReported ? status.reportedMode : status.databaseMode;
      if (status.mismatch && observed) mismatches.push({ env, recorded: expectedMode, reported: observed });
      environments[env] = status;
    });
    return {
      mode: input.mode,
      selectedEmergency: input.selectedEmergency,
      environments,
      newestBackup: input.newestBackup,
      lastSync: input.lastSync,
      lock: input.lock,
      mismatches,
    };
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', stop);
  }
}

function onlineStatus(url: string, expectedMode: string, probe: EnvironmentProbeResult): EnvironmentStatus {
  const verdict = judgeReportedMode(expectedMode, probe.reportedMode, probe.databaseMode);
  return {
    url,
    online: true,
    reportedMode: probe.reportedMode,
    expectedMode,
    modeReported: verdict.modeReported,
    databaseMode: probe.databaseMode ?? null,
    mismatch: verdict.mismatch,
    sequences: probe.sequences,
    version: probe.version,
    institutionName: probe.institutionName,
    error: null,
    warnings: probe.warnings,
    keptDatabases: probe.keptDatabases ?? [],
    reopened: probe.reopened ?? false,
  };
}

function offlineStatus(
  url: string,
  expectedMode: string,
  reason: unknown,
  describe: (e: unknown) => string,
): EnvironmentStatus {
  const code = reason instanceof ProbeTimeout ? 'TIMEOUT' : isOrcaError(reason) ? reason.code : 'UNEXPECTED';
  return {
    url,
    online: false,
    reportedMode: null,
    expectedMode,
    modeReported: false,
    databaseMode: null,
    mismatch: false,
    sequences: null,
    version: null,
    institutionName: null,
    error: { code, message: describe(reason) },
    warnings: [],
    keptDatabases: [],
    reopened: false,
  };
}

/**
 * What `status --strict` (a Nagios-style check) says about a report: nothing when every environment
 * answered; TlsVerificationError (exit 6) when a server certificate failed verification (possible
 * interception, never an outage); AuthError (exit 4) when one refused our credentials, as every other
 * command answers a 401; else UnreachableError (exit 3). `name` renders an environment for the message.
 */
export function strictFailure(report: StatusReport, name: (env: EnvironmentName) => string): OrcaError | null {
  const offline = ENVIRONMENT_NAMES.filter((env) => !report.environments[env].online);
  if (offline.length === 0) return null;
  const untrusted = offline.filter((env) => report.environments[env].error?.code === 'TLS_VERIFICATION');
  if (untrusted.length > 0)
    return new TlsVerificationError({
      key: 'status.strictTls',
      params: { envs: untrusted.map(name).join(', ') },
      hintKey: 'status.strictTls.hint',
    });
  const refused = offline.filter((env) => report.environments[env].error?.code === 'AUTH');
  if (refused.length > 0)
    return new AuthError({
      key: 'status.strictAuth',
      params: { envs: refused.map(name).join(', ') },
      hintKey: 'status.strictAuth.hint',
    });
  return new UnreachableError({ key: 'status.strictOffline', params: { envs: offline.map(name).join(', ') } });
}
