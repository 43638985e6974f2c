/**
 * The go-aheads of `vm` (STYLE.md §9). A rebuild discards the VM's disk: the plan goes to stderr, then the
 * environment's name is typed (or `--yes --confirm-env localEmergency` when nobody can type). Pulling the
 * power after a stop timeout is asked on a terminal and never assumed elsewhere.
 */
import { GuardError } from '../core/errors.js';
import type { VmRebuildPlan } from '../core/vm-rebuild-plan.js';
import type { Asker } from './asker.js';
import { askText, askYesNo, promptNeedsTerminal } from './prompts.js';
import { renderRebuildPlan } from './vm-render.js';

/** The environment a rebuild replaces, as it must be typed. */
export const REBUILD_CONFIRMATION = 'localEmergency';

/** The rebuild's go-ahead; a wrong name is exit 5, nobody to type it is exit 2 naming the flags. */
export function confirmRebuild(asker: Asker, confirmEnv: string | undefined): (plan: VmRebuildPlan) => Promise<void> {
  return async (plan) => {
    asker.out.note(renderRebuildPlan(plan, asker.t));
    if (confirmEnv === undefined || !asker.yes) {
      if (!asker.interactive) throw promptNeedsTerminal(`--yes --confirm-env ${REBUILD_CONFIRMATION}`);
    }
    const typed = confirmEnv ?? (await askText(asker.t('vm.plan.typeEnv'), asker.signal));
    if (typed.trim() !== REBUILD_CONFIRMATION) {
      throw new GuardError({
        key: 'vm.rebuild.confirmMismatch',
        params: { typed: typed.slice(0, 40) },
        hintKey: 'vm.rebuild.confirmMismatch.hint',
      });
    }
  };
}

/** After a stop timeout: pull the power? Only a person at a terminal can say yes (else `--force`). */
export function confirmPowerOff(asker: Asker): (elapsedSeconds: number) => Promise<boolean> {
  return async (elapsed) => {
    if (!asker.interactive) return false;
    return askYesNo(asker.t('vm.stop.confirmPowerOff', { elapsed }), asker.signal);
  };
}

/** Restore the newest backup into the rebuilt VM? `--restore`/`--no-restore`, else `--yes`, else the prompt. */
export async function wantsRestore(asker: Asker, flag: boolean | undefined): Promise<boolean> {
  if (flag !== undefined) return flag;
  if (asker.yes) return true;
  if (!asker.interactive) return false;
  return askYesNo(asker.t('vm.rebuild.offerRestore'), asker.signal);
}
