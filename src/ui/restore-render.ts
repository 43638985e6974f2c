/** Human rendering of `restore`: chosen backup, gate checks, result, counters and the bump advice. */
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import type { CatalogEntry } from '../core/backup-catalog.js';
import { SEQUENCE_NAMES, type EnvironmentName, type Sequences } from '../core/domain.js';
import type { BumpAdvice } from '../core/restore-advice.js';
import type { GateCheck } from '../core/restore-gates.js';
import type { DropKeptReport } from '../core/kept-databases.js';
import type { KeptDatabase } from '../core/ports.js';
import type { RestoreReport } from '../core/restore-run.js';
import { formatAge } from './backup-format.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';

function painter(color: boolean): ChalkInstance {
  return color ? chalk : new Chalk({ level: 0 });
}

export function renderChosenBackup(backup: CatalogEntry, ageSeconds: number, t: Translate): string {
  return t('restore.chosen', {
    id: backup.id,
    source: t(`env.${backup.source}`),
    createdAt: backup.createdAt,
    age: formatAge(ageSeconds, t),
  });
}

/**
 * One line per gate: a mark (`!` for a pass with a warning, printed with the other warnings), the gate's
 * name, and the two values compared. A failure's reason is the error that follows.
 */
export function renderGateChecks(checks: readonly GateCheck[], t: Translate, color: boolean): string {
  const paint = painter(color);
  return checks
    .map((c) => {
      const mark = !c.ok ? paint.red('✗') : c.warning ? paint.yellow('!') : paint.green('✓');
      return `  ${mark} ${t(`restore.gate.${c.gate}`, { dump: c.dump, target: c.target })}`;
    })
    .join('\n');
}

export function renderRestoreResult(report: RestoreReport, t: Translate): string {
  const lines = [
    t('restore.done', { id: report.backupId, env: t(`env.${report.target}`), seconds: report.seconds.toFixed(1) }),
  ];
  if (report.safetyBackupId !== null) lines.push(t('restore.safetyKept', { id: report.safetyBackupId }));
  if (report.keptDatabases.length > 0)
    lines.push(t('restore.keptDatabases', { names: report.keptDatabases.join(', '), env: report.target }));
  return lines.join('\n');
}

/** The counters after a restore, and the bump it recommends with the reasons. */
export function renderCountersAdvice(
  env: EnvironmentName,
  sequences: Sequences | null,
  bump: BumpAdvice | null,
  t: Translate,
): string {
  const lines: string[] = [];
  if (sequences) {
    lines.push(t('restore.counters', { env: t(`env.${env}`) }));
    lines.push(SEQUENCE_NAMES.map((n) => `  ${t(`sequence.${n}`)}: ${sequences[n]}`).join('\n'));
  }
  if (bump) {
    for (const reason of bump.reasons) {
      const params = { ...reason.params };
      if (typeof params.env === 'string') params.env = t(`env.${params.env}`);
      if (typeof params.counters === 'string')
        params.counters = params.counters
          .split(', ')
          .map((n) => t(`sequence.${n}`))
          .join('、');
      lines.push(`  ${t(reason.key, params)}`);
    }
    lines.push(t('restore.recommendBump', { command: bump.command }));
  }
  return lines.join('\n');
}

/** What `restore --json` prints (docs/json-output.md). */
export interface RestoreJson {
  target: EnvironmentName;
  backupId: string;
  safetyBackupId: string | null;
  /** Replaced databases kept because no verified dump of them exists (see `restore --drop-kept`). */
  keptDatabases: string[];
  seconds: number;
  backupCreatedAt: string;
  sequences: Sequences | null;
  webOrcaAnswered: boolean;
  /** The `bump-seq` to run next and the catalog keys of why; null when the counters are high enough. */
  bump: { command: string; reasons: string[] } | null;
  /** Catalog keys of the warnings printed on stderr. */
  warnings: string[];
}

/** The result, the counters read afterwards and the bump it recommends, with the reasons. */
export function restoreOutcome(report: RestoreReport, t: Translate): CommandOutcome {
  const json: RestoreJson = {
    target: report.target,
    backupId: report.backupId,
    safetyBackupId: report.safetyBackupId,
    keptDatabases: report.keptDatabases,
    seconds: Math.round(report.seconds * 10) / 10,
    backupCreatedAt: report.backup.createdAt,
    sequences: report.sequences,
    webOrcaAnswered: report.webOrcaAnswered,
    bump: report.bump && { command: report.bump.command, reasons: report.bump.reasons.map((r) => r.key) },
    warnings: report.warnings.map((w) => w.key),
  };
  const human = () =>
    [renderRestoreResult(report, t), renderCountersAdvice(report.target, report.sequences, report.bump, t)]
      .filter((s) => s !== '')
      .join('\n');
  return { json, human };
}

/** One kept database as `restore --drop-kept` lists it before asking. */
export function renderKeptDatabase(database: KeptDatabase, t: Translate): string {
  return t('restore.dropKept.item', {
    name: database.name,
    replacedAt: database.replacedAt ?? '?',
    mb: Math.ceil(database.bytes / 1e6),
    dump: database.dumpId ?? '-',
  });
}

/** `restore --drop-kept`'s document (`{ env, dropped: [{ name, dumpId }] }`) and its lines for people. */
export function dropKeptOutcome(report: DropKeptReport, t: Translate): CommandOutcome {
  const human = () =>
    report.dropped.length === 0
      ? t('restore.dropKept.none', { env: t(`env.${report.env}`) })
      : report.dropped.map((d) => t('restore.dropKept.done', { name: d.name, id: d.dumpId })).join('\n');
  return { json: report, human };
}
