/** Human renderings of the `vm` results (the `--json` documents are the results themselves). */
import type { VmStartReport } from '../core/vm-start.js';
import type { VmStopReport } from '../core/vm-stop.js';
import type { VmRebuildReport } from '../core/vm-rebuild.js';
import type { VmRebuildPlan, VmRebuildStep } from '../core/vm-rebuild-plan.js';
import type { VmStatus, VmStatusReport } from '../core/vm-status.js';
import type { Translate } from './i18n.js';

/** `running (Running)`: our word, and the hypervisor's when it says something else. */
export function renderVmState(vm: Pick<VmStatus, 'state' | 'detail' | 'maybeNotElevated'>, t: Translate): string {
  const word = t(`vm.state.${vm.state}`);
  const detail = vm.detail !== null && vm.detail.toLowerCase() !== vm.state.toLowerCase() ? ` (${vm.detail})` : '';
  const elevation = vm.maybeNotElevated ? ` ${t('vm.status.elevation')}` : '';
  return `${word}${detail}${elevation}`;
}

export function renderVmStatus(report: VmStatusReport, t: Translate): string {
  const lines = [`${t('vm.status.vm')}: ${report.provider} "${report.name}" — ${renderVmState(report, t)}`];
  if (report.snapshot) lines.push(`${t('vm.status.snapshot')}: ${report.snapshot}`);
  if (report.missingForwards !== null) {
    const forwards =
      report.missingForwards.length === 0
        ? t('vm.status.forwardsOk')
        : t('vm.status.forwardsMissing', { ports: report.missingForwards.join(', ') });
    lines.push(`${t('vm.status.forwards')}: ${forwards}`);
  }
  if (report.webOrca) {
    const answer = report.webOrca.answering
      ? t('vm.status.webOrcaAnswers')
      : t('vm.status.webOrcaSilent', { error: report.webOrca.error ?? '' });
    lines.push(`${t('vm.status.webOrca')}: ${answer}`);
  }
  return lines.join('\n');
}

export function renderVmStart(report: VmStartReport, name: string, t: Translate): string {
  return report.outcome === 'started'
    ? t('vm.started', { name, seconds: report.seconds })
    : t('vm.startedAlready', { name });
}

export function renderVmStop(report: VmStopReport, name: string, t: Translate): string {
  const key = { stopped: 'vm.stopped', poweredOff: 'vm.poweredOff', alreadyStopped: 'vm.alreadyStopped' }[
    report.outcome
  ];
  return t(key, { name, seconds: report.seconds });
}

/** What the rebuild will do, shown before the go-ahead. */
export function renderRebuildPlan(plan: VmRebuildPlan, t: Translate): string {
  const since = plan.restorePoint ? plan.restorePoint.restoredAt : t('vm.plan.never');
  return [
    t('vm.plan.title', { name: plan.vmName, provider: plan.provider, snapshot: plan.snapshot }),
    `  ${t(plan.startsToInspect ? 'vm.plan.inspectStarts' : 'vm.plan.inspect', { since })}`,
    `  ${t(plan.activeEmergency ? 'vm.plan.safetyAlways' : 'vm.plan.safety')}`,
    `  ${t('vm.plan.rest', { steps: plan.updateSteps })}`,
  ].join('\n');
}

export function renderRebuildStep(step: VmRebuildStep, seconds: number, t: Translate): string {
  return t('vm.step.done', { step: t(`vm.step.${step}`), seconds });
}

export function renderRebuildReport(report: VmRebuildReport, name: string, t: Translate): string {
  const lines = [t('vm.rebuild.done', { name, seconds: report.seconds })];
  lines.push(
    report.entriesFound === null ? t('vm.rebuild.unchecked') : t('vm.rebuild.entries', { rows: report.entriesFound }),
  );
  if (report.safetyBackupId) lines.push(t('vm.rebuild.safety', { id: report.safetyBackupId }));
  lines.push(t('vm.rebuild.version', { version: report.versions.jmaReceiptVersion ?? '?' }));
  const restore = report.restore;
  if (restore.kind === 'restored') lines.push(t('vm.rebuild.restored', { id: restore.backupId }));
  else lines.push(t(restore.kind === 'declined' ? 'vm.rebuild.restoreDeclined' : 'vm.rebuild.noBackup'));
  return lines.join('\n');
}
