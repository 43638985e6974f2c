/**
 * Human rendering of `status`, readable at 80–100 columns: a compact table (environment, connection, mode,
 * 管理連番, version) when it fits the width, else one block per environment; `--wide` gives the full table
 * with URLs and raw mode headers whatever the width. Then the newest backup, the last sync and the lock.
 */
import chalk, { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { terminalValue } from '../core/terminal-text.js';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/config-schema.js';
import { SEQUENCE_NAMES, modeOfReported } from '../core/domain.js';
import type { EnvironmentStatus, StatusReport } from '../core/status.js';
import { renderVmState } from './vm-render.js';
import type { Translate } from './i18n.js';
import { displayWidth, truncateTo, widestLine, wrapItems, wrapText } from './text-width.js';

export interface StatusLayout {
  color: boolean;
  /** Columns available (the terminal's width, else 80). */
  width: number;
  /** Every column, whatever the width. */
  wide: boolean;
}

export function renderStatus(report: StatusReport, t: Translate, layout: StatusLayout): string {
  const paint: ChalkInstance = layout.color ? chalk : new Chalk({ level: 0 });
  const selectedEnv = report.selectedEmergency === 'cloud' ? 'cloudEmergency' : 'localEmergency';
  const header = [
    `${t('status.mode')}: ${paint.bold(t(`mode.${report.mode}`))}`,
    `${t('status.selected')}: ${t(`env.${selectedEnv}`)}`,
  ];
  const lines: string[] = [];
  const oneLine = header.join('   ');
  lines.push(...(displayWidth(oneLine) <= layout.width ? [oneLine] : header));

  const table = layout.wide ? wideTable(report, t, paint) : compactTable(report, t, paint);
  if (layout.wide || widestLine(table) <= layout.width) {
    lines.push(table);
    lines.push(...environmentNotes(report, t, paint, layout.wide, layout.wide ? Infinity : layout.width));
  } else {
    for (const env of ENVIRONMENT_NAMES) lines.push('', ...environmentBlock(env, report, t, paint, layout.width));
    lines.push('');
  }
  lines.push(...summaryLines(report, t, paint, layout.wide ? Infinity : layout.width));
  return lines.join('\n');
}

function envName(env: EnvironmentName, s: EnvironmentStatus, t: Translate, short = false): string {
  return t(short ? `env.short.${env}` : `env.${env}`) + (s.selected ? ` (${t('word.selected')})` : '');
}

function connection(s: EnvironmentStatus, t: Translate, paint: ChalkInstance): string {
  if (s.online) return paint.green(t('word.online'));
  // A certificate that failed verification is no outage: it may be an interception, and says so.
  return paint.red(t(s.error?.code === 'TLS_VERIFICATION' ? 'word.tlsRefused' : 'word.unavailable'));
}

/** A reported `X-Hybridmode` in words (`emergency-fa` → 応急措置モード); an unknown value as it came. */
export function modeText(reported: string, t: Translate): string {
  const mode = modeOfReported(reported);
  return mode ? t(`mode.${mode}`) : reported;
}

function modeCell(s: EnvironmentStatus, t: Translate, paint: ChalkInstance, raw: boolean): string {
  const shown = (value: string) => (raw ? `${modeText(value, t)} (${value})` : modeText(value, t));
  // A WebORCA that does not know the hybrid service: what the tool recorded in its database decides.
  if (s.online && !s.modeReported) {
    const recorded = s.databaseMode ? ` (${t('status.modeInDatabase', { mode: shown(s.databaseMode) })})` : '';
    const text = `${t('status.modeNotReported')}${recorded}`;
    return s.mismatch ? paint.yellow(`${text} ≠ ${shown(s.expectedMode)}`) : text;
  }
  if (!s.reportedMode) return '-';
  return s.mismatch ? paint.yellow(`${shown(s.reportedMode)} ≠ ${shown(s.expectedMode)}`) : shown(s.reportedMode);
}

function countersText(s: EnvironmentStatus): string {
  return s.sequences ? SEQUENCE_NAMES.map((n) => String(s.sequences![n])).join(' / ') : '-';
}

function newTable(head: string[]): InstanceType<typeof Table> {
  return new Table({ head, style: { head: [], border: [] }, wordWrap: false });
}

function compactTable(report: StatusReport, t: Translate, paint: ChalkInstance): string {
  const table = newTable([
    t('status.col.env'),
    t('status.col.state'),
    t('status.col.mode'),
    t('status.col.counters'),
    t('status.block.version'),
  ]);
  for (const env of ENVIRONMENT_NAMES) {
    const s = report.environments[env];
    table.push([
      envName(env, s, t, true),
      connection(s, t, paint),
      modeCell(s, t, paint, false),
      countersText(s),
      s.version === null ? '-' : terminalValue(s.version),
    ]);
  }
  return table.toString();
}

function wideTable(report: StatusReport, t: Translate, paint: ChalkInstance): string {
  const table = newTable([
    t('status.col.env'),
    t('status.col.url'),
    t('status.col.state'),
    t('status.col.mode'),
    ...SEQUENCE_NAMES.map((n) => t(`sequence.${n}`)),
    t('status.col.version'),
  ]);
  for (const env of ENVIRONMENT_NAMES) {
    const s = report.environments[env];
    table.push([
      envName(env, s, t),
      s.url,
      connection(s, t, paint),
      modeCell(s, t, paint, true),
      ...SEQUENCE_NAMES.map((n) => (s.sequences ? String(s.sequences[n]) : '-')),
      s.version === null ? '-' : terminalValue(s.version),
    ]);
  }
  return table.toString();
}

/** Errors, warnings, the clinic and the VM under a table. */
function environmentNotes(
  report: StatusReport,
  t: Translate,
  paint: ChalkInstance,
  wide: boolean,
  width: number,
): string[] {
  const lines: string[] = [];
  const note = (text: string, colour: (s: string) => string = (x) => x) =>
    lines.push(...wrapText(text, width, '    ').map((l) => colour(l)));
  if (!wide) note(t('status.countersLegend'));
  for (const env of ENVIRONMENT_NAMES) {
    const s = report.environments[env];
    if (s.error) note(`  ${t(`env.${env}`)}: ${s.error.message}`, paint.red);
    for (const w of s.warnings) note(`  ${t(`env.${env}`)}: ${w}`, paint.yellow);
    for (const l of leftoverNotes(env, s, t)) note(`  ${t(`env.${env}`)}: ${l}`, paint.yellow);
    if (s.institutionName && env === 'operating')
      note(`${t('status.institution')}: ${terminalValue(s.institutionName)}`);
    if (s.vm) note(`${t('status.vm')}: ${vmText(s.vm, t)}`);
  }
  return lines;
}

/** One environment as a block: its name and connection, then one labelled line per fact, wrapped to `width`. */
function environmentBlock(
  env: EnvironmentName,
  report: StatusReport,
  t: Translate,
  paint: ChalkInstance,
  width: number,
): string[] {
  const s = report.environments[env];
  const lines = [`${paint.bold(envName(env, s, t))}: ${connection(s, t, paint)}`];
  const labels = ['url', 'mode', 'counters', 'version', 'institution', 'vm'].map((k) => t(`status.block.${k}`));
  const pad = Math.max(...labels.map(displayWidth)) + 2;
  const row = (label: string, value: string) => {
    const lead = `  ${label}${' '.repeat(Math.max(1, pad - displayWidth(label)))}`;
    lines.push(...wrapItems(value.split(' · '), ' · ', width, lead));
  };
  row(t('status.block.url'), s.url);
  if (s.reportedMode || (s.online && !s.modeReported)) row(t('status.block.mode'), modeCell(s, t, paint, false));
  if (s.sequences)
    row(t('status.block.counters'), SEQUENCE_NAMES.map((n) => `${t(`sequence.${n}`)} ${s.sequences![n]}`).join(' · '));
  if (s.version) row(t('status.block.version'), terminalValue(s.version));
  if (s.institutionName && env === 'operating') row(t('status.block.institution'), terminalValue(s.institutionName));
  if (s.vm) row(t('status.block.vm'), vmText(s.vm, t));
  if (s.error) lines.push(...wrapText(`  ${s.error.message}`, width, '  ').map((l) => paint.red(l)));
  for (const w of [...s.warnings, ...leftoverNotes(env, s, t)])
    lines.push(...wrapText(`  ${w}`, width, '  ').map((l) => paint.yellow(l)));
  return lines;
}

/** What interrupted or earlier restores left behind in a directly reached database. */
function leftoverNotes(env: EnvironmentName, s: EnvironmentStatus, t: Translate): string[] {
  return [
    ...(s.reopened ? [t('status.reopened')] : []),
    ...(s.keptDatabases.length > 0 ? [t('status.keptDatabases', { names: s.keptDatabases.join(', '), env })] : []),
  ];
}

function vmText(vm: NonNullable<EnvironmentStatus['vm']>, t: Translate): string {
  return `${vm.provider} "${vm.name}" — ${renderVmState(vm, t)}`;
}

function summaryLines(report: StatusReport, t: Translate, paint: ChalkInstance, width: number): string[] {
  const lines: string[] = [];
  const line = (text: string, colour: (s: string) => string = (x) => x) =>
    lines.push(...wrapText(text, width, '  ').map((l) => colour(l)));
  const b = report.newestBackup;
  line(
    `${t('status.newestBackup')}: ${b ? t('status.backupLine', { id: b.id, env: t(`env.${b.env}`), createdAt: b.createdAt }) : t('word.none')}`,
  );
  const sync = report.lastSync;
  line(
    `${t('status.lastSync')}: ${sync ? t('status.lastSyncLine', { outcome: t(`sync.outcome.${sync.outcome}`), endedAt: sync.at }) : t('word.none')}`,
  );
  // The recorded message is the log's (English); a glimpse of it, the whole in `journal` and the log.
  if (sync?.message) lines.push(`  ${truncateTo(terminalValue(sync.message), width - 2)}`);
  const lock = report.lock;
  line(
    `${t('status.lock')}: ${lock ? t('status.lockLine', { pid: lock.pid, host: lock.host, command: lock.command, startedAt: lock.startedAt, phase: lock.phase ?? '-' }) : t('word.none')}`,
  );
  const pending = Object.entries(report.pendingModePushes ?? {});
  if (pending.length > 0)
    lines.push(
      paint.yellow(
        `${t('status.pendingPushes')}: ${pending.map(([env, mode]) => `${t(`env.${env}`)} (${t(`mode.${mode}`)})`).join(', ')}`,
      ),
    );
  for (const m of report.mismatches) {
    const text = t('status.mismatch', {
      env: t(`env.${m.env}`),
      reported: `${modeText(m.reported, t)} (${m.reported})`,
      recorded: `${modeText(m.recorded, t)} (${m.recorded})`,
    });
    line(text, paint.yellow);
  }
  return lines;
}
