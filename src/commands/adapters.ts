import type { AdapterFactory, AdapterOptions } from '../adapters/factory.js';
import type { CommandContext } from './context.js';

/**
 * The adapter factory of a command run, built from its configuration and closed when the run ends. The
 * lab's VM stand-in is wired in here: commands may import the lab, adapters may not.
 */
export async function openAdapters(ctx: CommandContext, options: AdapterOptions = {}): Promise<AdapterFactory> {
  const [{ config }, { AdapterFactory }] = await Promise.all([ctx.config(), import('../adapters/factory.js')]);
  const factory = new AdapterFactory(config, options, {
    labVm: async () => (await import('../lab/lab-vm.js')).labVmFactory,
  });
  ctx.defer(() => factory.close());
  return factory;
}
