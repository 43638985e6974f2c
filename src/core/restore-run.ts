/**
 * The restore use case (manual バックアップから反映; ARCHITECTURE.md "Restore"): choose a verified dump,
 * pass the gates, apply the guards, get a go-ahead, restore (with a safety dump when the target may hold
 * data entered during an outage), then check that WebORCA answers and whether the counters need a bump.
 * Every refusal happens before anything is touched.
 */
import type { CatalogEntry } from './backup-catalog.js';
import type { ClinicIdentity } from './clinic-identity.js';
import type { EnvironmentName, Sequences } from './domain.js';
import type { DumpHeader } from './dump-header.js';
import type { Clock, RestoreProgress, RestoreTarget, RestoreWarning } from './ports.js';
import { adviseBump, type BumpAdvice } from './restore-advice.js';
import { restoreFailedError, restoreUnknownError } from './restore-failure.js';
import {
  assertGates,
  checkClinics,
  checkInstitution,
  checkStructure,
  checkVersions,
  type GateCheck,
} from './restore-gates.js';
import {
  applyRestoreGuards,
  assessRestoreRisk,
  backupAgeSeconds,
  chooseRestoreBackup,
  type RestoreRisk,
} from './restore-plan.js';
import { defaultBumpSource } from './bump-source.js';
import type { OrcaState } from './state.js';

export interface RestoreRunOptions {
  target: EnvironmentName;
  /** The verified catalog (`readCatalog`). */
  entries: readonly CatalogEntry[];
  backupId?: string;
  force: boolean;
  state: Pick<OrcaState, 'mode' | 'selectedEmergency' | 'lastKnownSequences'>;
  /** `clinic.institutionCode` of the config. */
  institutionCode: string;
  signal?: AbortSignal;
}

/** What the dump says about itself, read after its bytes were checked against the sidecar. */
export interface DumpFacts {
  header: DumpHeader;
  /** Its clinic (`tbl_sysbase`, `tbl_syskanri` 1001) and structure version (`tbl_dbkanri`). */
  identity: ClinicIdentity;
}

/** What the person is asked to approve: shown before the go-ahead, never after anything changed. */
export interface RestorePlan {
  target: EnvironmentName;
  backup: CatalogEntry;
  ageSeconds: number;
  risk: RestoreRisk;
  safetyDump: boolean;
}

export interface RestoreEvents {
  chosen(backup: CatalogEntry, ageSeconds: number): void;
  gates(checks: GateCheck[]): void;
  safetyDumpTaken(backupId: string): void;
  progress(progress: RestoreProgress): void;
}

export interface RestoreRunPorts {
  /** The environment's database that receives the dump (`options.target` names the environment). */
  destination: RestoreTarget;
  /**
   * Checks the dump file against its sidecar (size, sha256) and reads its header and identity;
   * VerificationError when it does not match.
   */
  inspectDump(entry: CatalogEntry, signal?: AbortSignal): Promise<DumpFacts>;
  /** The local pg_restore (asked only when the tool restores the dump itself). */
  localRestoreVersion(): Promise<{ version: string; major: number }>;
  /** The go-ahead; throws (CancelledError, UsageError naming the flag, GuardError) to stop. */
  confirm(plan: RestorePlan): Promise<void>;
  /** The restored environment's 管理連番. */
  readCounters(signal?: AbortSignal): Promise<Sequences>;
  /** Asks the environment's WebORCA for a sign of life (`system01dailyv2`); throws when it does not answer. */
  pingWebOrca(signal?: AbortSignal): Promise<void>;
  events: RestoreEvents;
  clock: Clock;
  /** The cause's message in the user's language, for the "failed" error's details. */
  explain(error: unknown): string;
}

export interface RestoreReport {
  target: EnvironmentName;
  backupId: string;
  safetyBackupId: string | null;
  /** Replaced databases left in place because no verified dump of them exists (listed by `status`). */
  keptDatabases: string[];
  seconds: number;
  backup: CatalogEntry;
  /** The counters after the restore; null when they could not be read (a warning says why). */
  sequences: Sequences | null;
  bump: BumpAdvice | null;
  /** Whether the environment's WebORCA answered after the restore. */
  webOrcaAnswered: boolean;
  warnings: RestoreWarning[];
}

/**
 * Runs the restore. Refusals (exit 5: gates, guards; exit 6: an unverified or altered dump) come before
 * anything is touched. A failed restore throws `restore.failed` with the step (the old database is
 * untouched); a remote job still running at the deadline throws `restore.unknown` (exit 8).
 */
export async function runRestore(options: RestoreRunOptions, ports: RestoreRunPorts): Promise<RestoreReport> {
  const started = ports.clock.now().getTime();
  const { destination, events } = ports;
  const backup = chooseRestoreBackup(options.entries, options.target, options.backupId);
  const ageSeconds = backupAgeSeconds(backup, ports.clock.now());
  events.chosen(backup, ageSeconds);

  // Three independent reads (the dump, the target, the local pg_restore) run side by side; when several
  // fail, the first in this order is reported, as if they had run one after another.
  const [dump, facts, pgRestore] = await settleInOrder(
    ports.inspectDump(backup, options.signal),
    destination.inspect(options.signal),
    destination.kind === 'postgres' ? ports.localRestoreVersion() : Promise.resolve(null),
  );
  const checks = [
    ...checkVersions({
      dumpVersion: dump.header.dumpVersion,
      dumpedBy: dump.header.dumpedBy,
      dumpedByMajor: dump.header.dumpedByMajor,
      pgRestore,
      server: facts.server,
    }),
    checkClinics(dump.identity, facts.identity),
    checkInstitution(dump.identity, options.institutionCode, facts.identity),
    checkStructure(dump.identity, facts.identity),
  ];
  events.gates(checks);
  assertGates(checks);
  const warnings: RestoreWarning[] = [...(facts.notes ?? []), ...checks.flatMap((c) => (c.warning ? [c.warning] : []))];

  const risk = assessRestoreRisk(options.state, options.target);
  const { safetyDump } = applyRestoreGuards({ risk, force: options.force, canTakeSafetyDump: facts.canTakeSafetyDump });
  await ports.confirm({ target: options.target, backup, ageSeconds, risk, safetyDump });

  const outcome = await destination.restore(backup, {
    safetyDump,
    onProgress: (p) => events.progress(p),
    onSafetyDump: (id) => events.safetyDumpTaken(id),
    signal: options.signal,
  });
  if (outcome.kind === 'failed') throw restoreFailedError(options.target, outcome.step, outcome.error, ports.explain);
  if (outcome.kind === 'unknown')
    throw restoreUnknownError(options.target, outcome.jobId, outcome.step, outcome.fraction);
  for (const { cause, ...warning } of outcome.warnings)
    warnings.push(
      cause === undefined ? warning : { ...warning, params: { ...warning.params, reason: ports.explain(cause) } },
    );

  // The restore has happened: what follows only informs, so it is not cancelled and never fails the run.
  const [sequences, webOrca] = await Promise.allSettled([ports.readCounters(), ports.pingWebOrca()]);
  if (sequences.status === 'rejected')
    warnings.push({ key: 'restore.countersUnreadable', params: { reason: ports.explain(sequences.reason) } });
  if (webOrca.status === 'rejected')
    warnings.push({
      key: destination.kind === 'postgres' ? 'restore.webOrcaSilent.local' : 'restore.webOrcaSilent.cloud',
      params: { reason: ports.explain(webOrca.reason) },
    });
  const restored = sequences.status === 'fulfilled' ? sequences.value : null;
  return {
    target: options.target,
    backupId: backup.id,
    safetyBackupId: outcome.safetyBackupId,
    keptDatabases: outcome.keptDatabases,
    seconds: (ports.clock.now().getTime() - started) / 1000,
    backup,
    sequences: restored,
    bump: adviseBump({
      target: options.target,
      backupSource: backup.source,
      restored,
      // A cloud environment does not report its counters before the restore: its last reading stands in.
      before: facts.sequences ?? options.state.lastKnownSequences[options.target]?.values ?? null,
      lastKnown: options.state.lastKnownSequences,
      emergency: options.state.mode === 'emergency',
      defaultSource: defaultBumpSource(options.target, options.state),
    }),
    webOrcaAnswered: webOrca.status === 'fulfilled',
    warnings,
  };
}

async function settleInOrder<A, B, C>(a: Promise<A>, b: Promise<B>, c: Promise<C>): Promise<[A, B, C]> {
  const settled = await Promise.allSettled([a, b, c]);
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as [A, B, C];
}
