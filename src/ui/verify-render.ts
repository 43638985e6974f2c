/** What `backups verify` prints: one line a dump as it finishes, then a summary; the `--json` document. */
import type { RecheckOutcome, VerifyReport } from '../core/backup-verify.js';
import type { EnvironmentName } from '../core/domain.js';
import { VerificationError } from '../core/errors.js';
import { formatBytes, formatWhen } from './backup-format.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';

/** One dump in `backups verify --json`. */
export interface VerifyJsonRow {
  env: EnvironmentName;
  id: string;
  createdAt: string;
  size: number;
  /** `ok`, `damaged` (now marked in the catalog), `missing` (no dump file), `unreadable` (pg_restore too old). */
  outcome: RecheckOutcome['kind'];
  /** The failed check of a damaged dump: `size`, `sha256`, `archive`. */
  check: string | null;
  message: string | null;
  verifiedAt: string | null;
  path: string;
}

export interface VerifyJson {
  folder: string;
  checked: number;
  failed: number;
  results: VerifyJsonRow[];
  unreadableSidecars: string[];
}

export function verifyJson(folder: string, report: VerifyReport, t: Translate): VerifyJson {
  const results = report.outcomes.map((o) => ({
    env: o.entry.source,
    id: o.entry.id,
    createdAt: o.entry.createdAt,
    size: o.entry.size,
    outcome: o.kind,
    check: o.kind === 'damaged' ? o.damage.check : null,
    message: o.kind === 'damaged' || o.kind === 'unreadable' ? t(o.error.key, o.error.params) : null,
    verifiedAt: o.entry.verifiedAt,
    path: o.entry.dumpPath,
  }));
  return {
    folder,
    checked: results.length,
    failed: results.filter((r) => r.outcome !== 'ok').length,
    results,
    unreadableSidecars: report.unreadableSidecars,
  };
}

/** The line a dump leaves once checked: `✓ id (env, size, created …)` or `✗ id: what failed`. */
export function renderOutcomeLine(outcome: RecheckOutcome, t: Translate, now: Date): string {
  const e = outcome.entry;
  const what = `${e.id} (${t(`env.${e.source}`)}, ${formatBytes(e.size)}, ${formatWhen(e.createdAt, now, t)})`;
  switch (outcome.kind) {
    case 'ok':
      return `✓ ${what}`;
    case 'missing':
      return `✗ ${what}: ${t('backups.verify.missing')}`;
    case 'damaged':
      return `✗ ${what}: ${t('backups.verify.damaged', { reason: t(outcome.error.key, outcome.error.params) })}`;
    case 'unreadable':
      return `? ${what}: ${t(outcome.error.key, outcome.error.params)}`;
  }
}

/** The run's result: the summary for people; a dump that failed is the run's error (exit 6). */
export function verifyOutcome(folder: string, report: VerifyReport, t: Translate): CommandOutcome {
  const json = verifyJson(folder, report, t);
  const failed =
    json.failed > 0
      ? new VerificationError({
          key: 'backups.verify.failed',
          params: { failed: json.failed, n: json.checked },
          hintKey: 'backups.verify.failed.hint',
        })
      : null;
  return { json, human: () => renderVerifySummary(json, t), ...(failed ? { error: failed } : {}) };
}

export function renderVerifySummary(json: VerifyJson, t: Translate): string {
  if (json.checked === 0) return t('backups.none');
  return json.failed === 0
    ? t('backups.verify.allPassed', { n: json.checked })
    : t('backups.verify.someFailed', { n: json.checked, failed: json.failed });
}
