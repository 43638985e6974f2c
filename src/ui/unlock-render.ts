/** What `unlock` prints: who holds the lock (and whether it is stale), and the `--json` document. */
import type { MessageParams } from '../core/errors.js';
import type { Translate } from './i18n.js';
import type { CommandOutcome } from './outcome.js';

/** What `unlock --json` prints; `holder` is the lock's report (pid, host, command, phase, staleness). */
export interface UnlockReport {
  removed: boolean;
  holder: object | null;
}

/** `Lock held by sync (pid 42 on PC-01 …)`, and the reason it is stale when it is. */
export function renderLockHolder(
  found: { named: boolean; params: MessageParams; staleReason: string | null },
  t: Translate,
): string {
  const line = t(found.named ? 'unlock.holder' : 'unlock.holderUnknown', found.params);
  if (found.staleReason === null) return line;
  return `${line}\n${t('unlock.stale', { reason: t(`lock.reason.${found.staleReason}`) })}`;
}

export function unlockOutcome(report: UnlockReport, t: Translate): CommandOutcome {
  const key = report.holder === null ? 'unlock.none' : report.removed ? 'unlock.removed' : 'unlock.kept';
  return { json: report, human: () => t(key) };
}
