/**
 * The select use case (選択, manual §3.2.4–3.2.5): which emergency environment a switch uses. In normal mode
 * a choice only. During an outage (emergency or recovery mode) it moves the clinic to the other emergency
 * environment: the data entered in the one selected so far stays there, so it asks first; then the newly
 * selected environment is told the current mode and the one left is told `normal` (it is no longer in use) —
 * owed first, pushed after, like a switch.
 */
import { ENVIRONMENT_NAMES } from './config-schema.js';
import type { EmergencyChoice, EnvironmentName, Mode } from './domain.js';
import { expectedModes } from './mode-machine.js';
import { selectEmergency } from './state-changes.js';
import { deliverPendingModePushes, type ModePushPorts, type UndeliveredPush } from './mode-pushes.js';

/** What the person approves before an outage moves to the other emergency environment. */
export interface SelectPlan {
  mode: Exclude<Mode, 'normal'>;
  previous: EmergencyChoice;
  choice: EmergencyChoice;
  /** The environments told another mode, and which. */
  tell: Array<{ env: EnvironmentName; mode: Mode }>;
}

export interface SelectPorts extends ModePushPorts {
  /** Warns and asks (emergency or recovery mode only); throws CancelledError or UsageError (`--yes`) to stop. */
  confirm(plan: SelectPlan): Promise<void>;
}

/** What `select --json` prints. */
export interface SelectReport {
  selectedEmergency: EmergencyChoice;
  previous: EmergencyChoice;
  mode: Mode;
  pushed: EnvironmentName[];
  pending: EnvironmentName[];
  undelivered: UndeliveredPush[];
}

/** Selects `choice`; already selected is a no-op that changes nothing (and asks nothing). */
export async function runSelect(
  options: { choice: EmergencyChoice; signal?: AbortSignal },
  ports: SelectPorts,
): Promise<SelectReport> {
  const state = await ports.ledger.read();
  const previous = state.selectedEmergency;
  const base = { selectedEmergency: options.choice, previous, mode: state.mode, undelivered: [] };
  if (previous === options.choice) return { ...base, pushed: [], pending: [] };
  const before = expectedModes(state.mode, previous);
  const after = expectedModes(state.mode, options.choice);
  const tell = ENVIRONMENT_NAMES.filter((env) => before[env] !== after[env]).map((env) => ({ env, mode: after[env] }));
  if (state.mode !== 'normal') await ports.confirm({ mode: state.mode, previous, choice: options.choice, tell });
  await ports.ledger.update((current) => ({
    ...selectEmergency(current, options.choice),
    pendingModePushes: { ...current.pendingModePushes, ...Object.fromEntries(tell.map((x) => [x.env, x.mode])) },
  }));
  const envs = tell.map((x) => x.env);
  const delivery = await deliverPendingModePushes(envs, ports, options.signal);
  const owed = (await ports.ledger.read()).pendingModePushes;
  return {
    ...base,
    pushed: delivery.delivered.map((d) => d.env),
    pending: envs.filter((env) => owed[env] !== undefined),
    undelivered: delivery.undelivered,
  };
}
