/** Human rendering of `bump-seq`: the source with its age, the before/after table, notes and the outcome. */
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { BumpReport } from '../core/bump-run.js';
import { SEQUENCE_NAMES } from '../core/domain.js';
import { formatAge } from './backup-format.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';

function painter(color: boolean): ChalkInstance {
  return color ? chalk : new Chalk({ level: 0 });
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
    basis: report.basis,
    nearLimit: report.nearLimit,
    patientNumberLayout: report.layout,
    dryRun: report.dryRun,
    before: report.before,
    after: report.after,
    raised: report.raised,
  };
  const human = () =>
    [renderBumpSource(report, t), renderBumpTable(report, t, color), renderBumpOutcome(report, t)].join('\n');
  return { json, human };
}

/** What to know about the plan (自由構成, an unknown layout) and counters near what ORCA can number. */
export function bumpNotes(report: BumpReport, t: Translate): string[] {
  const env = t(`env.${report.env}`);
  return [
    ...report.notes.map((note) => t(note.key, { ...note.params, env })),
    ...report.nearLimit.map((name) =>
      t('bump.nearLimit', { counter: t(`sequence.${name}`), value: report.after[name] }),
    ),
  ];
}

/** The source did not answer: its last-known reading is used instead, with how old it is. */
export function renderSourceFallback(source: BumpReport['source'], t: Translate): string {
  return t('bump.sourceFallback', {
    env: t(`env.${source.env}`),
    age: formatAge(source.ageSeconds, t),
    readAt: source.readAt,
  });
}
