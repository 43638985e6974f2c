/**
 * The one factory that picks adapters from config (STYLE.md §4): a cloud environment gets the cloud
 * control client over the one HTTP client, a directly reached database gets the PostgreSQL control; every
 * environment gets a WebORCA API client. Commands call these; core only sees the ports.
 */
import type { EnvironmentName, OrcaConfig } from '../core/config-schema.js';
import type { EnvironmentControl, OrcaApi } from '../core/ports.js';
import { CloudControl } from './cloud/cloud-control.js';
import { createHttpClient, type HttpClient, type HttpTimeouts } from './http/client-factory.js';
import { httpOptionsFor } from './http/options-from-config.js';
import { OrcaApiClient } from './orca-api/client.js';
import { PostgresEnvironmentControl } from './postgres/environment-control.js';

export interface AdapterOptions {
  timeouts?: HttpTimeouts;
  retry?: { limit?: number; totalDeadlineMs?: number };
  /** Plan only for writes at the adapter boundary (STYLE.md §11). */
  dryRun?: boolean;
}

/**
 * Builds adapters from config and remembers the HTTP clients it made, so `close()` releases their
 * kept-alive connections and the process can exit as soon as the command is done.
 */
export class Adapters {
  private readonly clients: HttpClient[] = [];

  constructor(
    private readonly config: OrcaConfig,
    private readonly options: AdapterOptions = {},
  ) {}

  private http(env: EnvironmentName, target: 'control' | 'orcaApi'): HttpClient {
    const base = httpOptionsFor(this.config, env, target);
    const client = createHttpClient({
      ...base,
      timeouts: this.options.timeouts ?? base.timeouts,
      retry: this.options.retry ? { ...base.retry, ...this.options.retry } : base.retry,
    });
    this.clients.push(client);
    return client;
  }

  /** The cloud control client of a cloud environment (also its backup API), or null for a database. */
  cloudControl(env: EnvironmentName): CloudControl | null {
    const settings = this.config.environments[env];
    if (settings.kind !== 'cloud') return null;
    return new CloudControl(this.http(env, 'control'));
  }

  /** Counters and mode of one environment, through whichever way the config says it is reached. */
  environmentControl(env: EnvironmentName): EnvironmentControl {
    const settings = this.config.environments[env];
    if (settings.kind === 'cloud') return this.cloudControl(env)!;
    return new PostgresEnvironmentControl(env, settings.database, {
      dryRun: this.options.dryRun,
      connectTimeoutMs: this.options.timeouts?.connectMs,
    });
  }

  /** The WebORCA public API of one environment. */
  orcaApi(env: EnvironmentName): OrcaApi {
    return new OrcaApiClient(this.http(env, 'orcaApi'));
  }

  /** Kept databases and a closed database in use, for `status` (null for a cloud environment). */
  async restoreLeftovers(
    env: EnvironmentName,
    options: { repair: boolean; signal?: AbortSignal },
  ): Promise<import('./postgres/restore-leftovers.js').RestoreLeftovers | null> {
    const settings = this.config.environments[env];
    if (settings.kind !== 'postgres') return null;
    const { inspectRestoreLeftovers } = await import('./postgres/restore-leftovers.js');
    return inspectRestoreLeftovers(env, settings.database, options);
  }

  close(): void {
    for (const client of this.clients.splice(0)) client.close();
  }
}

/** One-off builders for commands that need one or two adapters; call `close()` on a cloud client when done. */
export function createCloudControl(
  config: OrcaConfig,
  env: EnvironmentName,
  options: AdapterOptions = {},
): CloudControl | null {
  return new Adapters(config, options).cloudControl(env);
}

export function createEnvironmentControl(
  config: OrcaConfig,
  env: EnvironmentName,
  options: AdapterOptions = {},
): EnvironmentControl {
  return new Adapters(config, options).environmentControl(env);
}
