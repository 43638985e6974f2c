/**
 * Pending mode pushes delivered by whichever command reaches the environment next (docs/switch.md): `status`,
 * `sync`, `backup`, `restore`, `bump-seq`, `select`, `switch`. Each delivery is journaled in the run's line
 * (`modePushes.delivered`) and told on stderr; it never makes the command fail — a push that cannot be made
 * stays pending.
 */
import { randomUUID } from 'node:crypto';
import { ENVIRONMENT_NAMES } from '../core/config-schema.js';
import { reportedModeFor, type EnvironmentName, type Mode } from '../core/domain.js';
import { LockedError, isOrcaError } from '../core/errors.js';
import {
  deliverPendingModePush,
  deliverPendingModePushes,
  type DeliveryReport,
  type ModePushPorts,
} from '../core/mode-pushes.js';
import type { AdapterFactory, AdapterOptions } from '../adapters/factory.js';
import { acquireLock } from '../adapters/fs/lock.js';
import type { CommandContext } from './context.js';
import { FileStateLedger } from './state-ledger.js';

/** A push is one small request: an environment that does not take it soon is told by a later command. */
export const PUSH_ADAPTER_OPTIONS: AdapterOptions = {
  timeouts: { connectMs: 5_000, responseMs: 10_000, idleMs: 10_000 },
  retry: { limit: 1, totalDeadlineMs: 15_000 },
};

/** The push port over the factory's environment controls (cloud `PUT /mode`, or the database's mode table). */
export function modePusher(
  adapters: AdapterFactory,
  reason: string,
  options: AdapterOptions = PUSH_ADAPTER_OPTIONS,
): ModePushPorts['push'] {
  return async (env, mode, signal) => {
    const control = await adapters.environmentControl(env, options);
    await control.pushMode(mode, reason, `mode-${randomUUID()}`, signal);
  };
}

/**
 * For a command that holds the lock and has just reached `envs`: delivers what is pending for them. Returns
 * null when nothing was pending. Only Ctrl-C is thrown.
 */
export async function deliverOwedPushes(
  ctx: CommandContext,
  adapters: AdapterFactory,
  stateDir: string,
  envs: readonly EnvironmentName[],
  command: string,
): Promise<DeliveryReport | null> {
  const ledger = new FileStateLedger(stateDir);
  try {
    const state = await ledger.read();
    if (!envs.some((env) => state.pendingModePushes[env] !== undefined)) return null;
    ctx.journal.open(stateDir, command);
    const push = modePusher(adapters, `orca-hybrid ${command}: pending since the last switch`);
    const report = await deliverPendingModePushes(envs, { ledger, push }, ctx.signal);
    tellDelivery(ctx, report);
    return report;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    ctx.out.note(ctx.t('mode.deliveryFailed', { reason: explain(ctx, error) }));
    return null;
  }
}

/** `status`'s delivery: before each environment's probe, under the lock when no other run holds it. */
export interface StatusDelivery {
  /** Delivers what `env` is owed (nothing when it is owed nothing); never throws. */
  before(env: EnvironmentName, signal: AbortSignal): Promise<void>;
  /** Waits for the deliveries, releases the lock, journals and tells what happened. */
  finish(): Promise<void>;
}

/**
 * `status` holds no lock, so it delivers only when it can take the lock at once: a switch or select running
 * meanwhile decides the mode, and a stale push must never overtake it. Null when nothing is owed or the lock
 * is held (then said on stderr).
 */
export async function statusDelivery(
  ctx: CommandContext,
  adapters: AdapterFactory,
  stateDir: string,
  adapterOptions: AdapterOptions,
): Promise<StatusDelivery | null> {
  const ledger = new FileStateLedger(stateDir);
  const owed = (await ledger.read()).pendingModePushes;
  const envs = ENVIRONMENT_NAMES.filter((env) => owed[env] !== undefined);
  if (envs.length === 0) return null;
  let lock;
  try {
    lock = await acquireLock({ stateDir, command: 'status', waitMs: 0, signal: ctx.signal });
  } catch (error) {
    if (!(error instanceof LockedError)) throw error;
    ctx.out.note(ctx.t('mode.deliveryLocked', { envs: envs.map((env) => ctx.t(`env.${env}`)).join(', ') }));
    return null;
  }
  ctx.defer(() => lock.release());
  ctx.journal.open(stateDir, 'status');
  const ports = {
    ledger,
    push: modePusher(adapters, 'orca-hybrid status: pending since the last switch', adapterOptions),
  };
  const runs = new Map<EnvironmentName, Promise<{ delivered: boolean; error?: unknown }>>();
  return {
    async before(env, signal) {
      const mode = owed[env];
      if (mode === undefined) return;
      const run = deliverPendingModePush(env, mode, ports, signal).catch((error: unknown) => ({
        delivered: false as const,
        error,
      }));
      runs.set(env, run);
      await run;
    },
    async finish() {
      const report: DeliveryReport = { delivered: [], undelivered: [] };
      for (const env of envs) {
        const result = (await runs.get(env)) ?? { delivered: false, error: null };
        const mode = owed[env] as Mode;
        if (result.delivered) report.delivered.push({ env, mode });
        else report.undelivered.push({ env, mode, error: result.error });
      }
      await lock.release();
      tellDelivery(ctx, report);
    },
  };
}

/** Journals what was delivered and tells both outcomes on stderr. */
function tellDelivery(ctx: CommandContext, report: DeliveryReport): void {
  if (report.delivered.length > 0)
    ctx.journal.also('modePushes.delivered', Object.fromEntries(report.delivered.map((d) => [d.env, d.mode])));
  for (const { env, mode } of report.delivered)
    ctx.out.note(ctx.t('mode.delivered', { env: ctx.t(`env.${env}`), reported: reportedModeFor(env, mode) }));
  for (const { env, mode, error } of report.undelivered)
    ctx.out.note(
      ctx.t('mode.stillPending', {
        env: ctx.t(`env.${env}`),
        reported: reportedModeFor(env, mode),
        reason: error === null ? ctx.t('mode.notTried') : explain(ctx, error),
      }),
    );
}

function explain(ctx: CommandContext, error: unknown): string {
  return isOrcaError(error) ? ctx.t(error.key, error.params) : error instanceof Error ? error.message : String(error);
}
