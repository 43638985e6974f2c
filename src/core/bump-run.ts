/**
 * The `bump-seq` use case (管理連番を更新): raise a target environment's four counters past a source's
 * (live, else last-known) plus a margin, after a go-ahead. Never lowers a counter and never raises one past
 * what ORCA can issue (`counter-limits.ts`); re-running it after success changes nothing (`planBump`, and
 * the remembered bump for an old reading); the write is one locked transaction in the adapter, whose
 * re-read after the commit is what the report shows.
 */
import { SEQUENCE_NAMES, type EnvironmentName, type SequenceName, type Sequences } from './domain.js';
import { CancelledError, ExitCode, GuardError, PartialError, isOrcaError } from './errors.js';
import { chooseMargin, lastKnownSource, type BumpSource } from './bump-source.js';
import { counterLimits, nearLimits, type PatientNumberLayout } from './counter-limits.js';
import type { Clock, EnvironmentControl, RestoreWarning } from './ports.js';
import { planBump, type BumpPlan } from './sequences.js';
import type { BumpRecord, SequenceReading } from './state.js';

export interface BumpRunOptions {
  target: EnvironmentName;
  sourceEnv: EnvironmentName;
  /** Use the recorded reading of the source even if it could be reached. */
  fromLastKnown: boolean;
  /** `--margin`; undefined: the configured one for the kind of reading. */
  margin?: number;
  configuredMargins: { margin: number; lastKnownMargin: number };
  /** The source's last-known reading from the state. */
  lastKnown: SequenceReading | undefined;
  /** A recorded reading older than this is refused unless `force` (`--max-age`, default 48 h). */
  maxAgeSeconds: number;
  force: boolean;
  /** When the backup the target was last restored from was made (null: unknown or never restored). */
  targetBackupCreatedAt: string | null;
  /** The target's remembered bump from an old reading (`state.lastBumps`). */
  lastBump: BumpRecord | undefined;
  dryRun: boolean;
  /** Makes a retried remote bump idempotent. */
  requestId: string;
}

export interface BumpRunPorts {
  target: EnvironmentControl;
  /** Null when only the last-known reading is to be used. */
  source: EnvironmentControl | null;
  /** The go-ahead for a plan that raises something; false cancels (exit 130). */
  confirm(plan: BumpPlan & { source: BumpSource; margin: number }): Promise<boolean>;
  events: {
    /** The source could not be reached; its recorded reading is used instead. */
    sourceFallback(source: BumpSource, error: unknown): void;
  };
  clock: Clock;
}

/**
 * How the new values were chosen: `source` max(own, source + margin); `max` max(own, source) + margin (the
 * reading is older than the target's backup); `recorded` the remembered bump of that same old reading.
 */
export type BumpBasis = 'source' | 'max' | 'recorded';

/** What `bump-seq --json` prints (plus `before`/`after` as the four counters each). */
export interface BumpReport {
  env: EnvironmentName;
  source: BumpSource;
  margin: number;
  basis: BumpBasis;
  before: Sequences;
  after: Sequences;
  raised: SequenceName[];
  /** Counters at or above 90 % of what ORCA can issue after the bump. */
  nearLimit: SequenceName[];
  layout: PatientNumberLayout | null;
  /** Things to know about the plan (catalog keys): 自由構成, a layout that could not be read. */
  notes: RestoreWarning[];
  /** The bump to remember in the state (basis `max` only). */
  record: BumpRecord | null;
  dryRun: boolean;
}

/**
 * Reads the source (live; on exit-3 unreachability its last-known reading, announced), reads the target,
 * plans, asks, writes. Throws GuardError when no reading of the source exists, when a recorded one is older
 * than `maxAgeSeconds` (without `force`) or when a counter would pass ORCA's width; CancelledError when the
 * go-ahead is refused; PartialError (exit 8) when the re-read after the commit shows the bump undone.
 */
export async function runBump(options: BumpRunOptions, ports: BumpRunPorts): Promise<BumpReport> {
  const source = await readSource(options, ports);
  if (source.reading === 'lastKnown' && source.ageSeconds > options.maxAgeSeconds && !options.force)
    throw new GuardError({
      key: 'bump.readingTooOld',
      params: {
        env: source.env,
        readAt: source.readAt,
        hours: Math.floor(source.ageSeconds / 3600),
        maxHours: Math.floor(options.maxAgeSeconds / 3600),
      },
      hintKey: 'bump.readingTooOld.hint',
    });
  const margin = chooseMargin(options.margin, source.reading, options.configuredMargins);
  const current = await ports.target.readSequences();
  const layout = (await ports.target.readPatientNumberLayout?.()) ?? null;
  const limits = counterLimits(layout);
  const older =
    source.reading === 'lastKnown' &&
    options.targetBackupCreatedAt !== null &&
    Date.parse(source.readAt) < Date.parse(options.targetBackupCreatedAt);
  const remembered = older && options.lastBump?.sourceEnv === source.env && options.lastBump.readAt === source.readAt;
  const basis: BumpBasis = remembered ? 'recorded' : older ? 'max' : 'source';
  const plan =
    basis === 'recorded'
      ? planBump(current, options.lastBump!.after, 0, { limits })
      : planBump(current, source.values, margin, { base: basis === 'max' ? 'max' : 'source', limits });
  const notes: RestoreWarning[] = [];
  if (layout?.kind === 'free') notes.push({ key: 'bump.note.freeLayout', params: {} });
  if (layout === null) notes.push({ key: 'bump.note.layoutUnknown', params: { env: options.target } });
  const base = { env: options.target, source, margin, basis, layout, notes, dryRun: options.dryRun };
  const finish = (
    before: Sequences,
    after: Sequences,
    raised: SequenceName[],
    record: BumpRecord | null,
  ): BumpReport => ({
    ...base,
    before,
    after,
    raised,
    nearLimit: nearLimits(after, limits, layout),
    record,
  });
  if (options.dryRun || plan.raised.length === 0) return finish(plan.before, plan.after, plan.raised, null);
  if (!(await ports.confirm({ ...plan, source, margin }))) throw new CancelledError({ key: 'error.cancelled' });
  const written = await ports.target.bumpSequences(plan.after, options.requestId);
  const undone = SEQUENCE_NAMES.filter((name) => written.after[name] < plan.after[name]);
  if (undone.length > 0)
    throw new PartialError({
      key: 'bump.undone',
      params: { env: options.target, counters: undone.join(', ') },
      hintKey: 'bump.undone.hint',
    });
  const raised = SEQUENCE_NAMES.filter((name) => written.after[name] > written.before[name]);
  const record =
    basis === 'max'
      ? {
          sourceEnv: source.env,
          readAt: source.readAt,
          after: { ...written.after },
          at: ports.clock.now().toISOString(),
        }
      : null;
  return finish(written.before, written.after, raised, record);
}

async function readSource(options: BumpRunOptions, ports: BumpRunPorts): Promise<BumpSource> {
  const recorded = (): BumpSource | null => lastKnownSource(options.sourceEnv, options.lastKnown, ports.clock.now());
  if (options.fromLastKnown || ports.source === null) {
    const reading = recorded();
    if (!reading)
      throw new GuardError({
        key: 'bump.noLastKnown',
        params: { env: options.sourceEnv },
        hintKey: 'bump.noLastKnown.hint',
      });
    return reading;
  }
  try {
    const values = await ports.source.readSequences();
    return { env: options.sourceEnv, reading: 'live', values, readAt: ports.clock.now().toISOString(), ageSeconds: 0 };
  } catch (error) {
    const reading = isOrcaError(error) && error.exitCode === ExitCode.unreachable ? recorded() : null;
    if (!reading) throw error;
    ports.events.sourceFallback(reading, error);
    return reading;
  }
}
