/** Human rendering of `restore` and `bump-seq`: gate checks, plan, result, counters before/after. */
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { CatalogEntry } from '../core/backup-catalog.js';
import type { BumpReport } from '../core/bump-run.js';
import { SEQUENCE_NAMES, type EnvironmentName, type Sequences } from '../core/domain.js';
import type { GateCheck } from '../core/restore-gates.js';
import type { RestoreReport } from '../core/restore-run.js';
import { formatAge, formatLocalMinute } from './backup-format.js';
import type { Translate } from './i18n.js';
import { toolCommand } from './invocation.js';
import type { CommandOutcome } from './outcome.js';

function painter(color: boolean): ChalkInstance {
  return color ? chalk : new Chalk({ level: 0 });
}

export function renderChosenBackup(backup: CatalogEntry, _ageSeconds: number, t: Translate): string {
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
    readAt: readWhen(report.source, t),
    margin: report.margin,
  });
}

export function renderBumpOutcome(report: BumpReport, t: Translate): string {
  const env = t(`env.${report.env}`);
  if (report.raised.length === 0) return t('bump.nothingToRaise', { env });
  return t(report.dryRun ? 'bump.dryRun' : 'bump.done', { env, count: report.raised.length });
}

/** What `restore --json` prints (docs/json-output.md). */
export interface RestoreJson {
  target: EnvironmentName;
  backupId: string;
  safetyBackupId: string | null;
  seconds: number;
  backupCreatedAt: string;
  sequences: Sequences | null;
}

/** The result, the counters read afterwards and — in emergency mode — the bump it recommends. */
export function restoreOutcome(
  report: RestoreReport,
  sequences: Sequences | null,
  emergency: boolean,
  t: Translate,
): CommandOutcome {
  const json: RestoreJson = {
    target: report.target,
    backupId: report.backupId,
    safetyBackupId: report.safetyBackupId,
    seconds: Math.round(report.seconds * 10) / 10,
    backupCreatedAt: report.backup.createdAt,
    sequences,
  };
  const recommend = emergency ? `${toolCommand()} bump-seq --env ${report.target} --from operating` : null;
  const human = () =>
    [renderRestoreResult(report, t), renderCountersAdvice(report.target, sequences, recommend, t)]
      .filter((s) => s !== '')
      .join('\n');
  return { json, human };
}

/** `bump-seq`'s document and its source, table and outcome for people. */
export function bumpOutcome(report: BumpReport, t: Translate, color: boolean): CommandOutcome {
  const { source } = report;
  const json = {
    env: report.env,
    source: {
      env: source.env,
      reading: source.reading,
      readAt: source.readAt,
      ageSeconds: source.ageSeconds,
      sequences: source.values,
    },
    margin: report.margin,
    dryRun: report.dryRun,
    before: report.before,
    after: report.after,
    raised: report.raised,
  };
  const human = () =>
    [renderBumpSource(report, t), renderBumpTable(report, t, color), renderBumpOutcome(report, t)].join('\n');
  return { json, human };
}

/** The source did not answer: its last-known reading is used instead, with how old it is. */
export function renderSourceFallback(source: BumpReport['source'], t: Translate): string {
  return t('bump.sourceFallback', {
    env: t(`env.${source.env}`),
    age: formatAge(source.ageSeconds, t),
    readAt: readWhen(source, t),
  });
}

/** When a last-known reading was taken: local time and the age the run measured (not re-measured here). */
function readWhen(source: BumpReport['source'], t: Translate): string {
  return `${formatLocalMinute(source.readAt)} (${formatAge(source.ageSeconds, t)})`;
}
