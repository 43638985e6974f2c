/**
 * Where `bump-seq` takes the numbers to stay above (管理連番を更新; ORCA-DATA.md §3): another environment's
 * counters read live, or the last values `sync`/`status` recorded for it when it cannot be reached —
 * shown with their age, and then a larger safety margin, because numbers may have been issued since.
 */
import type { EnvironmentName, Sequences } from './domain.js';
import { emergencyEnvironmentOf } from './domain.js';
import { UsageError } from './errors.js';
import type { OrcaState, SequenceReading } from './state.js';

/** The source when `--from` is not given: the operating environment, or — for it — the selected emergency one. */
export function defaultBumpSource(
  target: EnvironmentName,
  state: Pick<OrcaState, 'selectedEmergency'>,
): EnvironmentName {
  return target === 'operating' ? emergencyEnvironmentOf(state.selectedEmergency) : 'operating';
}

/** Refuses a source equal to the target (bumping past itself would only add the margin). */
export function assertDistinctSource(target: EnvironmentName, source: EnvironmentName): void {
  if (target === source)
    throw new UsageError({ key: 'bump.sameEnv', params: { env: target }, hintKey: 'bump.sameEnv.hint' });
}

/** The counters a bump stays above, and how they were obtained. */
export interface BumpSource {
  env: EnvironmentName;
  reading: 'live' | 'lastKnown';
  values: Sequences;
  readAt: string;
  /** Whole seconds between the reading and the bump (0 for a live reading). */
  ageSeconds: number;
}

/** A recorded reading as a source, or null when none was recorded for `env`. */
export function lastKnownSource(
  env: EnvironmentName,
  reading: SequenceReading | undefined,
  now: Date,
): BumpSource | null {
  if (!reading) return null;
  const age = Math.max(0, Math.floor((now.getTime() - Date.parse(reading.readAt)) / 1000));
  return { env, reading: 'lastKnown', values: { ...reading.values }, readAt: reading.readAt, ageSeconds: age };
}

/**
 * The margin: `--margin` when given; else the configured live margin, or the larger last-known margin
 * when the source is a recorded reading.
 */
export function chooseMargin(
  flag: number | undefined,
  reading: BumpSource['reading'],
  configured: { margin: number; lastKnownMargin: number },
): number {
  if (flag !== undefined) return flag;
  return reading === 'lastKnown' ? configured.lastKnownMargin : configured.margin;
}
