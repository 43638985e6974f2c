/** Human rendering of `restore` and `bump-seq`: gate checks, plan, result, counters before/after. */
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { CatalogEntry } from '../core/backup-catalog.js';
import type { BumpReport } from '../core/bump-run.js';
import { SEQUENCE_NAMES, type EnvironmentName, type Sequences } from '../core/domain.js';
import type { GateCheck } from '../core/restore-gates.js';
import type { RestoreReport } from '../core/restore-run.js';
import type { Translate } from './i18n.js';

function painter(color: boolean): ChalkInstance {
  return color ? chalk : new Chalk({ level: 0 });
}

export function renderChosenBackup(backup: CatalogEntry, t: Translate): string {
  return t('restore.chosen', { id: backup.id, source: t(`env.${backup.source}`), createdAt: backup.createdAt });
}

/** One line per gate: a mark, the gate's name, and the two values compared. */
export function renderGateChecks(checks: readonly GateCheck[], t: Translate, color: boolean): string {
  const paint = painter(color);
  return checks
    .map(
      (c) =>
        `  ${c.ok ? paint.green('✓') : paint.red('✗')} ${t(`restore.gate.${c.gate}`, { dump: c.dump, target: c.target })}`,
    )
    .join('\n');
}

export function renderRestoreResult(report: RestoreReport, t: Translate): string {
  const lines = [
    t('restore.done', { id: report.backupId, env: t(`env.${report.target}`), seconds: report.seconds.toFixed(1) }),
  ];
  if (report.safetyBackupId !== null) lines.push(t('restore.safetyKept', { id: report.safetyBackupId }));
  return lines.join('\n');
}

/** The counters after a restore, and — in emergency mode — the bump it recommends. */
export function renderCountersAdvice(
  env: EnvironmentName,
  sequences: Sequences | null,
  recommend: string | null,
  t: Translate,
): string {
  const lines: string[] = [];
  if (sequences) {
    lines.push(t('restore.counters', { env: t(`env.${env}`) }));
    lines.push(SEQUENCE_NAMES.map((n) => `  ${t(`sequence.${n}`)}: ${sequences[n]}`).join('\n'));
  }
  if (recommend) lines.push(t('restore.recommendBump', { command: recommend }));
  return lines.join('\n');
}

/** Before/after table of a bump: one row per counter, the source's value and whether it rises. */
export function renderBumpTable(report: BumpReport, t: Translate, color: boolean): string {
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
export function renderBumpSource(report: Pick<BumpReport, 'source' | 'margin'>, t: Translate): string {
  const env = t(`env.${report.source.env}`);
  if (report.source.reading === 'live') return t('bump.sourceLive', { env, margin: report.margin });
  return t('bump.sourceLastKnown', {
    env,
    readAt: report.source.readAt,
    margin: report.margin,
  });
}

export function renderBumpOutcome(report: BumpReport, t: Translate): string {
  const env = t(`env.${report.env}`);
  if (report.raised.length === 0) return t('bump.nothingToRaise', { env });
  return t(report.dryRun ? 'bump.dryRun' : 'bump.done', { env, count: report.raised.length });
}
