/**
 * Pending mode pushes delivered by whichever command reaches the environment next (docs/switch.md): `sync`,
 * `backup`, `restore`, `bump-seq`, `select`, `switch`, `vm start`, `vm rebuild` (`mode-redelivery.ts`) — and
 * `status` (`status-delivery.ts`). Each delivery is journaled in the run's line (`modePushes.delivered`) and
 * told on stderr; it never makes the command fail — a push that cannot be made stays pending.
 */
import { randomUUID } from 'node:crypto';
import { reportedModeFor, type EnvironmentName } from '../core/domain.js';
import { isOrcaError } from '../core/errors.js';
import { deliverPendingModePushes, type DeliveryReport, type ModePushPorts } from '../core/mode-pushes.js';
import type { AdapterFactory, AdapterOptions } from '../adapters/factory.js';
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
 * null when nothing was pending. Never throws, Ctrl-C included: the command's own work is done and
 * recorded by then, and what was not delivered stays pending.
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
    ctx.out.note(ctx.t('mode.deliveryFailed', { reason: explain(ctx, error) }));
    return null;
  }
}

/** Journals what was delivered and tells both outcomes on stderr. */
export function tellDelivery(ctx: CommandContext, report: DeliveryReport): void {
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

export function explain(ctx: CommandContext, error: unknown): string {
  return isOrcaError(error) ? ctx.t(error.key, error.params) : error instanceof Error ? error.message : String(error);
}
