/**
 * The mode state machine (manual §3.2.2): normal → emergency → recovery → normal, nothing else without
 * `--force --reason`. And which mode each environment is told: the operating environment and the selected
 * emergency environment follow the clinic's mode; the emergency environment that is not selected is not in
 * use and is told `normal` (it reports `normal-fa`).
 */
import { ENVIRONMENT_NAMES } from './config-schema.js';
import { emergencyEnvironmentOf, type EmergencyChoice, type EnvironmentName, type Mode } from './domain.js';
import { GuardError, UsageError } from './errors.js';

/** The one legal step out of each mode. */
export const NEXT_MODE: Readonly<Record<Mode, Mode>> = {
  normal: 'emergency',
  emergency: 'recovery',
  recovery: 'normal',
};

/** A longest override reason: it goes to the journal and to each environment's mode record. */
export const MAX_REASON_LENGTH = 500;

export interface TransitionRequest {
  from: Mode;
  to: Mode;
  force: boolean;
  reason: string | undefined;
}

/** How a requested switch relates to the state machine. */
export type TransitionVerdict =
  /** The legal next step. */
  | { kind: 'legal' }
  /** Already in that mode: a re-run that delivers what an interrupted switch left pending. */
  | { kind: 'repeat' }
  /** Not the legal step, allowed by `--force --reason` (journaled with the reason). */
  | { kind: 'override'; reason: string };

/**
 * Judges a switch. An illegal one throws GuardError `switch.illegal` (exit 5) naming the legal next step;
 * `--force` without a reason (or a reason without `--force`) is a UsageError (exit 2): an override is
 * journaled with its reason, so there must be one.
 */
export function judgeTransition(request: TransitionRequest): TransitionVerdict {
  const reason = request.reason?.trim() ?? '';
  if (request.force && reason === '')
    throw new UsageError({ key: 'switch.forceNeedsReason', hintKey: 'switch.forceNeedsReason.hint' });
  if (!request.force && request.reason !== undefined)
    throw new UsageError({ key: 'switch.reasonNeedsForce', params: { reason: reason.slice(0, 80) } });
  if (reason.length > MAX_REASON_LENGTH)
    throw new UsageError({ key: 'switch.reasonTooLong', params: { max: MAX_REASON_LENGTH } });
  if (request.from === request.to) return { kind: 'repeat' };
  if (NEXT_MODE[request.from] === request.to) return { kind: 'legal' };
  if (request.force) return { kind: 'override', reason };
  throw new GuardError({
    key: 'switch.illegal',
    params: { from: request.from, to: request.to, next: NEXT_MODE[request.from] },
    hintKey: 'switch.illegal.hint',
    hintParams: { next: NEXT_MODE[request.from] },
  });
}

/** The mode each environment should believe in (without `-fa`; see `reportedModeFor`). */
export function expectedModes(mode: Mode, selected: EmergencyChoice): Record<EnvironmentName, Mode> {
  const active = emergencyEnvironmentOf(selected);
  const modes = {} as Record<EnvironmentName, Mode>;
  for (const env of ENVIRONMENT_NAMES) modes[env] = env === 'operating' || env === active ? mode : 'normal';
  return modes;
}

/** The environments a switch tells its mode: the operating one and the selected emergency one. */
export function switchAudience(selected: EmergencyChoice): EnvironmentName[] {
  return ['operating', emergencyEnvironmentOf(selected)];
}
