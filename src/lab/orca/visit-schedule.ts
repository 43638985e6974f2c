/**
 * Which patients come on which day: chronic patients at their regular interval, acute episodes (with a
 * follow-up now and then) filling each day up to the clinic's daily rate, new patients on the day they
 * register, and the rare second visit the same day. Pure planning: no numbers are issued here.
 */
import { DEPARTMENTS, EPISODES, type Condition } from './clinic-catalog.js';
import { addDays, ageOn, dayNumber, isClinicOpen, weekdayOf, ymdOfDay } from './dates.js';
import type { PatientPlan } from './patient-plan.js';
import type { Rng } from './prng.js';
import type { VisitKind } from './visit-content.js';

export interface ScheduledVisit {
  patient: PatientPlan;
  sryka: string;
  kind: VisitKind;
  episode: Condition | null;
  /** Seconds after midnight. */
  time: number;
}

/** Mean visits per open day for a patient base (10 for 200 patients, 50 for 1 000, 220 for 20 000). */
export const dailyVisitRate = (patients: number): number =>
  Math.max(Math.min(Math.max(patients * 0.05, 3), 50), patients * 0.011);

const weekdayFactor = (ymd: string): number => [0, 1.25, 1, 1, 1, 1, 0.6][weekdayOf(ymd)] ?? 1;

export function openDaysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let day = dayNumber(start); day <= dayNumber(end); day += 1) {
    const ymd = ymdOfDay(day);
    if (isClinicOpen(ymd)) out.push(ymd);
  }
  return out;
}

/** Visits per open day, each day sorted by time. */
export function planSchedule(
  rng: Rng,
  patients: readonly PatientPlan[],
  openDays: readonly string[],
  rate: number,
): ScheduledVisit[][] {
  const start = openDays[0] ?? '';
  const end = openDays[openDays.length - 1] ?? '';
  const indexOf = new Map(openDays.map((ymd, i) => [ymd, i]));
  const nextOpen = (ymd: string): number => {
    for (let d = ymd; d <= end; d = addDays(d, 1)) {
      const index = indexOf.get(d);
      if (index !== undefined) return index;
    }
    return -1;
  };
  const days: Omit<ScheduledVisit, 'time'>[][] = openDays.map(() => []);
  const seen: Set<string>[] = openDays.map(() => new Set());
  const add = (index: number, visit: Omit<ScheduledVisit, 'time'>): void => {
    const key = `${visit.patient.ptid}|${visit.sryka}`;
    if (index < 0 || seen[index]?.has(key)) return;
    seen[index]?.add(key);
    days[index]?.push(visit);
  };
  const episodeFor = (sryka: string): Condition => rng.pick(EPISODES.filter((e) => e.sryka === sryka));

  let chronicVisits = 0;
  for (const patient of patients) {
    const inPeriod = patient.registered >= start;
    for (const sryka of new Set(patient.conditions.map((c) => c.sryka))) {
      const interval = patient.rxDays;
      let date = inPeriod ? patient.registered : addDays(start, rng.int(0, interval - 1));
      while (date <= end) {
        add(nextOpen(date), { patient, sryka, kind: 'chronic', episode: null });
        chronicVisits += 1;
        date = addDays(date, interval >= 14 ? interval + rng.int(-3, 2) : interval);
      }
    }
    if (inPeriod && patient.conditions.length === 0) {
      add(nextOpen(patient.registered), {
        patient,
        sryka: patient.homeDept,
        kind: 'episode',
        episode: episodeFor(patient.homeDept),
      });
    }
  }

  const chronicPerDay = chronicVisits / Math.max(1, openDays.length);
  const byRegistration = [...patients].sort((a, b) =>
    a.registered < b.registered ? -1 : a.registered > b.registered ? 1 : a.ptid - b.ptid,
  );
  let registeredCount = 0;
  openDays.forEach((ymd, index) => {
    while (registeredCount < byRegistration.length && (byRegistration[registeredCount] as PatientPlan).registered < ymd)
      registeredCount += 1;
    if (registeredCount === 0) return;
    const wanted = (Math.max(0, rate - chronicPerDay) * weekdayFactor(ymd)) / 1.35;
    const episodes = Math.max(0, Math.round(wanted * (0.85 + rng.next() * 0.3)));
    for (let n = 0; n < episodes; n += 1) {
      const patient = byRegistration[rng.int(0, registeredCount - 1)] as PatientPlan;
      const sryka = rng.chance(0.8) ? patient.homeDept : otherDepartment(rng, patient, ymd);
      const episode = episodeFor(sryka);
      add(index, { patient, sryka, kind: 'episode', episode });
      if (rng.chance(0.35)) add(nextOpen(addDays(ymd, rng.int(3, 7))), { patient, sryka, kind: 'followup', episode });
    }
  });
  return days.map((visits, index) => timeTable(rng, visits, openDays[index] as string));
}

function otherDepartment(rng: Rng, patient: PatientPlan, ymd: string): string {
  if (ageOn(patient.birthday, ymd) < 15) return rng.pick(['09', '19', '11']);
  return rng.pick(DEPARTMENTS.map((d) => d.sryka).filter((s) => s !== '09'));
}

/** Shuffles the day's visits, spreads them over the opening hours and adds the rare same-day return. */
function timeTable(rng: Rng, visits: Omit<ScheduledVisit, 'time'>[], ymd: string): ScheduledVisit[] {
  for (let i = visits.length - 1; i > 0; i -= 1) {
    const j = rng.int(0, i);
    [visits[i], visits[j]] = [visits[j] as Omit<ScheduledVisit, 'time'>, visits[i] as Omit<ScheduledVisit, 'time'>];
  }
  const saturday = weekdayOf(ymd) === 6;
  const sessions: [number, number][] = saturday
    ? [[9 * 3600, 12.5 * 3600]]
    : [
        [9 * 3600, 12.5 * 3600],
        [15 * 3600, 18.5 * 3600],
      ];
  const span = sessions.reduce((sum, [from, to]) => sum + (to - from), 0);
  const out: ScheduledVisit[] = visits.map((visit, i) => {
    let offset = Math.floor(((i + rng.next()) / Math.max(1, visits.length)) * span);
    for (const [from, to] of sessions) {
      if (offset < to - from) return { ...visit, time: from + offset };
      offset -= to - from;
    }
    return { ...visit, time: sessions[0]?.[0] ?? 32400 };
  });
  const again = out.filter((v) => v.time < 12 * 3600 && !saturday && rng.chance(0.005));
  for (const visit of again) out.push({ ...visit, kind: 'again', time: visit.time + 4 * 3600 });
  return out.sort((a, b) => a.time - b.time);
}
