/**
 * Fills an ORCA database like a real clinic (deterministic: same options → identical rows), with ORCA's own
 * rules (`save/`): patients numbered from the 1009 row, slips from 0041 (0042 for the few admissions), 剤
 * numbers from each patient's `maxzainum`, identical 剤 of a month sharing one `zainum`, 受付, 算定履歴,
 * corrections, diseases added, ended and deleted; the counters left at the last numbers issued. Rows are kept
 * in memory while ORCA could still change them and written in bulk (`gen/flush.ts`). One transaction.
 */
import type pg from 'pg';
import type { Sequences } from '../../core/domain.js';
import { UsageError } from '../../core/errors.js';
import { Book } from './book/book.js';
import { RowBuffer } from './bulk-insert.js';
import { addDays, dayNumber, isClinicOpen, todayYmd, ymdOfDay } from './dates.js';
import { admitForStay } from './gen/admissions.js';
import { Flusher } from './gen/flush.js';
import { registerPatients, type GeneratedPatient } from './gen/patients.js';
import { receiptBatchRow } from './gen/receipts.js';
import { saveDay, type DiseaseEnd } from './gen/visits.js';
import { Rng } from './prng.js';
import { counterRow, readField } from './save/counters.js';
import { addDisease, endDisease } from './save/diseases.js';
import { touchDepartmentHistory } from './save/visit-extras.js';
import { createOrcaSchema, hasOrcaSchema, seedOrcaSystem } from './schema.js';
import { seedSessionRows } from './session-rows.js';
import { writeClinicIdentity } from './system-rows.js';
import { dailyVisitRate, openDaysBetween, planSchedule, type ScheduledVisit } from './visit-schedule.js';

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
  /** Outpatient slips issued (one per department and insurance of a save). */
  visits: number;
  zais: number;
  diseases: number;
  corrections: number;
  admissions: number;
  firstDate: string;
  lastDate: string;
  sequences: Sequences;
}

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

  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
  try {
    await writeClinicIdentity(client, {
      institutionCode: options.institutionCode,
      clinicName: options.clinicName,
      ymd: startDate,
    });
    const clinic = new Book(false);
    clinic.load('tbl_syskanri', (await client.query(`SELECT * FROM tbl_syskanri WHERE hospnum = 1`)).rows);
    const summary = await fill(client, clinic, options, startDate, endDate);
    await seedSessionRows(client, endDate);
    for (const row of clinic.rows('tbl_syskanri')) {
      await client.query(
        `UPDATE tbl_syskanri SET kanritbl = $1, opid = $2, upymd = $3, uphms = $4
          WHERE hospnum = $5 AND kanricd = $6 AND kbncd = $7 AND styukymd = $8 AND edyukymd = $9`,
        [row.kanritbl, row.opid, row.upymd, row.uphms, row.hospnum, row.kanricd, row.kbncd, row.styukymd, row.edyukymd],
      );
    }
    await client.query('COMMIT');
    const at = (kanricd: string): ReturnType<typeof counterRow> => counterRow(clinic, kanricd, endDate);
    const sequences: Sequences = {
      outpatientSlip: readField(at('0041'), 'outpatientSlip'),
      inpatientSlip: readField(at('0042'), 'inpatientSlip'),
      patientSerial: readField(at('1009'), 'patientSerial'),
      patientId: readField(at('1009'), 'patientId'),
    };
    return { ...summary, sequences };
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

/** Registration dates in order: most patients before the period, the last ones on days inside it. */
function registrationDates(rng: Rng, count: number, openDays: string[], rate: number, startDate: string): string[] {
  const newCount =
    openDays.length === 0
      ? 0
      : Math.min(Math.round(count * 0.2), Math.round(openDays.length * Math.max(1, rate * 0.08)));
  const newDays = Array.from({ length: newCount }, () => rng.pick(openDays)).sort();
  const oldDays = Array.from({ length: count - newCount }, () => {
    let day = addDays(startDate, -rng.int(1, 3650));
    while (!isClinicOpen(day)) day = addDays(day, -1);
    return day;
  }).sort();
  return [...oldDays, ...newDays];
}

type Summary = Omit<ClinicSummary, 'sequences'>;

async function fill(
  client: pg.Client,
  clinic: Book,
  options: GenerateClinicOptions,
  startDate: string,
  endDate: string,
): Promise<Summary> {
  const buffer = new RowBuffer(client);
  const flusher = new Flusher(buffer);
  const openDays = openDaysBetween(startDate, endDate);
  const rate = dailyVisitRate(options.patients);
  const dates = registrationDates(
    Rng.derive(options.seed, 'registration'),
    options.patients,
    openDays,
    rate,
    startDate,
  );
  const patients = await registerPatients(clinic, buffer, Rng.derive(options.seed, 'patients'), dates, startDate);
  const byPtid = new Map(patients.map((p) => [p.plan.ptid, p]));
  const summary: Summary = {
    patients: patients.length,
    visits: 0,
    zais: 0,
    diseases: 0,
    corrections: 0,
    admissions: 0,
    firstDate: startDate,
    lastDate: endDate,
  };
  for (const p of patients) if (p.plan.registered < startDate) summary.diseases += knownBefore(p);

  const rng = Rng.derive(options.seed, 'visits');
  const schedule = planSchedule(
    Rng.derive(options.seed, 'schedule'),
    patients.map((p) => p.plan),
    openDays,
    rate,
  );
  let ends: DiseaseEnd[] = [];
  let month = startDate.slice(0, 6);
  for (const [index, ymd] of openDays.entries()) {
    if (ymd.slice(0, 6) !== month) {
      const batch = receiptBatchRow(month, ymd);
      if (batch && batch.creymd <= endDate) clinic.insert('tbl_recekanri', batch);
      month = ymd.slice(0, 6);
      for (const p of patients) await flusher.flushMonths(p.book, month);
    }
    const due = ends.filter((e) => e.on <= ymd);
    ends = ends.filter((e) => e.on > ymd);
    for (const end of due) {
      const book = byPtid.get(end.ptid)?.book;
      const audit = { opid: 'ormaster', ymd: end.on, hms: '120000' };
      if (book?.get('tbl_ptbyomei', end.key)?.dltflg === '') {
        endDisease(book, end.key, { tenkikbn: '1', tenkiymd: end.on }, { today: end.on, termid: '' }, audit);
      }
    }
    for (const group of groupByPatient(schedule[index] ?? [])) {
      const p = byPtid.get(group[0]!.patient.ptid) as GeneratedPatient;
      const day = saveDay(clinic, rng, p, group, ymd, endDate);
      summary.visits += day.counts.slips;
      summary.diseases += day.counts.diseases;
      summary.corrections += day.counts.corrections;
      ends.push(...day.ends);
      if (group.some((v) => v.kind === 'chronic' && v.sryka === '01') && rng.chance(0.0005)) {
        if (admitForStay(clinic, p, ymd)) summary.admissions += 1;
      }
    }
    const uketuke = clinic.take('tbl_uketuke');
    if (uketuke.length > 0) await buffer.add('tbl_uketuke', ...uketuke);
  }
  for (const p of patients) {
    summary.zais += Number(p.book.get('tbl_ptinf', { hospnum: 1, ptid: p.plan.ptid })?.maxzainum ?? 0);
    await flusher.flushMonths(p.book, '');
    await flusher.flushPatient(p.book);
  }
  const receipts = clinic.take('tbl_recekanri');
  if (receipts.length > 0) await buffer.add('tbl_recekanri', ...receipts);
  await buffer.flush();
  return summary;
}

/** A patient known before the period: departments and chronic diseases date from registration. */
function knownBefore(p: GeneratedPatient): number {
  const audit = { opid: 'ormaster', ymd: p.plan.registered, hms: '090000' };
  const departments = new Set([p.plan.homeDept, ...p.plan.conditions.map((c) => c.sryka)]);
  for (const sryka of departments) {
    const visit = { ptid: p.plan.ptid, sryka, sryymd: p.plan.registered, firstVisitCode: true, correction: false };
    touchDepartmentHistory(p.book, visit, audit);
  }
  p.plan.conditions.forEach((condition, index) => {
    const input = { ptid: p.plan.ptid, sryka: condition.sryka, sryymd: p.plan.registered, disease: condition.disease };
    addDisease(
      p.book,
      { ...input, hkncombi: 1, main: index === 0, nyugaikbn: '2' },
      { today: p.plan.registered, termid: '' },
      audit,
    );
  });
  return p.plan.conditions.length;
}

/** A day's visits as saves: a patient's visits together, a later return the same day on its own. */
function groupByPatient(visits: readonly ScheduledVisit[]): ScheduledVisit[][] {
  const groups: ScheduledVisit[][] = [];
  const open = new Map<number, ScheduledVisit[]>();
  for (const visit of visits) {
    if (visit.kind === 'again') {
      groups.push([visit]);
      continue;
    }
    const group = open.get(visit.patient.ptid);
    if (group) {
      if (!group.some((v) => v.sryka === visit.sryka)) group.push(visit);
      continue;
    }
    const fresh = [visit];
    open.set(visit.patient.ptid, fresh);
    groups.push(fresh);
  }
  return groups;
}
