/** What `switch` shows: the plan before the go-ahead (stderr), the result and the next steps (stdout, `--json`). */
import type { CatalogEntry } from '../core/backup-catalog.js';
import { backupAgeSeconds } from '../core/backup-catalog.js';
import type { EnvironmentName } from '../core/domain.js';
import { isOrcaError, type OrcaError } from '../core/errors.js';
import { NEXT_MODE } from '../core/mode-machine.js';
import type { EnvironmentPlan, RestorePointCheck, SwitchPlan } from '../core/switch-plan.js';
import type { SwitchReport } from '../core/switch-run.js';
import { formatAge } from './backup-format.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';
import { toolCommand } from './invocation.js';

const TOOL = 'orca-hybrid';

/** The plan, one line a fact: transition, emergency environment, each environment, restore point, visits left. */
export function renderSwitchPlan(plan: SwitchPlan, t: Translate, now: Date): string {
  const mode = (m: string): string => t(`mode.${m}`);
  const env = (e: EnvironmentName): string => t(`env.${e}`);
  const lines = [
    plan.verdict.kind === 'repeat'
      ? t('switch.plan.repeatTitle', { to: mode(plan.to) })
      : t('switch.plan.title', { from: mode(plan.from), to: mode(plan.to) }),
  ];
  if (plan.previousSelected)
    lines.push(
      t('switch.plan.selects', { env: env(plan.emergencyEnv), previous: t(`env.${other(plan.emergencyEnv)}`) }),
    );
  else lines.push(t('switch.plan.emergencyEnv', { env: env(plan.emergencyEnv) }));
  if (plan.verdict.kind === 'override') {
    lines.push(t('switch.plan.outOfOrder', { from: plan.from, next: NEXT_MODE[plan.from] }));
    lines.push(t('switch.plan.override', { reason: plan.verdict.reason }));
  }
  for (const e of plan.environments) lines.push(renderEnvironment(e, t));
  if (plan.restorePoint) lines.push(renderRestorePoint(plan.restorePoint, env(plan.emergencyEnv), t, now));
  if (plan.copyable?.kind === 'unavailable')
    lines.push(t('switch.plan.copyable.unavailable', { reason: t(plan.copyable.key) }));
  else if (plan.copyable?.kind === 'counted')
    lines.push(
      plan.copyable.copyable === 0
        ? t('switch.plan.copyable.none')
        : t('switch.plan.copyable.forced', { count: plan.copyable.copyable }),
    );
  return lines.join('\n');
}

function renderEnvironment(e: EnvironmentPlan, t: Translate): string {
  const params = { env: t(`env.${e.env}`), reports: e.reports, current: e.current ?? '-' };
  if (!e.reachable) {
    const reason = explain(e.error, t).replace(/[.。]$/, '');
    return t(e.bystander ? 'switch.plan.bystanderUnreachable' : 'switch.plan.envUnreachable', { ...params, reason });
  }
  if (e.bystander) return t(e.current === e.reports ? 'switch.plan.bystander' : 'switch.plan.bystanderTold', params);
  return t('switch.plan.env', params);
}

function renderRestorePoint(check: RestorePointCheck, env: string, t: Translate, now: Date): string {
  const backup = (b: CatalogEntry): string => `${b.id} (${formatAge(backupAgeSeconds(b, now), t)})`;
  switch (check.kind) {
    case 'none':
      return check.newest
        ? t('switch.plan.restore.none', { env, newest: backup(check.newest) })
        : t('switch.plan.restore.noneNoBackup', { env });
    case 'older':
      return t('switch.plan.restore.older', { env, point: check.point.backupId, newest: backup(check.newest) });
    case 'current':
      return t('switch.plan.restore.current', { env, point: check.point.backupId });
    case 'noBackup':
      return t('switch.plan.restore.noBackup', { env, point: check.point.backupId });
  }
}

/** `switch --json`: `{ from, to, pushed, pending }` plus what a script may want next. */
export function switchDocument(report: SwitchReport) {
  const restore = report.plan.restorePoint;
  const copyable = report.plan.copyable;
  return {
    from: report.from,
    to: report.to,
    emergency: report.emergency,
    pushed: report.pushed,
    pending: report.pending,
    repeat: report.repeat,
    override: report.override,
    restorePoint: restore
      ? {
          status: restore.kind,
          backupId: 'point' in restore ? restore.point.backupId : null,
          newestBackupId: 'newest' in restore ? (restore.newest?.id ?? null) : null,
        }
      : null,
    copyableVisits: copyable
      ? { counted: copyable.kind === 'counted', count: copyable.kind === 'counted' ? copyable.copyable : null }
      : null,
    nextSteps: report.nextSteps.map((step) => [TOOL, ...step].join(' ')),
  };
}

/** The result for people: the transition, who was told, who is still to be told, the next steps. */
export function switchOutcome(report: SwitchReport, t: Translate, error?: OrcaError): CommandOutcome {
  const mode = (m: string): string => t(`mode.${m}`);
  const envs = (list: EnvironmentName[]): string => list.map((e) => t(`env.${e}`)).join(t('word.listSeparator'));
  const lines = [
    report.repeat
      ? t('switch.repeat', { to: mode(report.to) })
      : t('switch.done', { from: mode(report.from), to: mode(report.to) }),
  ];
  if (report.pushed.length > 0) lines.push(t('switch.told', { envs: envs(report.pushed) }));
  if (report.pending.length > 0) lines.push(t('switch.pending', { envs: envs(report.pending) }));
  lines.push(t('switch.next'));
  report.nextSteps.forEach((step, i) => {
    const note =
      step[0] === 'diff-copy'
        ? ` ${t('switch.next.diffCopyMissing')}`
        : step[0] === 'restore'
          ? ` ${t('switch.next.restoreForce')}`
          : '';
    // For people, as it runs here; the --json document names the tool's installed name.
    lines.push(`  ${i + 1}. ${[toolCommand(), ...step].join(' ')}${note}`);
  });
  const json = switchDocument(report);
  if (error) return { json, error, notes: lines };
  return { json, human: () => lines.join('\n') };
}

function other(env: EnvironmentName): EnvironmentName {
  return env === 'cloudEmergency' ? 'localEmergency' : 'cloudEmergency';
}

function explain(error: unknown, t: Translate): string {
  if (isOrcaError(error)) return t(error.key, error.params);
  return error instanceof Error ? error.message : String(error);
}
