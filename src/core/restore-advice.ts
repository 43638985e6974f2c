/**
 * Whether a restore leaves the environment's 管理連番 where numbers already issued elsewhere could be issued
 * again, and the `bump-seq` command that fixes it (manual §4; docs/restore.md). Pure.
 */
import { ENVIRONMENT_NAMES } from './config-schema.js';
import { SEQUENCE_NAMES, type EnvironmentName, type SequenceName, type Sequences } from './domain.js';
import type { RestoreWarning } from './ports.js';
import type { SequenceReading } from './state.js';

export interface BumpAdvice {
  /** The command to run next, e.g. `orca-hybrid bump-seq --env localEmergency --from operating`. */
  command: string;
  /** Why (catalog keys): older than the environment's content, below another environment, emergency mode. */
  reasons: RestoreWarning[];
}

export interface BumpAdviceInput {
  target: EnvironmentName;
  /** The environment the restored backup came from. */
  backupSource: EnvironmentName;
  /** The counters after the restore (null: unreadable, no advice can be computed). */
  restored: Sequences | null;
  /** The counters of the database the restore replaced (null: none or unreadable). */
  before: Sequences | null;
  /** Last-known readings of every environment (the target's own is ignored). */
  lastKnown: Partial<Record<EnvironmentName, SequenceReading>>;
  /** In emergency mode a restored emergency environment always needs a bump (manual §4). */
  emergency: boolean;
  /** `bump-seq`'s own default source for the target. */
  defaultSource: EnvironmentName;
}

const below = (restored: Sequences, other: Sequences): SequenceName[] =>
  SEQUENCE_NAMES.filter((name) => restored[name] < other[name]);

/** The advice, or null when the restored counters are at or above everything known. */
export function adviseBump(input: BumpAdviceInput): BumpAdvice | null {
  const reasons: RestoreWarning[] = [];
  let source: EnvironmentName | null = null;
  const restored = input.restored;
  if (restored !== null) {
    const older = input.before === null ? [] : below(restored, input.before);
    if (older.length > 0)
      reasons.push({ key: 'restore.advice.olderThanContent', params: { counters: older.join(', ') } });
    for (const env of ENVIRONMENT_NAMES) {
      const reading = input.lastKnown[env];
      if (env === input.target || !reading) continue;
      const short = below(restored, reading.values);
      if (short.length === 0) continue;
      reasons.push({
        key: 'restore.advice.belowOther',
        params: { env, counters: short.join(', '), readAt: reading.readAt },
      });
      source ??= env;
    }
  }
  if (input.emergency && input.target !== 'operating') reasons.push({ key: 'restore.advice.emergency', params: {} });
  if (reasons.length === 0) return null;
  source ??= input.backupSource !== input.target ? input.backupSource : input.defaultSource;
  return { command: `orca-hybrid bump-seq --env ${input.target} --from ${source}`, reasons };
}
