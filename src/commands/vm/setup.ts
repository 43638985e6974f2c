/**
 * What every `vm` command starts from: the configured VM (exit 2 when there is none), its hypervisor and
 * the local WebORCA built by the factory, the NAT forwards the config relies on, real time, and errors in
 * the person's language.
 */
import type { OrcaConfig, VmConfig } from '../../core/config-schema.js';
import { ConfigError, isOrcaError } from '../../core/errors.js';
import type { Hypervisor, Sleeper, WebOrcaCheck } from '../../core/hypervisor.js';
import type { Clock } from '../../core/ports.js';
import { expectedForwardsFor, type ExpectedForward } from '../../core/vm-checks.js';
import type { AdapterFactory } from '../../adapters/factory.js';
import { realSleeper } from '../../adapters/vm/create.js';
import { openAdapters } from '../adapters.js';
import type { CommandContext } from '../context.js';

export interface VmSetup {
  config: OrcaConfig;
  vm: VmConfig;
  adapters: AdapterFactory;
  hypervisor: Hypervisor;
  webOrca: WebOrcaCheck;
  expectedForwards: ExpectedForward[];
  clock: Clock;
  sleeper: Sleeper;
  explain(error: unknown): string;
}

/** One WebORCA answer while a VM starts: a few seconds, no retries (the use case asks again). */
const PING_MS = 5000;

export async function openVm(ctx: CommandContext): Promise<VmSetup> {
  const { config } = await ctx.config();
  const local = config.environments.localEmergency;
  if (!local.vm) throw new ConfigError({ key: 'vm.noVm', hintKey: 'vm.noVm.hint' });
  const adapters = await openAdapters(ctx);
  const timeouts = { connectMs: PING_MS, responseMs: PING_MS, idleMs: PING_MS };
  return {
    config,
    vm: local.vm,
    adapters,
    hypervisor: await adapters.hypervisor(local.vm),
    webOrca: await adapters.webOrcaCheck({ timeouts, retry: { limit: 0 } }),
    expectedForwards: local.vm.provider === 'virtualbox' ? expectedForwardsFor(local) : [],
    clock: { now: () => new Date() },
    sleeper: realSleeper,
    explain: (error) => (isOrcaError(error) ? ctx.t(error.key, error.params) : String(error)),
  };
}
