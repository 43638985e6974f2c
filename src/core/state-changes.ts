import type { EmergencyChoice, EnvironmentName, Mode, Sequences } from './domain.js';
import type { BumpRecord, OrcaState, RestorePoint, SyncRecord } from './state.js';

/**
 * Pure changes of the state document. Each returns a new object (the input is never modified) and
 * copies every other key, including keys a later release added.
 */

/**
 * Selects the emergency environment (選択). Whether it may change now — during an outage it asks first — is
 * the select use case's concern (`select-run.ts`).
 */
export function selectEmergency(state: OrcaState, choice: EmergencyChoice): OrcaState {
  if (state.selectedEmergency === choice) return state;
  return { ...state, selectedEmergency: choice };
}

/** Records the mode the tool now runs in. Legality of the transition is the caller's (switch) concern. */
export function recordMode(state: OrcaState, mode: Mode, at: Date): OrcaState {
  if (state.mode === mode) return state;
  return { ...state, mode, modeChangedAt: at.toISOString() };
}

/** Records counters read from `env` as its last-known values (used when `env` is unreachable later). */
export function recordSequences(state: OrcaState, env: EnvironmentName, values: Sequences, readAt: Date): OrcaState {
  const reading = {
    values: {
      outpatientSlip: values.outpatientSlip,
      inpatientSlip: values.inpatientSlip,
      patientSerial: values.patientSerial,
      patientId: values.patientId,
    },
    readAt: readAt.toISOString(),
  };
  return { ...state, lastKnownSequences: { ...state.lastKnownSequences, [env]: reading } };
}

/** Records that `backupId` (made at `backupCreatedAt`, when known) is now the content of `env`. */
export function recordRestorePoint(
  state: OrcaState,
  env: EnvironmentName,
  backupId: string,
  restoredAt: Date,
  backupCreatedAt?: string,
): OrcaState {
  const point: RestorePoint = { backupId, restoredAt: restoredAt.toISOString() };
  if (backupCreatedAt !== undefined) point.backupCreatedAt = new Date(backupCreatedAt).toISOString();
  return { ...state, restorePoints: { ...state.restorePoints, [env]: point } };
}

/** Remembers a bump of `env` based on an old reading, so a re-run with that reading changes nothing. */
export function recordBump(state: OrcaState, env: EnvironmentName, bump: BumpRecord): OrcaState {
  return { ...state, lastBumps: { ...state.lastBumps, [env]: bump } };
}

/** Forgets the restore point of `env`: the database it described was replaced (a VM rebuilt from its snapshot). */
export function clearRestorePoint(state: OrcaState, env: EnvironmentName): OrcaState {
  if (state.restorePoints[env] === undefined) return state;
  const restorePoints = { ...state.restorePoints };
  delete restorePoints[env];
  return { ...state, restorePoints };
}

/** Records the outcome of the latest `sync`. */
export function recordSync(
  state: OrcaState,
  sync: { at: Date; outcome: SyncRecord['outcome']; backupId?: string; message?: string },
): OrcaState {
  const record: SyncRecord = { at: sync.at.toISOString(), outcome: sync.outcome };
  if (sync.backupId !== undefined) record.backupId = sync.backupId;
  if (sync.message !== undefined) record.message = sync.message;
  return { ...state, lastSync: record };
}

/** Remembers that `env` still has to be told `mode` (it was unreachable when the mode changed). */
export function addPendingModePush(state: OrcaState, env: EnvironmentName, mode: Mode): OrcaState {
  return { ...state, pendingModePushes: { ...state.pendingModePushes, [env]: mode } };
}

/** Forgets the pending push of `env` once it has been delivered. */
export function clearPendingModePush(state: OrcaState, env: EnvironmentName): OrcaState {
  if (!(env in state.pendingModePushes)) return state;
  const pending = { ...state.pendingModePushes };
  delete pending[env];
  return { ...state, pendingModePushes: pending };
}

/**
 * Forgets the pending push of `env` once `mode` was delivered to it — only while the pending push is still
 * that mode: a newer switch may have replaced it meanwhile, and then it stays.
 */
export function settlePendingModePush(state: OrcaState, env: EnvironmentName, mode: Mode): OrcaState {
  return state.pendingModePushes[env] === mode ? clearPendingModePush(state, env) : state;
}
