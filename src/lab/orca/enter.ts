/**
 * `lab enter`: staff working in one environment's database exactly as ORCA writes it. Each registration,
 * visit, correction and renaming is its own transaction; numbers come from the locked 管理連番 rows, 剤
 * from the month's identical 剤 or `maxzainum + 1`. Optional non-copyable cases for the diff copy: a
 * corrected visit (訂正), a renamed patient (氏名変更), a patient registered without a visit (患者登録のみ).
 */
import type pg from 'pg';
import { withTransaction } from '../../adapters/postgres/connect.js';
import { readSequences } from '../../adapters/postgres/sequences-sql.js';
import type { Sequences } from '../../core/domain.js';
import { UsageError } from '../../core/errors.js';
import { BLOOD_TEST, CHRONIC_MANAGEMENT, EPISODES, INFLAMMATION_TEST, doctorFor } from './clinic-catalog.js';
import { ageOn, hmsOf, todayYmd } from './dates.js';
import {
  listPatients,
  loadPatientContext,
  registerPatientSql,
  renamePatientSql,
  type KnownPatient,
} from './enter-patient.js';
import { correctVisitSql, saveVisitSql, type SavedVisit, type VisitInput } from './enter-visit.js';
import { Rng } from './prng.js';
import { visitZais, type VisitKind } from './visit-content.js';
import type { Audit } from './zai.js';

export interface EnterVisitsOptions {
  /** Visits to enter (new patients' first visits included). */
  visits: number;
  /** How many of the visits are by newly registered patients. */
  newPatients?: number;
  seed: string | number;
  /** Visit date `YYYYMMDD`; today by default. */
  date?: string;
  /** Correct this many of the entered visits (true = 1). */
  corrected?: number | boolean;
  /** Rename this many patients who visited (true = 1). */
  renamed?: number | boolean;
  /** Register this many extra patients without a visit (true = 1). */
  registeredOnly?: number | boolean;
}

export interface PatientRef {
  ptid: number;
  patientNumber: string;
  name: string;
}

export interface EnteredVisit extends SavedVisit {
  patientNumber: string;
  name: string;
  newPatient: boolean;
}

export interface EnterSummary {
  date: string;
  visits: EnteredVisit[];
  newPatients: PatientRef[];
  registeredOnly: PatientRef[];
  renamed: { ptid: number; patientNumber: string; before: string; after: string }[];
  corrected: {
    ptid: number;
    patientNumber: string;
    sryka: string;
    sryymd: string;
    rennum: number;
    denpnum: number;
    kaikeiRennumBefore: number;
    kaikeiRennumAfter: number;
  }[];
  sequences: { before: Sequences; after: Sequences };
}

/** What a correction adds to a visit: the first of these the visit does not have yet. */
const CORRECTION_ADDITIONS = [BLOOD_TEST, INFLAMMATION_TEST, CHRONIC_MANAGEMENT];

const count = (value: number | boolean | undefined): number =>
  value === true ? 1 : value === false || value === undefined ? 0 : value;

export async function enterVisits(client: pg.Client, options: EnterVisitsOptions): Promise<EnterSummary> {
  const date = options.date ?? todayYmd();
  const wanted = {
    newPatients: count(options.newPatients),
    corrected: count(options.corrected),
    renamed: count(options.renamed),
    registeredOnly: count(options.registeredOnly),
  };
  for (const [option, value] of Object.entries({ visits: options.visits, ...wanted })) {
    if (!Number.isInteger(value) || value < 0 || value > 10_000) {
      throw new UsageError({
        key: 'lab.data.badOption',
        params: { option, value: String(value) },
        hintKey: 'lab.data.badOption.hint',
      });
    }
  }
  const rng = Rng.derive(options.seed, `enter/${date}`);
  const before = await readSequences(client, date);
  let clock = 9 * 3600;
  const audit = (): Audit => ({
    termid: 'lab-enter',
    opid: 'ormaster',
    ymd: date,
    hms: hmsOf((clock += 90 + rng.int(0, 120))),
  });
  const summary: EnterSummary = {
    date,
    visits: [],
    newPatients: [],
    registeredOnly: [],
    renamed: [],
    corrected: [],
    sequences: { before, after: before },
  };

  const known = await listPatients(client);
  const totalVisits = Math.max(options.visits, wanted.newPatients);
  const existingVisits = totalVisits - wanted.newPatients;
  if (existingVisits > 0 && known.length === 0)
    throw new UsageError({ key: 'lab.data.noPatients', hintKey: 'lab.data.noPatients.hint' });
  const visitors: { patient: KnownPatient; newPatient: boolean }[] = [];
  const pool = rng.sample(known, existingVisits);
  for (let i = 0; i < existingVisits; i += 1)
    visitors.push({ patient: pool[i % Math.max(1, pool.length)] ?? rng.pick(known), newPatient: false });

  for (let i = 0; i < wanted.newPatients; i += 1) {
    const plan = await withTransaction(client, () => registerPatientSql(client, rng, date, audit()));
    const patient = {
      ptid: plan.ptid,
      patientNumber: plan.ptnum.trim(),
      name: plan.name,
      kananame: plan.kananame,
      birthday: plan.birthday,
    };
    summary.newPatients.push({ ptid: patient.ptid, patientNumber: patient.patientNumber, name: patient.name });
    visitors.splice(rng.int(0, visitors.length), 0, { patient, newPatient: true });
  }

  const inputs = new Map<EnteredVisit, VisitInput>();
  for (const { patient, newPatient } of visitors) {
    const input = await planVisit(client, rng, patient, date);
    const saved = await withTransaction(client, () => saveVisitSql(client, input, audit()));
    const entered = { ...saved, patientNumber: patient.patientNumber, name: patient.name, newPatient };
    summary.visits.push(entered);
    inputs.set(entered, input);
  }

  for (const visit of summary.visits.slice(0, wanted.corrected)) {
    const input = inputs.get(visit) as VisitInput;
    const corrected = await withTransaction(client, () =>
      correctVisitSql(client, visit, input, CORRECTION_ADDITIONS, audit()),
    );
    summary.corrected.push({
      ptid: visit.ptid,
      patientNumber: visit.patientNumber,
      sryka: visit.sryka,
      sryymd: visit.sryymd,
      rennum: visit.rennum,
      denpnum: visit.denpnum,
      kaikeiRennumBefore: visit.kaikeiRennum,
      kaikeiRennumAfter: corrected.kaikeiRennum,
    });
    Object.assign(visit, {
      kaikeiRennum: corrected.kaikeiRennum,
      zainums: corrected.zainums,
      reusedZainums: corrected.reusedZainums,
    });
  }

  const correctedIds = new Set(summary.corrected.map((c) => c.ptid));
  const renameable = [
    ...new Map(
      visitors.filter((v) => !correctedIds.has(v.patient.ptid)).map((v) => [v.patient.ptid, v.patient]),
    ).values(),
  ];
  for (const patient of (renameable.length > 0 ? renameable : known).slice(0, wanted.renamed)) {
    const after = await withTransaction(client, () => renamePatientSql(client, rng, patient, audit()));
    summary.renamed.push({
      ptid: patient.ptid,
      patientNumber: patient.patientNumber,
      before: patient.name,
      after: after.name,
    });
  }

  for (let i = 0; i < wanted.registeredOnly; i += 1) {
    const plan = await withTransaction(client, () => registerPatientSql(client, rng, date, audit()));
    summary.registeredOnly.push({ ptid: plan.ptid, patientNumber: plan.ptnum.trim(), name: plan.name });
  }
  summary.sequences.after = await readSequences(client, date);
  return summary;
}

/** What this patient gets today: a regular visit for open chronic conditions, or a new acute problem. */
async function planVisit(client: pg.Client, rng: Rng, patient: KnownPatient, date: string): Promise<VisitInput> {
  const context = await loadPatientContext(client, patient.ptid, date);
  const child = patient.birthday !== '' && ageOn(patient.birthday, date) < 15;
  const sryka = context.departments[0] ?? (child ? '09' : '01');
  const conditions = context.conditions.filter((c) => c.sryka === sryka);
  const kind: VisitKind = conditions.length > 0 ? 'chronic' : 'episode';
  const episode = kind === 'episode' ? rng.pick(EPISODES.filter((e) => e.sryka === sryka)) : null;
  const month = await client.query(
    `SELECT 1 FROM tbl_jyurrk WHERE hospnum = 1 AND ptid = $1 AND nyugaikbn = '2' AND sryka = $2 AND substr(sryymd, 1, 6) = $3 LIMIT 1`,
    [patient.ptid, sryka, date.slice(0, 6)],
  );
  const firstVisit = !context.departments.includes(sryka);
  const zais = visitZais(rng, {
    kind,
    sryka,
    firstVisit,
    firstOfMonth: !month.rowCount,
    conditions,
    episode,
    rxDays: context.rxDays,
  });
  return {
    ptid: patient.ptid,
    patientNumber: patient.patientNumber,
    sryka,
    sryymd: date,
    drcd: doctorFor(sryka, patient.ptid),
    hkncombi: context.combination?.hkncombinum ?? 1,
    rate: context.combination?.rate ?? 30,
    zais,
    diseases: episode ? [{ condition: episode, acute: true }] : [],
  };
}
