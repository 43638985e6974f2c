/**
 * `status` delivers pending mode pushes too: each environment's push right before its probe, within the same
 * shared deadline, so the report shows what the environment says after it was told.
 */
import { ENVIRONMENT_NAMES } from '../core/config-schema.js';
import type { EnvironmentName, Mode } from '../core/domain.js';
import { LockedError } from '../core/errors.js';
import { deliverPendingModePush, type DeliveryReport } from '../core/mode-pushes.js';
import type { AdapterFactory, AdapterOptions } from '../adapters/factory.js';
import type { LockHandle } from '../adapters/fs/lock.js';
import type { CommandContext } from './context.js';
import { modePusher, tellDelivery } from './mode-delivery.js';
import { FileStateLedger } from './state-ledger.js';

/** `status`'s delivery: before each environment's probe, under the lock when no other run holds it. */
export interface StatusDelivery {
  /** Delivers what `env` is owed (nothing when it is owed nothing); never throws. */
  before(env: EnvironmentName, signal: AbortSignal): Promise<void>;
  /** Waits for the deliveries, releases the lock, journals and tells what happened; returns what is still owed. */
  finish(): Promise<Partial<Record<EnvironmentName, Mode>>>;
}

/**
 * `status` holds no lock, so it delivers only when it can take the lock at once: a switch or select running
 * meanwhile decides the mode, and a stale push must never overtake it (then said on stderr, and nothing is
 * delivered).
 */
export async function statusDelivery(
  ctx: CommandContext,
  adapters: AdapterFactory,
  stateDir: string,
  adapterOptions: AdapterOptions,
  /** Settles once the lock's holder has been read for the report; the lock is taken after it. */
  lockHolderRead: Promise<unknown> = Promise.resolve(),
): Promise<StatusDelivery> {
  const ledger = new FileStateLedger(stateDir);
  const owed = (await ledger.read()).pendingModePushes;
  const envs = ENVIRONMENT_NAMES.filter((env) => owed[env] !== undefined);
  const idle: StatusDelivery = { before: async () => undefined, finish: async () => owed };
  if (envs.length === 0) return idle;
  let lock: LockHandle;
  await lockHolderRead.catch(() => undefined);
  // The locking library loads only here: most runs owe nothing, and status is read every few seconds by some.
  const { acquireLock } = await import('../adapters/fs/lock.js');
  try {
    lock = await acquireLock({ stateDir, command: 'status', waitMs: 0, signal: ctx.signal });
  } catch (error) {
    if (!(error instanceof LockedError)) throw error;
    ctx.out.note(ctx.t('mode.deliveryLocked', { envs: envs.map((env) => ctx.t(`env.${env}`)).join(', ') }));
    return idle;
  }
  ctx.defer(() => lock.release());
  ctx.journal.open(stateDir, 'status');
  const reason = 'orca-hybrid status: pending since the last switch';
  const ports = { ledger, push: modePusher(adapters, reason, adapterOptions) };
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
      return (await ledger.read()).pendingModePushes;
    },
  };
}
