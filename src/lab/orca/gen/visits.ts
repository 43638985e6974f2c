/**
 * One clinic day of the generator: each patient's visits of the day become one outpatient save (several
 * departments → several pairs; a 公費 patient's regular visit → the prescription under the 公費 combination,
 * the rest under the insurance alone: one department, two insurances, `douji_rennum` 1 and 2), after a
 * 受付 per department. Now and then a save is corrected the same day, a visit holds a full work-up (more
 * than 15 剤), a 包括分入力 pair is added, a new disease is deleted as entered by mistake.
 */
import { BLOOD_TEST, WORK_UP, doctorFor, type ZaiTemplate } from '../clinic-catalog.js';
import { addDays } from '../dates.js';
import type { Rng } from '../prng.js';
import type { Book } from '../book/book.js';
import type { Audit } from '../save/audit.js';
import { addDisease, deleteDisease } from '../save/diseases.js';
import { receive } from '../save/reception.js';
import { saveOutpatientVisit, type VisitPair } from '../save/visit-save.js';
import { visitZais } from '../visit-content.js';
import type { ScheduledVisit } from '../visit-schedule.js';
import { combinationFor, type GeneratedPatient } from './patients.js';

export interface DayCounts {
  slips: number;
  diseases: number;
  corrections: number;
}

export interface DiseaseEnd {
  on: string;
  ptid: number;
  key: Record<string, string | number>;
}

const OPERATOR = 'ormaster';
const hms = (seconds: number): string =>
  [Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60), seconds % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join('');

/** The pairs of one patient's save on `ymd`. */
function pairsOf(rng: Rng, p: GeneratedPatient, visits: readonly ScheduledVisit[], ymd: string): VisitPair[] {
  const pairs: VisitPair[] = [];
  const insurance = combinationFor(p, ymd, false);
  if (!insurance) return pairs;
  const month = ymd.slice(0, 6);
  for (const visit of visits) {
    const known = p.book.get('tbl_srykarrk', { hospnum: 1, ptid: p.plan.ptid, sryka: visit.sryka }) !== undefined;
    const seenThisMonth = p.book
      .find('tbl_jyurrk', { hospnum: 1, ptid: p.plan.ptid, nyugaikbn: '2', sryka: visit.sryka })
      .some((r) => String(r.sryymd).startsWith(month));
    const zais = visitZais(rng, {
      kind: visit.kind,
      sryka: visit.sryka,
      firstVisit: !known,
      firstOfMonth: !seenThisMonth,
      conditions: p.plan.conditions,
      episode: visit.episode,
      rxDays: p.plan.rxDays,
    });
    if (visit.kind === 'chronic' && visit.sryka === '01' && rng.chance(0.004)) zais.push(...WORK_UP);
    const drcd = doctorFor(visit.sryka, p.plan.ptid);
    const kohi = visit.kind === 'chronic' ? combinationFor(p, ymd, true) : undefined;
    const rx = kohi ? zais.filter((z) => z.srykbn === '21') : [];
    const base = { sryka: visit.sryka, drcd };
    pairs.push({
      ...base,
      hkncombinum: pad(insurance.hkncombinum),
      rate: insurance.rate,
      zais: zais.filter((z) => !rx.includes(z)),
    });
    if (kohi && rx.length > 0) pairs.push({ ...base, hkncombinum: pad(kohi.hkncombinum), rate: kohi.rate, zais: rx });
    if (visit.kind === 'chronic' && visit.sryka === '01' && rng.chance(0.01)) {
      pairs.push({ ...base, hkncombinum: '9999', rate: 0, zais: [BLOOD_TEST] });
    }
  }
  // Combination outer, department inner, as ORCA's save loops them.
  const order = [...new Set(pairs.map((p) => p.hkncombinum))];
  return order.flatMap((c) => pairs.filter((p) => p.hkncombinum === c));
}

const pad = (n: number): string => String(n).padStart(4, '0');

/** Saves one patient's visits of the day; returns what it wrote and the disease ends to schedule. */
export function saveDay(
  clinic: Book,
  rng: Rng,
  p: GeneratedPatient,
  visits: readonly ScheduledVisit[],
  ymd: string,
  endDate: string,
): { counts: DayCounts; ends: DiseaseEnd[] } {
  const counts: DayCounts = { slips: 0, diseases: 0, corrections: 0 };
  const ends: DiseaseEnd[] = [];
  const time = Math.min(...visits.map((v) => v.time));
  const audit: Audit = { opid: OPERATOR, ymd, hms: hms(time + 900) };
  const pairs = pairsOf(rng, p, visits, ymd);
  if (pairs.length === 0) return { counts, ends };
  for (const sryka of new Set(pairs.map((x) => x.sryka))) {
    const first = pairs.find((x) => x.sryka === sryka) as VisitPair;
    const reception = {
      ptid: p.plan.ptid,
      name: p.plan.name,
      sryka,
      drcd: first.drcd,
      hkncombi: Number(first.hkncombinum),
    };
    receive(clinic, { ...reception, uketime: hms(time) }, ymd, { ...audit, hms: hms(time) });
  }
  const staff = { today: ymd, termid: '' };
  const save = { ptid: p.plan.ptid, sryymd: ymd, today: ymd, termid: '', pairs };
  const saved = saveOutpatientVisit(clinic, p.book, save, audit);
  counts.slips += saved.length;
  const single = pairs.length === 1 && pairs[0]!.hkncombinum !== '9999';
  if (single && rng.chance(0.003)) {
    const pair = pairs[0] as VisitPair;
    const added: ZaiTemplate[] = [...pair.zais, BLOOD_TEST].filter((z, i, all) => all.indexOf(z) === i);
    const correction = { ptid: p.plan.ptid, denpnum: saved[0]!.denpnum, sryymd: ymd, hkncombinum: pair.hkncombinum };
    saveOutpatientVisit(
      clinic,
      p.book,
      { ...save, pairs: [{ ...pair, zais: added }], correction },
      { ...audit, hms: hms(time + 1800) },
    );
    counts.corrections += 1;
  }
  for (const visit of visits) {
    const combination = Number(pairs.find((x) => x.sryka === visit.sryka)?.hkncombinum ?? 1);
    const firstVisit = saved.some((s) => s.sryka === visit.sryka) && visit.kind === 'chronic';
    const known = p.book.find('tbl_ptbyomei', { hospnum: 1, ptid: p.plan.ptid, sryka: visit.sryka }).length > 0;
    const news = [
      ...(firstVisit && !known
        ? p.plan.conditions.filter((c) => c.sryka === visit.sryka).map((c) => ({ c, acute: false }))
        : []),
      ...(visit.kind === 'episode' && visit.episode ? [{ c: visit.episode, acute: true }] : []),
    ];
    for (const [index, { c, acute }] of news.entries()) {
      const input = { ptid: p.plan.ptid, sryka: visit.sryka, sryymd: ymd, disease: c.disease, hkncombi: combination };
      const row = addDisease(p.book, { ...input, main: index === 0 && !acute, nyugaikbn: '2' }, staff, audit);
      counts.diseases += 1;
      const key = { hospnum: 1, ptid: p.plan.ptid, sryka: visit.sryka, sryymd: ymd, rennum: Number(row.rennum) };
      if (acute && rng.chance(0.02)) deleteDisease(p.book, key, staff, audit);
      else if (acute) {
        const cured = addDays(ymd, rng.int(7, 14));
        if (cured <= endDate) ends.push({ on: cured, ptid: p.plan.ptid, key });
      }
    }
  }
  return { counts, ends };
}
