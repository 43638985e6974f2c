/**
 * The rebuild's last step: restore the newest verified backup into the rebuilt VM through the `restore`
 * command's own wiring and use case (gates, staging database and swap, the restore point recorded). The
 * go-ahead was the rebuild's question (or `--restore`), so the restore asks nothing more.
 */
import { GuardError } from '../../core/errors.js';
import { chooseRestoreBackup } from '../../core/restore-plan.js';
import { runRestore } from '../../core/restore-run.js';
import type { OrcaState } from '../../core/state.js';
import type { VmRestoreOffer } from '../../core/vm-rebuild.js';
import { wantsRestore } from '../../ui/vm-confirm.js';
import { askerOf, type CommandContext } from '../context.js';
import type { LockedRun } from '../locked-run.js';
import { recordRestore, wireRestore } from '../restore-wiring.js';
import type { VmSetup } from './setup.js';

/** A cloud restore job's wait does not apply to the local VM; the restore's own limits do. */
const RESTORE_TIMEOUT_MS = 3_600_000;

export async function offerRestore(
  ctx: CommandContext,
  setup: VmSetup,
  run: LockedRun,
  options: { restore?: boolean; force: boolean; state: OrcaState },
): Promise<VmRestoreOffer> {
  if (!(await wantsRestore(askerOf(ctx), options.restore))) return { kind: 'declined' };
  const catalog = await (await setup.adapters.backupFolder()).read();
  try {
    chooseRestoreBackup(catalog.entries, 'localEmergency');
  } catch (error) {
    if (error instanceof GuardError && error.key === 'restore.noBackup') return { kind: 'noBackup' };
    throw error;
  }
  const wiring = await wireRestore(ctx, setup.adapters, {
    run,
    state: options.state,
    target: 'localEmergency',
    timeoutMs: RESTORE_TIMEOUT_MS,
    jobs: undefined,
    confirmClinic: undefined,
  });
  const report = await wiring.settle(
    runRestore(
      {
        target: 'localEmergency',
        entries: catalog.entries,
        force: options.force,
        state: options.state,
        institutionCode: setup.config.clinic.institutionCode,
        signal: ctx.signal,
      },
      { ...wiring.ports, confirm: async () => undefined },
    ),
  );
  await recordRestore(ctx, run.stateDir, report);
  return { kind: 'restored', backupId: report.backupId, safetyBackupId: report.safetyBackupId };
}
