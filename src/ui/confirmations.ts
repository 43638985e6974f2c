/**
 * The go-aheads of `restore` and `bump-seq` (STYLE.md §9): the plan on stderr, then `--yes`, a prompt on a
 * terminal, or — with nobody to answer — a UsageError naming the flag to pass. Replacing the operating
 * environment takes the clinic's name, typed or given as `--confirm-clinic`.
 */
import type { CatalogEntry } from '../core/backup-catalog.js';
import type { BumpReport } from '../core/bump-run.js';
import { CancelledError } from '../core/errors.js';
import { assertClinicNameTyped } from '../core/restore-plan.js';
import type { RestorePlan } from '../core/restore-run.js';
import type { Asker } from './asker.js';
import { askText, askYesNo, promptNeedsTerminal } from './prompts.js';
import { renderBumpSource, renderBumpTable } from './bump-render.js';

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
