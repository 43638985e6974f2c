/**
 * `EnvironmentControl` for an environment whose PostgreSQL database the tool reaches directly (on-premises
 * operating server, local emergency VM). Each call opens one connection and closes it.
 */
import type { DatabaseConfig } from '../../core/config-schema.js';
import {
  reportedModeFor,
  type EnvironmentName,
  type Mode,
  type ReportedMode,
  type Sequences,
} from '../../core/domain.js';
import type { EnvironmentControl } from '../../core/ports.js';
import { CancelledError } from '../../core/errors.js';
import { connectDatabase, mapQueryError, type PgClient } from './connect.js';
import { readModeTable, writeModeTable } from './mode-table.js';
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
   * The mode this tool told the environment, from its mode table (`mode-table.ts`), as the header value it
   * stands for (`emergency-fa` for an emergency environment); null when it was never told. What its WebORCA
   * reports in `X-Hybridmode` is read through the OrcaApi port.
   */
  async readMode(signal?: AbortSignal): Promise<ReportedMode | string | null> {
    const mode = await this.withClient(signal, (client) => this.mapped(readModeTable(client)));
    return mode === null ? null : reportedModeFor(this.env, mode);
  }

  /** Records the mode in the environment's mode table; `requestId` is kept with it for the audit trail. */
  async pushMode(mode: Mode, reason: string, requestId: string, signal?: AbortSignal): Promise<void> {
    const names = { env: this.env, user: this.db.user, database: this.db.database };
    await this.withClient(signal, (client) => this.mapped(writeModeTable(client, { mode, reason, requestId }, names)));
  }

  private async mapped<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      throw mapQueryError(error, this.env);
    }
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
