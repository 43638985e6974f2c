import { z } from 'zod';
import { ENVIRONMENT_NAMES } from './config-schema.js';
import { MODES, isBackupId, type EmergencyChoice, type EnvironmentName, type Mode, type Sequences } from './domain.js';
import { GuardError } from './errors.js';

/**
 * The tool's state document (`state.json` in the state folder): what the tool has recorded about the
 * clinic's environments. It is untrusted input from a file, so it is validated on every read; a damaged
 * or newer document is refused (exit 5) and never silently replaced by defaults.
 */
export const STATE_SCHEMA_VERSION = 1;

/** Outcomes of `sync`, as the `sync --json` contract names them. */
export const SYNC_OUTCOMES = ['downloaded', 'upToDate', 'skippedLocked', 'failed'] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

/** Counters read from an environment, and when (for `bump-seq --from-last-known`). */
export interface SequenceReading {
  values: Sequences;
  readAt: string;
}
/** Which backup was restored into an environment, and when. */
export interface RestorePoint {
  backupId: string;
  restoredAt: string;
  /** When the restored backup was made (its content's age); absent in states of earlier releases. */
  backupCreatedAt?: string;
}
/**
 * A bump based on a reading older than the target's backup (margin over max(own, reading)): remembered so
 * that a re-run with the same reading changes nothing.
 */
export interface BumpRecord {
  sourceEnv: EnvironmentName;
  readAt: string;
  after: Sequences;
  at: string;
}
export interface SyncRecord {
  at: string;
  outcome: SyncOutcome;
  backupId?: string;
  message?: string;
}

/**
 * The state as the tool uses it. Keys a later release adds under the same schemaVersion are kept as they
 * are when this release rewrites the file (the change functions copy the whole object).
 */
export interface OrcaState {
  schemaVersion: typeof STATE_SCHEMA_VERSION;
  mode: Mode;
  /** When the mode last changed (null: never switched). */
  modeChangedAt: string | null;
  selectedEmergency: EmergencyChoice;
  lastKnownSequences: Partial<Record<EnvironmentName, SequenceReading>>;
  restorePoints: Partial<Record<EnvironmentName, RestorePoint>>;
  lastSync: SyncRecord | null;
  /** Environments that were unreachable during a switch and still need the recorded mode pushed. */
  pendingModePushes: Partial<Record<EnvironmentName, Mode>>;
  /** The last bump of each environment based on an old reading (see BumpRecord). */
  lastBumps?: Partial<Record<EnvironmentName, BumpRecord>>;
}

const timestamp = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be a date-time' });
const counter = z.number().int().min(0);
const environment = z.enum(ENVIRONMENT_NAMES);
const counters = z.looseObject({
  outpatientSlip: counter,
  inpatientSlip: counter,
  patientSerial: counter,
  patientId: counter,
});

const stateSchema = z.looseObject({
  schemaVersion: z.literal(STATE_SCHEMA_VERSION),
  mode: z.enum(MODES),
  modeChangedAt: timestamp.nullable().default(null),
  selectedEmergency: z.enum(['cloud', 'local']),
  lastKnownSequences: z.partialRecord(environment, z.looseObject({ values: counters, readAt: timestamp })).default({}),
  restorePoints: z
    .partialRecord(
      environment,
      z.looseObject({
        backupId: z.string().refine(isBackupId, { message: 'must be a backup id' }),
        restoredAt: timestamp,
        backupCreatedAt: timestamp.optional(),
      }),
    )
    .default({}),
  lastBumps: z
    .partialRecord(
      environment,
      z.looseObject({ sourceEnv: environment, readAt: timestamp, after: counters, at: timestamp }),
    )
    .optional(),
  lastSync: z
    .looseObject({
      at: timestamp,
      outcome: z.enum(SYNC_OUTCOMES),
      backupId: z.string().max(128).optional(),
      message: z.string().max(4000).optional(),
    })
    .nullable()
    .default(null),
  pendingModePushes: z.partialRecord(environment, z.enum(MODES)).default({}),
});

/** The state of a fresh installation: normal mode, cloud emergency environment selected, nothing recorded. */
export function defaultState(): OrcaState {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    mode: 'normal',
    modeChangedAt: null,
    selectedEmergency: 'cloud',
    lastKnownSequences: {},
    restorePoints: {},
    lastSync: null,
    pendingModePushes: {},
  };
}

/**
 * Parses the text of a state file. Throws GuardError (exit 5) — `state.damaged` for text that is not
 * JSON, `state.tooNew` for a schemaVersion newer than this release knows, `state.invalid` (every problem
 * with its dotted path in `details`) for a wrong shape. `source` names the file in those messages.
 */
export function parseState(text: string, source: string): OrcaState {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GuardError({
      key: 'state.damaged',
      params: { path: source, reason },
      hintKey: 'state.damaged.hint',
      hintParams: { path: source },
    });
  }
  const version =
    typeof raw === 'object' && raw !== null ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined;
  if (typeof version === 'number' && version > STATE_SCHEMA_VERSION) {
    throw new GuardError({
      key: 'state.tooNew',
      params: { path: source, found: version, supported: STATE_SCHEMA_VERSION },
      hintKey: 'state.tooNew.hint',
    });
  }
  return validateState(raw, source);
}

/** Validates a state object (also the one a command is about to write); throws GuardError `state.invalid`. */
export function validateState(raw: unknown, source: string): OrcaState {
  const parsed = stateSchema.safeParse(raw);
  if (parsed.success) return parsed.data as OrcaState;
  const details = parsed.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
  );
  throw new GuardError({
    key: 'state.invalid',
    params: { path: source },
    details,
    hintKey: 'state.damaged.hint',
    hintParams: { path: source },
  });
}

/** The file text of a state: pretty JSON ending in a newline. */
export function serializeState(state: OrcaState): string {
  return JSON.stringify(state, null, 2) + '\n';
}
