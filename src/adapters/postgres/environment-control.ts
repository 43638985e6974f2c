/**
 * `EnvironmentControl` for an environment whose PostgreSQL database the tool reaches directly (on-premises
 * operating server, local emergency VM). Each call opens one connection and closes it.
 */
import type { DatabaseConfig } from '../../core/config-schema.js';
import type { EnvironmentName, Mode, ReportedMode, Sequences } from '../../core/domain.js';
import type { EnvironmentControl } from '../../core/ports.js';
import { CancelledError } from '../../core/errors.js';
import { connectDatabase, type PgClient } from './connect.js';
import type { PatientNumberLayout } from '../../core/counter-limits.js';
import { bumpSequencesSql, readPatientNumberLayout, readSequences } from './sequences-sql.js';

export interface PostgresControlOptions {
  /** Plan only: bumps lock, compute and roll back (STYLE.md §11, dry run at the adapter boundary). */
  dryRun?: boolean;
  connectTimeoutMs?: number;
  /** Validity date for the counter rows (`YYYYMMDD`); today by default. */
  today?: () => string | Date;
  /** How long a bump waits for a counter row another session holds (then exit 7). */
  lockTimeoutMs?: number;
}

export class PostgresEnvironmentControl implements EnvironmentControl {
  constructor(
    readonly env: EnvironmentName,
    private readonly db: DatabaseConfig,
    private readonly options: PostgresControlOptions = {},
  ) {}

  async readSequences(signal?: AbortSignal): Promise<Sequences> {
    return this.withClient(signal, (client) => readSequences(client, this.options.today?.(), { env: this.env }));
  }

  async readPatientNumberLayout(signal?: AbortSignal): Promise<PatientNumberLayout> {
    return this.withClient(signal, (client) =>
      readPatientNumberLayout(client, this.options.today?.(), { env: this.env }),
    );
  }

  /** Raises the counters in one locked transaction; `requestId` only matters to remote controls (idempotency). */
  async bumpSequences(
    atLeast: Partial<Sequences>,
    _requestId: string,
  ): Promise<{ before: Sequences; after: Sequences }> {
    return this.withClient(undefined, (client) =>
      bumpSequencesSql(client, atLeast, {
        dryRun: this.options.dryRun,
        today: this.options.today?.(),
        env: this.env,
        lockTimeoutMs: this.options.lockTimeoutMs,
      }),
    );
  }

  /**
   * A bare database has no mode endpoint: the mode of an on-premises WebORCA is what its API reports in
   * `X-Hybridmode`, read through the OrcaApi port. Always null here.
   */
  async readMode(_signal?: AbortSignal): Promise<ReportedMode | string | null> {
    return null;
  }

  /** No-op for the same reason: nothing in the database records the hybrid mode. */
  async pushMode(_mode: Mode, _reason: string, _requestId: string): Promise<void> {
    return undefined;
  }

  private async withClient<T>(signal: AbortSignal | undefined, fn: (client: PgClient) => Promise<T>): Promise<T> {
    const client = await connectDatabase(this.db, {
      env: this.env,
      signal,
      connectTimeoutMs: this.options.connectTimeoutMs,
    });
    const abort = (): void => void client.end().catch(() => undefined);
    signal?.addEventListener('abort', abort, { once: true });
    try {
      return await fn(client);
    } catch (error) {
      if (signal?.aborted) throw new CancelledError({ key: 'error.cancelled', cause: error });
      throw error;
    } finally {
      signal?.removeEventListener('abort', abort);
      await client.end().catch(() => undefined);
    }
  }
}
