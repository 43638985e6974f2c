/**
 * `lab enter`'s regular visits: new patients registered first (ORCSP01 numbers), then each visitor's 受付
 * and save, with the 剤 their situation calls for (`visit-content.ts`) — a 公費 patient's prescription under
 * the 公費 combination — and a new acute problem registered as a disease.
 */
import type pg from 'pg';
import { EPISODES, doctorFor, type ZaiTemplate } from './clinic-catalog.js';
import { ageOn } from './dates.js';
import { loadPatientContext, type KnownPatient, type PatientContext } from './enter-context.js';
import { diagnose, reception, registerPatient, saveVisit } from './enter-actions.js';
import type { Rng } from './prng.js';
import type { Audit } from './save/audit.js';
import type { OutpatientSave, SavedPair, VisitPair } from './save/visit-save.js';
import { visitZais, type VisitKind } from './visit-content.js';

export interface PatientRef {
  ptid: number;
  patientNumber: string;
  name: string;
}

export interface EnteredVisit extends PatientRef, SavedPair {
  sryymd: string;
  newPatient: boolean;
  /** What the save exercises: a regular visit or one of the cases (`enter-cases.ts`). */
  case: string;
}

export interface EnteredSave {
  save: OutpatientSave;
  visits: EnteredVisit[];
}

const pad = (n: number): string => String(n).padStart(4, '0');

/** The pairs of a visit: the insurance alone, and a 公費 patient's prescriptions under the 公費 combination. */
export function pairsFor(context: PatientContext, sryka: string, drcd: string, zais: ZaiTemplate[]): VisitPair[] {
  const insurance = context.insurance ?? { hkncombinum: 1, rate: 30 };
  const rx = context.kohi ? zais.filter((z) => z.srykbn === '21') : [];
  const pairs: VisitPair[] = [
    {
      hkncombinum: pad(insurance.hkncombinum),
      sryka,
      drcd,
      rate: insurance.rate,
      zais: zais.filter((z) => !rx.includes(z)),
    },
  ];
  if (context.kohi && rx.length > 0) {
    pairs.push({ hkncombinum: pad(context.kohi.hkncombinum), sryka, drcd, rate: context.kohi.rate, zais: rx });
  }
  return pairs;
}

/** What a patient gets today in `sryka` (their latest department by default). */
export async function planVisit(
  client: pg.Client,
  rng: Rng,
  patient: KnownPatient,
  date: string,
  sryka?: string,
): Promise<{
  context: PatientContext;
  sryka: string;
  drcd: string;
  zais: ZaiTemplate[];
  episode: (typeof EPISODES)[number] | null;
}> {
  const context = await loadPatientContext(client, patient.ptid, date);
  const child = patient.birthday !== '' && ageOn(patient.birthday, date) < 15;
  const department = sryka ?? context.departments[0] ?? (child ? '09' : '01');
  const conditions = context.conditions.filter((c) => c.sryka === department);
  const kind: VisitKind = conditions.length > 0 ? 'chronic' : 'episode';
  const episode = kind === 'episode' ? rng.pick(EPISODES.filter((e) => e.sryka === department)) : null;
  const month = await client.query(
    `SELECT 1 FROM tbl_jyurrk WHERE hospnum = 1 AND ptid = $1 AND nyugaikbn = '2' AND sryka = $2 AND substr(sryymd, 1, 6) = $3 LIMIT 1`,
    [patient.ptid, department, date.slice(0, 6)],
  );
  const zais = visitZais(rng, {
    kind,
    sryka: department,
    firstVisit: !context.departments.includes(department),
    firstOfMonth: !month.rowCount,
    conditions,
    episode,
    rxDays: context.rxDays,
  });
  return { context, sryka: department, drcd: doctorFor(department, patient.ptid), zais, episode };
}

/** 受付 for each department of the save, the save, then the day's new disease. */
export async function enterSave(
  client: pg.Client,
  patient: PatientRef & { newPatient: boolean },
  save: OutpatientSave,
  label: string,
  audit: () => Audit,
): Promise<EnteredSave> {
  for (const sryka of new Set(save.pairs.map((p) => p.sryka))) {
    const pair = save.pairs.find((p) => p.sryka === sryka) as VisitPair;
    const at = audit();
    await reception(
      client,
      {
        ptid: patient.ptid,
        name: patient.name,
        sryka,
        drcd: pair.drcd,
        hkncombi: Number(pair.hkncombinum),
        uketime: at.hms,
      },
      save.today,
      at,
    );
  }
  const saved = await saveVisit(client, save, audit());
  return {
    save,
    visits: saved.map((s) => ({
      ptid: patient.ptid,
      patientNumber: patient.patientNumber,
      name: patient.name,
      newPatient: patient.newPatient,
      sryymd: save.sryymd,
      case: label,
      ...s,
    })),
  };
}

export async function enterRegular(
  client: pg.Client,
  rng: Rng,
  o: { date: string; visits: number; newPatients: number; known: KnownPatient[] },
  audit: () => Audit,
): Promise<{ visits: EnteredVisit[]; newPatients: PatientRef[]; saves: EnteredSave[] }> {
  const existing = Math.max(0, Math.max(o.visits, o.newPatients) - o.newPatients);
  const pool = rng.sample(o.known, existing);
  const visitors: { patient: KnownPatient; newPatient: boolean }[] = [];
  for (let i = 0; i < existing; i++)
    visitors.push({ patient: pool[i % Math.max(1, pool.length)] ?? rng.pick(o.known), newPatient: false });
  const newPatients: PatientRef[] = [];
  for (let i = 0; i < o.newPatients; i++) {
    const plan = await registerPatient(client, rng, o.date, audit());
    const patient = {
      ptid: plan.ptid,
      patientNumber: plan.ptnum,
      name: plan.name,
      kananame: plan.kananame,
      birthday: plan.birthday,
    };
    newPatients.push({ ptid: patient.ptid, patientNumber: patient.patientNumber, name: patient.name });
    visitors.splice(rng.int(0, visitors.length), 0, { patient, newPatient: true });
  }
  const saves: EnteredSave[] = [];
  for (const { patient, newPatient } of visitors) {
    const plan = await planVisit(client, rng, patient, o.date);
    const save = {
      ptid: patient.ptid,
      sryymd: o.date,
      today: o.date,
      termid: 'lab-enter',
      pairs: pairsFor(plan.context, plan.sryka, plan.drcd, plan.zais),
    };
    const entered = await enterSave(client, { ...patient, newPatient }, save, 'regular', audit);
    saves.push(entered);
    if (plan.episode) {
      const hkncombi = Number(save.pairs[0]?.hkncombinum ?? 1);
      await diagnose(client, { ptid: patient.ptid, sryka: plan.sryka, condition: plan.episode, hkncombi }, audit());
    }
  }
  return { visits: saves.flatMap((s) => s.visits), newPatients, saves };
}
