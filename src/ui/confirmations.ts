/**
 * The go-aheads of `restore`, `bump-seq`, `switch` and `select` (STYLE.md §9): the plan on stderr, then
 * `--yes`, a prompt on a terminal, or — with nobody to answer — a UsageError naming the flag to pass.
 * Replacing the operating environment takes the clinic's name, typed or given as `--confirm-clinic`.
 */
import type { CatalogEntry } from '../core/backup-catalog.js';
import type { BumpReport } from '../core/bump-run.js';
import { CancelledError } from '../core/errors.js';
import { assertClinicNameTyped } from '../core/restore-plan.js';
import type { RestorePlan } from '../core/restore-run.js';
import type { SelectPlan } from '../core/select-run.js';
import type { SwitchPlan } from '../core/switch-plan.js';
import { emergencyEnvironmentOf, reportedModeFor, type EmergencyChoice } from '../core/domain.js';
import type { Asker } from './asker.js';
import { askText, askYesNo, promptNeedsTerminal } from './prompts.js';
import { renderBumpSource, renderBumpTable } from './bump-render.js';
import { renderSwitchPlan } from './switch-render.js';

/** The restore's go-ahead; a mismatched clinic name is exit 5, "no" is exit 130. */
export function confirmRestore(
  asker: Asker,
  clinicName: string,
  confirmClinic: string | undefined,
): (plan: RestorePlan) => Promise<void> {
  const { out, t } = asker;
  return async (plan) => {
    const env = t(`env.${plan.target}`);
    const params = { id: plan.backup.id, env, createdAt: plan.backup.createdAt };
    out.note(t(plan.safetyDump ? 'restore.plan.withSafety' : 'restore.plan', params));
    if (plan.risk.activeEmergency) out.note(t('restore.plan.activeEmergency', { env }));
    if (plan.risk.operating) {
      if (confirmClinic === undefined && !asker.interactive) throw promptNeedsTerminal('--confirm-clinic <name>');
      if (confirmClinic === undefined) out.note(t('restore.plan.operating'));
      const typed = confirmClinic ?? (await askText(t('restore.typeClinic', { name: clinicName }), asker.signal));
      assertClinicNameTyped(typed, clinicName);
      return;
    }
    if (await approved(asker, t('restore.confirm', { env }))) return;
    throw new CancelledError({ key: 'error.cancelled' });
  };
}

/** The bump's go-ahead: the source and the before/after table are shown before the question. */
export async function confirmBump(
  asker: Asker,
  plan: Pick<BumpReport, 'env' | 'source' | 'margin' | 'before' | 'after'>,
): Promise<boolean> {
  if (asker.yes) return true;
  if (!asker.interactive) throw promptNeedsTerminal('--yes');
  asker.out.note(renderBumpSource(plan, asker.t));
  asker.out.note(renderBumpTable(plan, asker.t, asker.out.color));
  return askYesNo(asker.t('bump.confirm', { env: asker.t(`env.${plan.env}`) }), asker.signal);
}

/**
 * When the chosen dump proved damaged: a person at a terminal is asked whether to restore the next-newest
 * verified backup instead; unattended (`--yes` included, and `--json`) the answer is no, and the error names
 * its exact `--backup`.
 */
export function offerAlternative(asker: Asker): (damaged: CatalogEntry, alternative: CatalogEntry) => Promise<boolean> {
  const { out, t } = asker;
  return async (damaged, alternative) => {
    if (!asker.interactive || out.json) return false;
    out.note(t(`restore.damaged.${damaged.damaged?.check ?? 'archive'}`, { id: damaged.id }));
    const question = t('restore.offerAlternative', { id: alternative.id, createdAt: alternative.createdAt });
    return askYesNo(question, asker.signal);
  };
}

/** `restore --drop-kept`'s go-ahead, after the list of kept databases; "no" is exit 130. */
export async function confirmDropKept(asker: Asker, env: string): Promise<void> {
  if (await approved(asker, asker.t('restore.dropKept.confirm', { env: asker.t(`env.${env}`) }))) return;
  throw new CancelledError({ key: 'error.cancelled' });
}

async function approved(asker: Asker, question: string): Promise<boolean> {
  if (asker.yes) return true;
  if (!asker.interactive) throw promptNeedsTerminal('--yes');
  return askYesNo(question, asker.signal);
}

/** `select` during an outage: the warning and what each environment will be told, then the go-ahead. */
export function confirmSelect(asker: Asker): (plan: SelectPlan) => Promise<void> {
  const { t } = asker;
  return async (plan) => {
    const env = (c: EmergencyChoice): string => t(`env.${emergencyEnvironmentOf(c)}`);
    const params = { mode: t(`mode.${plan.mode}`), previous: env(plan.previous), choice: env(plan.choice) };
    asker.out.note(t('select.warn', params));
    for (const { env: name, mode } of plan.tell)
      asker.out.note(t('select.warn.tell', { env: t(`env.${name}`), reports: reportedModeFor(name, mode) }));
    if (await approved(asker, t('select.confirm', params))) return;
    throw new CancelledError({ key: 'error.cancelled' });
  };
}

/** The switch's go-ahead: the plan always goes to stderr first, then `--yes`, a question, or exit 2. */
export function confirmSwitch(asker: Asker): (plan: SwitchPlan) => Promise<void> {
  return async (plan) => {
    asker.out.note(renderSwitchPlan(plan, asker.t, new Date()));
    if (await approved(asker, asker.t('switch.confirm', { to: asker.t(`mode.${plan.to}`) }))) return;
    throw new CancelledError({ key: 'error.cancelled' });
  };
}
