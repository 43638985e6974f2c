/**
 * The `bump-seq` use case (管理連番を更新): raise a target environment's four counters past a source's
 * (live, else last-known) plus a margin, after a go-ahead. Never lowers a counter; re-running it after
 * success changes nothing (`planBump`); the write is one locked transaction in the adapter.
 */
import { SEQUENCE_NAMES, type EnvironmentName, type SequenceName, type Sequences } from './domain.js';
import { CancelledError, ExitCode, GuardError, isOrcaError } from './errors.js';
import { chooseMargin, lastKnownSource, type BumpSource } from './bump-source.js';
import type { Clock, EnvironmentControl } from './ports.js';
import { planBump, type BumpPlan } from './sequences.js';
import type { SequenceReading } from './state.js';

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

/** What `bump-seq --json` prints (plus `before`/`after` as the four counters each). */
export interface BumpReport {
  env: EnvironmentName;
  source: BumpSource;
  margin: number;
  before: Sequences;
  after: Sequences;
  raised: SequenceName[];
  dryRun: boolean;
}

/**
 * Reads the source (live; on exit-3 unreachability its last-known reading, announced), reads the target,
 * plans, asks, writes. Throws GuardError when no reading of the source exists at all, CancelledError
 * when the go-ahead is refused. A dry run reads and plans but never writes.
 */
export async function runBump(options: BumpRunOptions, ports: BumpRunPorts): Promise<BumpReport> {
  const source = await readSource(options, ports);
  const margin = chooseMargin(options.margin, source.reading, options.configuredMargins);
  const current = await ports.target.readSequences();
  const plan = planBump(current, source.values, margin);
  const base = { env: options.target, source, margin, dryRun: options.dryRun };
  if (options.dryRun || plan.raised.length === 0)
    return { ...base, before: plan.before, after: plan.after, raised: plan.raised };
  if (!(await ports.confirm({ ...plan, source, margin }))) throw new CancelledError({ key: 'error.cancelled' });
  const written = await ports.target.bumpSequences(plan.after, options.requestId);
  const raised = SEQUENCE_NAMES.filter((name) => written.after[name] > written.before[name]);
  return { ...base, before: written.before, after: written.after, raised };
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
