/** What staff enter at one outpatient visit: the list of 剤, by the kind of visit. */
import {
  BLOOD_TEST,
  CHRONIC_MANAGEMENT,
  INFLAMMATION_TEST,
  PRESCRIPTION_FEE,
  examTemplate,
  type Condition,
  type ZaiTemplate,
} from './clinic-catalog.js';
import type { Rng } from './prng.js';

/** chronic: a regular visit for conditions; episode: a new acute problem; followup: its re-check;
 * again: a second visit the same day (e.g. came back in the afternoon). */
export type VisitKind = 'chronic' | 'episode' | 'followup' | 'again';

export interface VisitSituation {
  kind: VisitKind;
  sryka: string;
  /** No earlier visit in this department (初診). */
  firstVisit: boolean;
  /** First visit of the month in this department. */
  firstOfMonth: boolean;
  conditions: readonly Condition[];
  episode: Condition | null;
  rxDays: number;
}

const withDays = (zai: ZaiTemplate, days: number): ZaiTemplate =>
  zai.srykbn === '21' ? { ...zai, zaikaisu: days } : zai;

/** The visit's 剤 in entry order; never two identical ones. */
export function visitZais(rng: Rng, s: VisitSituation): ZaiTemplate[] {
  const zais: ZaiTemplate[] = [examTemplate(s.firstVisit, s.sryka)];
  if (s.kind === 'chronic') {
    for (const condition of s.conditions.filter((c) => c.sryka === s.sryka)) {
      for (const rx of condition.rx) {
        if (rx.srykbn === '23' && s.sryka === '11' && !s.firstOfMonth) continue;
        zais.push(withDays(rx, s.rxDays));
      }
    }
    if (s.sryka === '01' && s.firstOfMonth && !s.firstVisit) zais.push(CHRONIC_MANAGEMENT);
    if (s.sryka === '01' && (s.firstVisit || rng.chance(0.25))) zais.push(BLOOD_TEST);
  } else if (s.kind === 'episode' && s.episode) {
    zais.push(...s.episode.rx);
    if ((s.sryka === '01' || s.sryka === '09') && rng.chance(0.2)) zais.push(INFLAMMATION_TEST);
  } else if (s.kind === 'followup' && s.episode && rng.chance(0.5)) {
    zais.push(...s.episode.rx);
  }
  if (zais.some((z) => z.srykbn === '21' || z.srykbn === '23')) zais.push(PRESCRIPTION_FEE);
  return zais;
}
