/**
 * What an environment says about its mode, judged against what it should say (`status`). A cloud environment
 * reports it in `X-Hybridmode`. A directly reached one (the local emergency VM, an on-premises operating
 * server) runs a WebORCA that may not know the hybrid service at all: it then sends plain `normal` (or
 * nothing) whatever it was told — "mode not reported by this server", not a mismatch; what the tool recorded
 * in that environment's database decides instead.
 */

export interface ModeVerdict {
  /** False when the server's own answer says nothing about the mode (see above). */
  modeReported: boolean;
  mismatch: boolean;
  /** The value compared with the expected one: the header, or the database's record when not reported. */
  observed: string | null;
}

/**
 * @param expected the header value the recorded mode means for this environment (`emergency-fa`)
 * @param reported the header it sent (null: none, or it did not answer)
 * @param databaseMode for a directly reached environment, the header value its mode table stands for
 *   (`normal…` when the table does not exist); undefined for a cloud environment
 */
export function judgeReportedMode(
  expected: string,
  reported: string | null,
  databaseMode: string | null | undefined,
): ModeVerdict {
  if (databaseMode === undefined || reported === expected || (reported !== null && reported !== 'normal'))
    return {
      modeReported: reported !== null,
      mismatch: reported !== null && reported !== expected,
      observed: reported,
    };
  return { modeReported: false, mismatch: databaseMode !== null && databaseMode !== expected, observed: databaseMode };
}
