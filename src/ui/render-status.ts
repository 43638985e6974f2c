import chalk, { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { ENVIRONMENT_NAMES } from '../core/config-schema.js';
import { SEQUENCE_NAMES } from '../core/domain.js';
import type { EnvironmentStatus, StatusReport } from '../core/status.js';
import { renderVmState } from './vm-render.js';
import { formatAge } from './backup-format.js';
import type { Translate } from './i18n.js';

/** Human rendering of `status`: a header, one table row per environment, then backups, sync and lock. */
export function renderStatus(report: StatusReport, t: Translate, color: boolean): string {
  const paint: ChalkInstance = color ? chalk : new Chalk({ level: 0 });
  const lines: string[] = [];
  const selectedEnv = report.selectedEmergency === 'cloud' ? 'cloudEmergency' : 'localEmergency';
  lines.push(
    `${t('status.mode')}: ${paint.bold(t(`mode.${report.mode}`))}   ${t('status.selected')}: ${t(`env.${selectedEnv}`)}`,
  );

  const table = new Table({
    head: [
      t('status.col.env'),
      t('status.col.url'),
      t('status.col.state'),
      t('status.col.mode'),
      ...SEQUENCE_NAMES.map((n) => t(`sequence.${n}`)),
      t('status.col.version'),
    ],
    style: { head: [], border: [] },
  });
  for (const env of ENVIRONMENT_NAMES) {
    const s = report.environments[env];
    const name = t(`env.${env}`) + (s.selected ? ` (${t('word.selected')})` : '');
    table.push([
      name,
      s.url,
      s.online ? paint.green(t('word.online')) : paint.red(t('word.unavailable')),
      modeCell(s, t, paint),
      ...SEQUENCE_NAMES.map((n) => (s.sequences ? String(s.sequences[n]) : '-')),
      s.version ?? '-',
    ]);
  }
  lines.push(table.toString());

  for (const env of ENVIRONMENT_NAMES) {
    const s = report.environments[env];
    if (s.error) lines.push(paint.red(`  ${t(`env.${env}`)}: ${s.error.message}`));
    for (const w of s.warnings) lines.push(paint.yellow(`  ${t(`env.${env}`)}: ${w}`));
    if (s.reopened) lines.push(paint.yellow(`  ${t(`env.${env}`)}: ${t('status.reopened')}`));
    if (s.keptDatabases.length > 0)
      lines.push(
        paint.yellow(`  ${t(`env.${env}`)}: ${t('status.keptDatabases', { names: s.keptDatabases.join(', '), env })}`),
      );
    if (s.institutionName && env === 'operating') lines.push(`${t('status.institution')}: ${s.institutionName}`);
    if (s.vm) lines.push(`${t('status.vm')}: ${s.vm.provider} "${s.vm.name}" — ${renderVmState(s.vm, t)}`);
  }
  const b = report.newestBackup;
  lines.push(
    `${t('status.newestBackup')}: ${b ? t('status.backupLine', { id: b.id, env: t(`env.${b.env}`), age: formatAge(b.ageSeconds, t) }) : t('word.none')}`,
  );
  const sync = report.lastSync;
  lines.push(
    `${t('status.lastSync')}: ${sync ? `${sync.at} ${sync.outcome}${sync.message ? ` (${sync.message})` : ''}` : t('word.none')}`,
  );
  const lock = report.lock;
  lines.push(
    `${t('status.lock')}: ${lock ? t('status.lockLine', { pid: lock.pid, host: lock.host, command: lock.command, startedAt: lock.startedAt, phase: lock.phase ?? '-' }) : t('word.none')}`,
  );
  const pending = Object.entries(report.pendingModePushes ?? {});
  if (pending.length > 0)
    lines.push(
      paint.yellow(
        `${t('status.pendingPushes')}: ${pending.map(([env, mode]) => `${t(`env.${env}`)} (${mode})`).join(', ')}`,
      ),
    );
  for (const m of report.mismatches) {
    lines.push(
      paint.yellow(t('status.mismatch', { env: t(`env.${m.env}`), reported: m.reported, recorded: m.recorded })),
    );
  }
  return lines.join('\n');
}

function modeCell(s: EnvironmentStatus, t: Translate, paint: ChalkInstance): string {
  // A WebORCA that does not know the hybrid service: what the tool recorded in its database decides.
  if (s.online && !s.modeReported) {
    const recorded = s.databaseMode ? ` (${t('status.modeInDatabase', { mode: s.databaseMode })})` : '';
    const text = `${t('status.modeNotReported')}${recorded}`;
    return s.mismatch ? paint.yellow(`${text} ≠ ${s.expectedMode}`) : text;
  }
  if (!s.reportedMode) return '-';
  return s.mismatch ? paint.yellow(`${s.reportedMode} ≠ ${s.expectedMode}`) : s.reportedMode;
}
