/**
 * What a command hands back to `main()` (docs/architecture.md): its `--json` document and its rendering for
 * people, made by a renderer in `src/ui`. A command never prints its result, never renders an error and
 * never sets an exit code; `main()` does that once, for every command (`run-report.ts`).
 */
import type { OrcaError } from '../core/errors.js';

export interface CommandOutcome {
  /** The one `--json` document. */
  json: unknown;
  /** The result for people on stdout; absent or '' prints nothing. */
  human?: () => string;
  /**
   * A failure the command reports with its own document (`sync`'s outcome `failed`, `status --strict`):
   * `main()` renders it on stderr like any error, prints `json`, and exits with its code.
   */
  error?: OrcaError;
  /** The exit code when it is not the error's (a sync whose upload failed is exit 8). */
  exitCode?: number;
  /** Lines under the error: what was kept, what the next run will do. */
  notes?: string[];
}
