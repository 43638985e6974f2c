/**
 * Fills an ORCA database like a real clinic (deterministic: same options → identical rows). Patients get
 * numbers from the 1009 row, slips from 0041, 剤 numbers from each patient's `maxzainum`; identical 剤 in
 * a month share one zainum; the counters are left at the last numbers issued. One transaction.
 */
import type pg from 'pg';
import type { Sequences } from '../../core/domain.js';
import { UsageError } from '../../core/errors.js';
import { RowBuffer } from './bulk-insert.js';
import { doctorFor } from './clinic-catalog.js';
import { PatientState } from './clinic-state.js';
import { issuePatient, issueSlip, lockCounters, writeCounters, type LockedCounters } from './counters.js';
import { addDays, dayNumber, hmsOf, isClinicOpen, todayYmd, ymdOfDay } from './dates.js';
import { combinationOn, planPatient, type PatientPlan } from './patient-plan.js';
import { Rng } from './prng.js';
import {
  hkncombiRows,
  jyurrkRow,
  ptbyomeiRow,
  ptinfRow,
  ptnumRow,
  pthkninfRows,
  srykarrkRow,
  syunouRow,
} from './rows.js';
import { createOrcaSchema, hasOrcaSchema, seedOrcaSystem, seedSessionRows } from './schema.js';
import { writeClinicIdentity } from './system-rows.js';
import { visitZais } from './visit-content.js';
import { dailyVisitRate, openDaysBetween, planSchedule, type ScheduledVisit } from './visit-schedule.js';
import { zaiPoints, type Audit } from './zai.js';

export interface GenerateClinicOptions {
  patients: number;
  days: number;
  seed: string | number;
  institutionCode: string;
  clinicName: string;
  /** Last day of visits, `YYYYMMDD`; today by default (pass it for reproducible rows). */
  endDate?: string;
}

export interface ClinicSummary {
  patients: number;
  visits: number;
  zais: number;
  diseases: number;
  firstDate: string;
  lastDate: string;
  sequences: Sequences;
}

const OPERATOR = { termid: 'lab', opid: 'ormaster' };

/** Creates the schema when missing, then generates the clinic into the (patient-free) database. */
export async function generateClinic(client: pg.Client, options: GenerateClinicOptions): Promise<ClinicSummary> {
  const endDate = options.endDate ?? todayYmd();
  validate(options, endDate);
  const startDate = addDays(endDate, -(options.days - 1));
  if (!(await hasOrcaSchema(client))) await createOrcaSchema(client);
  const counterRows = await client.query(
    `SELECT 1 FROM tbl_syskanri WHERE hospnum = 1 AND kanricd IN ('0041', '0042', '1009')`,
  );
  if ((counterRows.rowCount ?? 0) < 3) {
    await seedOrcaSystem(client, {
      institutionCode: options.institutionCode,
      clinicName: options.clinicName,
      ymd: startDate,
    });
  }
  const existing = await client.query('SELECT 1 FROM tbl_ptinf LIMIT 1');
  if (existing.rowCount) throw new UsageError({ key: 'lab.data.notEmpty', hintKey: 'lab.data.notEmpty.hint' });

  await client.query('BEGIN');
  try {
    await writeClinicIdentity(client, {
      institutionCode: options.institutionCode,
      clinicName: options.clinicName,
      ymd: startDate,
    });
    const counters = await lockCounters(client, endDate);
    const summary = await fill(client, counters, options, startDate, endDate);
    await seedSessionRows(client, endDate);
    await writeCounters(client, counters, { ...OPERATOR, ymd: endDate, hms: '190000' });
    await client.query('COMMIT');
    return { ...summary, sequences: { ...counters.values } };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

function validate(options: GenerateClinicOptions, endDate: string): void {
  const checks: [string, unknown, boolean][] = [
    [
      'patients',
      options.patients,
      Number.isInteger(options.patients) && options.patients >= 1 && options.patients <= 500_000,
    ],
    ['days', options.days, Number.isInteger(options.days) && options.days >= 1 && options.days <= 3660],
    ['endDate', endDate, /^\d{8}$/.test(endDate) && ymdOfDay(dayNumber(endDate)) === endDate],
  ];
  for (const [option, value, ok] of checks) {
    if (!ok)
      throw new UsageError({
        key: 'lab.data.badOption',
        params: { option, value: String(value) },
        hintKey: 'lab.data.badOption.hint',
      });
  }
}

async function fill(
  client: pg.Client,
  counters: LockedCounters,
  options: GenerateClinicOptions,
  startDate: string,
  endDate: string,
): Promise<Omit<ClinicSummary, 'sequences'>> {
  const buffer = new RowBuffer(client);
  const openDays = openDaysBetween(startDate, endDate);
  const rate = dailyVisitRate(options.patients);
  const patients = planPatients(
    Rng.derive(options.seed, 'patients'),
    counters,
    options.patients,
    openDays,
    rate,
    startDate,
  );
  const states = new Map<number, PatientState>();
  let diseases = 0;
  for (const patient of patients) {
    const state = new PatientState(patient.ptid);
    states.set(patient.ptid, state);
    const audit: Audit = { ...OPERATOR, ymd: patient.registered, hms: hmsOf(9 * 3600 + (patient.ptid % 600) * 60) };
    await buffer.add('tbl_ptnum', ptnumRow(patient, audit));
    await buffer.add('tbl_pthkninf', ...pthkninfRows(patient, audit));
    await buffer.add('tbl_hkncombi', ...hkncombiRows(patient, audit));
    if (patient.registered < startDate) {
      // Known before the period: their departments and chronic diseases date from registration.
      for (const sryka of new Set([patient.homeDept, ...patient.conditions.map((c) => c.sryka)]))
        state.recordVisit(sryka, patient.registered, audit);
      for (const [index, condition] of patient.conditions.entries()) {
        const rennum = state.nextDiseaseRennum(condition.sryka, patient.registered);
        await buffer.add(
          'tbl_ptbyomei',
          ptbyomeiRow(
            {
              ptid: patient.ptid,
              sryka: condition.sryka,
              sryymd: patient.registered,
              rennum,
              disease: condition.disease,
              hkncombi: combinationOn(patient, patient.registered).hkncombinum,
              main: index === 0,
              cured: null,
            },
            audit,
          ),
        );
        diseases += 1;
      }
    }
  }

  const rng = Rng.derive(options.seed, 'visits');
  const schedule = planSchedule(Rng.derive(options.seed, 'schedule'), patients, openDays, rate);
  let visits = 0;
  for (const [index, dayVisits] of schedule.entries()) {
    const ymd = openDays[index] as string;
    for (const visit of dayVisits) {
      diseases += await saveVisit(
        buffer,
        rng,
        counters,
        states.get(visit.patient.ptid) as PatientState,
        visit,
        ymd,
        endDate,
      );
      visits += 1;
    }
  }

  let zais = 0;
  for (const patient of patients) {
    const state = states.get(patient.ptid) as PatientState;
    zais += state.zais.size;
    await state.flushZais(buffer);
    await buffer.add(
      'tbl_ptinf',
      ptinfRow(patient, state.maxzainum, { ...OPERATOR, ymd: patient.registered, hms: '090000' }),
    );
    for (const [sryka, dept] of state.departments) {
      await buffer.add('tbl_srykarrk', srykarrkRow(patient.ptid, sryka, dept.first, dept.last, dept.audit));
    }
  }
  await buffer.flush();
  return { patients: patients.length, visits, zais, diseases, firstDate: startDate, lastDate: endDate };
}

/** Patients in ptid order; the last ones register during the period (their first visit is that day). */
function planPatients(
  rng: Rng,
  counters: LockedCounters,
  count: number,
  openDays: string[],
  rate: number,
  startDate: string,
): PatientPlan[] {
  const newCount =
    openDays.length === 0
      ? 0
      : Math.min(Math.round(count * 0.2), Math.round(openDays.length * Math.max(1, rate * 0.08)));
  const newDays = Array.from({ length: newCount }, () => rng.pick(openDays)).sort();
  const oldDays = Array.from({ length: count - newCount }, () =>
    lastOpenDay(addDays(startDate, -rng.int(1, 3650))),
  ).sort();
  const registered = [...oldDays, ...newDays];
  return registered.map((ymd) => {
    const ids = issuePatient(counters);
    return planPatient(rng, { ptid: ids.ptid, ptnum: ids.ptnum }, ymd, startDate);
  });
}

function lastOpenDay(ymd: string): string {
  let day = ymd;
  while (!isClinicOpen(day)) day = addDays(day, -1);
  return day;
}

/** Saves one visit as ORCA does; returns the number of diseases it registered. */
async function saveVisit(
  buffer: RowBuffer,
  rng: Rng,
  counters: LockedCounters,
  state: PatientState,
  visit: ScheduledVisit,
  ymd: string,
  endDate: string,
): Promise<number> {
  const { patient, sryka } = visit;
  const audit: Audit = { ...OPERATOR, ymd, hms: hmsOf(visit.time) };
  const combination = combinationOn(patient, ymd);
  const drcd = doctorFor(sryka, patient.ptid);
  const { firstVisit, firstOfMonth } = state.recordVisit(sryka, ymd, audit);
  const zais = visitZais(rng, {
    kind: visit.kind,
    sryka,
    firstVisit,
    firstOfMonth,
    conditions: patient.conditions,
    episode: visit.episode,
    rxDays: patient.rxDays,
  });
  const scope = { ptid: patient.ptid, sryka, sryym: ymd.slice(0, 6), hkncombi: combination.hkncombinum, drcd };
  const saved: { srykbn: string; zainum: number }[] = [];
  for (const zai of zais)
    saved.push({ srykbn: zai.srykbn, zainum: await state.saveZai(buffer, zai, scope, ymd, audit) });
  const record = {
    ptid: patient.ptid,
    sryka,
    sryymd: ymd,
    rennum: visit.kind === 'again' ? 2 : 1,
    kaikeiRennum: 1,
    drcd,
    hkncombinum: combination.hkncombinum,
    denpnum: issueSlip(counters),
    zais: saved,
  };
  await buffer.add('tbl_jyurrk', jyurrkRow(record, audit));
  const points = zais.reduce((sum, zai) => sum + zaiPoints(zai), 0);
  await buffer.add('tbl_syunou_main', syunouRow(record, points, combination.rate, audit));

  const newDiseases = [
    ...(firstVisit && visit.kind === 'chronic'
      ? patient.conditions.filter((c) => c.sryka === sryka).map((c) => ({ c, acute: false }))
      : []),
    ...(visit.kind === 'episode' && visit.episode ? [{ c: visit.episode, acute: true }] : []),
  ];
  for (const [index, { c, acute }] of newDiseases.entries()) {
    const cured = acute ? addDays(ymd, rng.int(7, 14)) : null;
    await buffer.add(
      'tbl_ptbyomei',
      ptbyomeiRow(
        {
          ptid: patient.ptid,
          sryka,
          sryymd: ymd,
          rennum: state.nextDiseaseRennum(sryka, ymd),
          disease: c.disease,
          hkncombi: combination.hkncombinum,
          main: index === 0 && !acute,
          cured: cured !== null && cured <= endDate ? cured : null,
        },
        audit,
      ),
    );
  }
  return newDiseases.length;
}
