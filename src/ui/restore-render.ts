/** Human rendering of `restore` and `bump-seq`: gate checks, plan, result, counters before/after. */
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { CatalogEntry } from '../core/backup-catalog.js';
import type { BumpReport } from '../core/bump-run.js';
import { SEQUENCE_NAMES, type EnvironmentName, type Sequences } from '../core/domain.js';
import type { BumpAdvice } from '../core/restore-advice.js';
import type { GateCheck } from '../core/restore-gates.js';
import type { RestoreReport } from '../core/restore-run.js';
import type { Translate } from './i18n.js';

function painter(color: boolean): ChalkInstance {
  return color ? chalk : new Chalk({ level: 0 });
}

/** `12 min`, `5 h`, `3 days`. */
export function formatAge(seconds: number, t: Translate): string {
  if (seconds < 3600) return t('status.age.minutes', { n: Math.floor(seconds / 60) });
  if (seconds < 86400 * 2) return t('status.age.hours', { n: Math.floor(seconds / 3600) });
  return t('status.age.days', { n: Math.floor(seconds / 86400) });
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

/** Before/after table of a bump: one row per counter, the source's value and whether it rises. */
export function renderBumpTable(
  report: Pick<BumpReport, 'source' | 'before' | 'after'>,
  t: Translate,
  color: boolean,
): string {
  const paint = painter(color);
  const table = new Table({
    head: [
      t('bump.col.counter'),
      t('bump.col.source', { env: t(`env.${report.source.env}`) }),
      t('bump.col.before'),
      t('bump.col.after'),
    ],
    style: { head: [], border: [] },
  });
  for (const name of SEQUENCE_NAMES) {
    const raised = report.after[name] > report.before[name];
    table.push([
      t(`sequence.${name}`),
      String(report.source.values[name]),
      String(report.before[name]),
      raised ? paint.bold(String(report.after[name])) : String(report.after[name]),
    ]);
  }
  return table.toString();
}

/** What the bump used as its source, with the reading's age when it was a recorded one. */
export function renderBumpSource(
  report: Pick<BumpReport, 'source' | 'margin'> & Partial<Pick<BumpReport, 'basis' | 'env'>>,
  t: Translate,
): string {
  const env = t(`env.${report.source.env}`);
  if (report.source.reading === 'live') return t('bump.sourceLive', { env, margin: report.margin });
  const line = t('bump.sourceLastKnown', {
    env,
    readAt: report.source.readAt,
    age: formatAge(report.source.ageSeconds, t),
    margin: report.margin,
  });
  if (!report.basis || report.basis === 'source' || !report.env) return line;
  return `${line}\n${t(`bump.basis.${report.basis}`, { env: t(`env.${report.env}`), margin: report.margin })}`;
}

export function renderBumpOutcome(report: BumpReport, t: Translate): string {
  const env = t(`env.${report.env}`);
  if (report.raised.length === 0) return t('bump.nothingToRaise', { env });
  return t(report.dryRun ? 'bump.dryRun' : 'bump.done', { env, count: report.raised.length });
}
