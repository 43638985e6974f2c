/**
 * The count of visits `diff-copy` would still copy, for `switch normal`'s guard. `diff-copy` (its own issue)
 * does not exist yet, so no count can be made: this adapter says so, `switch normal` shows it in its plan and
 * does not refuse — it never pretends a number. The diff-copy capability replaces it with the real counter.
 */
import type { CopyableVisitsCount, CopyableVisitsCounter } from '../../core/ports.js';

export class UnavailableCopyableVisits implements CopyableVisitsCounter {
  async count(): Promise<CopyableVisitsCount> {
    return { kind: 'unavailable', key: 'switch.copyable.notAvailable' };
  }
}
