/**
 * Deliveries beyond the locked command's own: owing an environment its mode again after its database was
 * replaced (a restore, a VM rebuild), and delivering from a command that holds no lock (`vm start`).
 */
import type { EnvironmentName } from '../core/domain.js';
import { LockedError } from '../core/errors.js';
import { expectedModes } from '../core/mode-machine.js';
import type { DeliveryReport } from '../core/mode-pushes.js';
import { addPendingModePush } from '../core/state-changes.js';
import type { AdapterFactory } from '../adapters/factory.js';
import { acquireLock, type LockHandle } from '../adapters/fs/lock.js';
import type { CommandContext } from './context.js';
import { deliverOwedPushes, explain } from './mode-delivery.js';
import { FileStateLedger } from './state-ledger.js';

/**
 * After `env`'s database was replaced (a restore, a VM rebuild) — and with it the mode table of a directly
 * reached environment, or a table of the environment the dump came from put there: owes `env` its recorded
 * mode again (written at once, so a kill leaves it pending).
 */
export async function oweRecordedMode(stateDir: string, env: EnvironmentName): Promise<void> {
  await new FileStateLedger(stateDir).update((state) =>
    addPendingModePush(state, env, expectedModes(state.mode, state.selectedEmergency)[env]),
  );
}

/** `oweRecordedMode`, then the delivery; failing to record it is only said. */
export async function reassertMode(
  ctx: CommandContext,
  adapters: AdapterFactory,
  stateDir: string,
  env: EnvironmentName,
  command: string,
): Promise<DeliveryReport | null> {
  try {
    await oweRecordedMode(stateDir, env);
  } catch (error) {
    ctx.out.note(ctx.t('mode.deliveryFailed', { reason: explain(ctx, error) }));
    return null;
  }
  return deliverOwedPushes(ctx, adapters, stateDir, [env], command);
}

/**
 * For a command that holds no lock (`vm start`): delivers only when it can take the lock at once — a switch
 * running meanwhile decides the mode, and a stale push must never overtake it.
 */
export async function deliverOwedPushesIfFree(
  ctx: CommandContext,
  adapters: AdapterFactory,
  stateDir: string,
  envs: readonly EnvironmentName[],
  command: string,
): Promise<DeliveryReport | null> {
  let lock: LockHandle;
  try {
    const owed = (await new FileStateLedger(stateDir).read()).pendingModePushes;
    const pending = envs.filter((env) => owed[env] !== undefined);
    if (pending.length === 0) return null;
    try {
      lock = await acquireLock({ stateDir, command, waitMs: 0, signal: ctx.signal });
    } catch (error) {
      if (!(error instanceof LockedError)) throw error;
      ctx.out.note(ctx.t('mode.deliveryLocked', { envs: pending.map((env) => ctx.t(`env.${env}`)).join(', ') }));
      return null;
    }
  } catch (error) {
    ctx.out.note(ctx.t('mode.deliveryFailed', { reason: explain(ctx, error) }));
    return null;
  }
  try {
    return await deliverOwedPushes(ctx, adapters, stateDir, envs, command);
  } finally {
    await lock.release();
  }
}
