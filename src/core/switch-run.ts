/**
 * The switch use case (manual §3.2.2 環境切り替えボタン, RELIABILITY.md lessons 5 and 7): judge the transition,
 * look at every environment it concerns, refuse what must be refused, show the plan and get a go-ahead —
 * all before anything changes. Then record the new mode together with a pending push for every environment
 * concerned (one atomic state write), and only then push: a run killed in between leaves pushes that the
 * next command reaching those environments delivers.
 */
import type { CatalogEntry } from './backup-catalog.js';
import { ENVIRONMENT_NAMES } from './config-schema.js';
import {
  emergencyEnvironmentOf,
  reportedModeFor,
  type EmergencyChoice,
  type EnvironmentName,
  type Mode,
} from './domain.js';
import { GuardError, PartialError, TlsVerificationError, UnreachableError, isOrcaError } from './errors.js';
import { expectedModes, judgeTransition, switchAudience } from './mode-machine.js';
import { deliverPendingModePushes, type ModePushPorts, type UndeliveredPush } from './mode-pushes.js';
import type { Clock, CopyableVisitsCounter } from './ports.js';
import { recordMode } from './state-changes.js';
import { checkRestorePoint, nextSteps, type EnvironmentPlan, type SwitchPlan } from './switch-plan.js';

export interface SwitchOptions {
  to: Mode;
  /** `--target` of `switch emergency`: the emergency environment to use (and select). */
  target?: EmergencyChoice;
  force: boolean;
  reason?: string;
  /** The verified catalog, for the restore point. */
  entries: readonly CatalogEntry[];
  signal?: AbortSignal;
}

export interface SwitchPorts extends ModePushPorts {
  /** What `env` reports now (`X-Hybridmode`, or its mode table); throws when it cannot be reached. */
  readMode(env: EnvironmentName, signal?: AbortSignal): Promise<string | null>;
  copyableVisits: CopyableVisitsCounter;
  /** Shows the plan; resolves to go ahead, throws (CancelledError, UsageError naming `--yes`) to stop. */
  confirm(plan: SwitchPlan): Promise<void>;
  clock: Clock;
}

/** What `switch --json` prints (`from`, `to`, `pushed`, `pending` are the contract's; the rest may grow). */
export interface SwitchReport {
  from: Mode;
  to: Mode;
  emergency: EnvironmentName;
  pushed: EnvironmentName[];
  pending: EnvironmentName[];
  /** `--force` with its reason (an illegal transition, or visits left to copy): journaled. */
  override: { reason: string } | null;
  repeat: boolean;
  nextSteps: string[][];
  plan: SwitchPlan;
  undelivered: UndeliveredPush[];
}

/** The environment without which a switch makes no sense: it must answer before, and take the push. */
function requiredEnvironment(to: Mode, emergencyEnv: EnvironmentName): EnvironmentName | null {
  if (to === 'emergency') return emergencyEnv;
  if (to === 'recovery') return 'operating';
  return null;
}

/**
 * Runs the switch. Refusals, before any change: an illegal transition (exit 5, naming the legal step), `--force`
 * without `--reason` (exit 2), the required environment unreachable (exit 3), copyable visits left when
 * switching to normal (exit 5), another emergency environment than the selected one during an outage (exit 5).
 * A required environment that answered the plan but did not take the push is PartialError (exit 8: the mode
 * is recorded and the push pending; re-running the switch delivers it).
 */
export async function runSwitch(options: SwitchOptions, ports: SwitchPorts): Promise<SwitchReport> {
  const state = await ports.ledger.read();
  const verdict = judgeTransition({ from: state.mode, to: options.to, force: options.force, reason: options.reason });
  const selected = options.target ?? state.selectedEmergency;
  if (selected !== state.selectedEmergency && state.mode !== 'normal')
    throw new GuardError({
      key: 'switch.targetDuringOutage',
      params: { mode: state.mode, current: state.selectedEmergency, target: selected },
      hintKey: 'switch.targetDuringOutage.hint',
      hintParams: { target: selected },
    });
  const emergencyEnv = emergencyEnvironmentOf(selected);
  const modes = expectedModes(options.to, selected);
  const audience = switchAudience(selected);
  const environments = await Promise.all(
    ENVIRONMENT_NAMES.map((env) => probe(env, modes[env], !audience.includes(env), ports, options.signal)),
  );
  const required = requiredEnvironment(options.to, emergencyEnv);
  const missing = environments.find((e) => e.env === required && !e.reachable);
  // A certificate that failed verification is no outage: it says so itself (exit 6), never "unreachable".
  if (missing?.error instanceof TlsVerificationError) throw missing.error;
  if (missing)
    throw new UnreachableError({
      key: `switch.unreachable.${missing.env}`,
      params: { to: options.to, env: missing.env },
      hintKey: `switch.unreachable.${missing.env}.hint`,
      cause: missing.error,
    });
  const copyable =
    options.to === 'normal' && verdict.kind !== 'repeat'
      ? await ports.copyableVisits.count(emergencyEnv, options.signal)
      : null;
  if (copyable?.kind === 'counted' && copyable.copyable > 0 && !options.force)
    throw new GuardError({
      key: 'switch.copyableLeft',
      params: { count: copyable.copyable, env: emergencyEnv },
      hintKey: 'switch.copyableLeft.hint',
    });
  const plan: SwitchPlan = {
    from: state.mode,
    to: options.to,
    verdict,
    selected,
    previousSelected: selected === state.selectedEmergency ? null : state.selectedEmergency,
    emergencyEnv,
    environments,
    restorePoint:
      options.to === 'emergency'
        ? checkRestorePoint(emergencyEnv, state.restorePoints[emergencyEnv], options.entries)
        : null,
    copyable,
  };
  if (verdict.kind !== 'repeat') await ports.confirm(plan);

  const told = environments.filter((e) => !e.bystander || (e.reachable && e.current !== e.reports));
  const now = ports.clock.now();
  await ports.ledger.update((current) => ({
    ...recordMode(current, options.to, now),
    selectedEmergency: selected,
    pendingModePushes: { ...current.pendingModePushes, ...Object.fromEntries(told.map((e) => [e.env, e.tell])) },
  }));
  const reachable = told.filter((e) => e.reachable).map((e) => e.env);
  const delivery = await deliverPendingModePushes(reachable, ports, options.signal);
  const after = await ports.ledger.read();
  const report: SwitchReport = {
    from: state.mode,
    to: options.to,
    emergency: emergencyEnv,
    pushed: delivery.delivered.map((d) => d.env),
    pending: told.map((e) => e.env).filter((env) => after.pendingModePushes[env] !== undefined),
    override: options.force ? { reason: (options.reason ?? '').trim() } : null,
    repeat: verdict.kind === 'repeat',
    nextSteps: nextSteps(plan),
    plan,
    undelivered: delivery.undelivered,
  };
  const failed = delivery.undelivered.find((u) => u.env === required);
  if (failed) throw new SwitchIncompleteError(report, failed);
  return report;
}

/** The mode is recorded but the environment that matters most did not take it (exit 8); carries the report. */
export class SwitchIncompleteError extends PartialError {
  constructor(
    readonly report: SwitchReport,
    failed: UndeliveredPush,
  ) {
    super({
      key: 'switch.pushFailed',
      params: { env: failed.env, to: report.to },
      hintKey: 'switch.pushFailed.hint',
      hintParams: { to: report.to },
      cause: failed.error,
    });
  }
}

async function probe(
  env: EnvironmentName,
  tell: Mode,
  bystander: boolean,
  ports: SwitchPorts,
  signal?: AbortSignal,
): Promise<EnvironmentPlan> {
  const base = { env, bystander, tell, reports: reportedModeFor(env, tell) };
  try {
    // A database never told has no mode table: it stands for normal.
    const current = (await ports.readMode(env, signal)) ?? reportedModeFor(env, 'normal');
    return { ...base, reachable: true, current, error: null };
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    if (!isOrcaError(error)) throw error;
    return { ...base, reachable: false, current: null, error };
  }
}
