/**
 * The ORCA actions `lab enter` performs, each one `act` (one transaction): registering a patient, a 受付, a
 * visit save or correction, a renaming, an insurance change, a 公費, a disease ended or deleted, an admission.
 */
import type pg from 'pg';
import { DRIP, type Condition } from './clinic-catalog.js';
import { addDays } from './dates.js';
import { act } from './enter-act.js';
import { registeredNumbers } from './enter-load.js';
import { planPatient, type PatientPlan } from './patient-plan.js';
import type { Rng } from './prng.js';
import { admit, billInpatient, saveInpatientDay } from './save/admission.js';
import type { Audit } from './save/audit.js';
import { counterRow, readField } from './save/counters.js';
import { addDisease, deleteDisease, endDisease } from './save/diseases.js';
import { formatPatientNumber, issuePatient } from './save/patient-number.js';
import {
  addKohi,
  changeInsurance,
  registerPatientRows,
  renamePatientRow,
  type InsuranceInput,
  type KohiInput,
} from './save/patients.js';
import { receive, type ReceptionInput } from './save/reception.js';
import { saveOutpatientVisit, type OutpatientSave, type SavedPair } from './save/visit-save.js';
import { cellsOf, totalsOf } from './save/zai-cells.js';

const months = (...days: string[]): string[] => [...new Set(days.map((d) => d.slice(0, 6)))].sort();

/** ORCSP01 + ORCGP029: the next free patient number and id, and the patient's rows. */
export async function registerPatient(client: pg.Client, rng: Rng, date: string, audit: Audit): Promise<PatientPlan> {
  return act(client, { today: date }, async (clinic, book) => {
    const row = counterRow(clinic, '1009', date);
    const next = readField(row, 'patientSerial');
    const candidates = Array.from({ length: 20 }, (_, i) => formatPatientNumber(String(row.kanritbl), next + i + 1));
    const taken = await registeredNumbers(client, candidates);
    const ids = issuePatient(clinic, date, audit, (ptnum) => taken.has(ptnum));
    const plan = planPatient(rng, { ptid: ids.ptid, ptnum: ids.ptnum }, date, date);
    registerPatientRows(book, plan, plan.insurance, audit);
    return plan;
  });
}

export async function reception(client: pg.Client, r: ReceptionInput, date: string, audit: Audit): Promise<number> {
  return act(client, { today: date }, (clinic) => receive(clinic, r, date, audit));
}

export async function saveVisit(client: pg.Client, save: OutpatientSave, audit: Audit): Promise<SavedPair[]> {
  const patient = { ptid: save.ptid, months: months(save.sryymd) };
  return act(client, { today: save.today, patient }, (clinic, book) => saveOutpatientVisit(clinic, book, save, audit));
}

export async function rename(client: pg.Client, ptid: number, name: { name: string; kananame: string }, audit: Audit) {
  const patient = { ptid, months: months(audit.ymd) };
  await act(client, { today: audit.ymd, patient }, (_, book) =>
    renamePatientRow(book, ptid, name.name, name.kananame, audit),
  );
}

export async function newInsurance(client: pg.Client, ptid: number, insurance: InsuranceInput, audit: Audit) {
  const patient = { ptid, months: months(audit.ymd) };
  return act(client, { today: audit.ymd, patient }, (_, book) =>
    changeInsurance(book, ptid, insurance, audit.ymd, audit),
  );
}

export async function newKohi(client: pg.Client, ptid: number, kohi: KohiInput, audit: Audit): Promise<number> {
  const patient = { ptid, months: months(audit.ymd) };
  return act(client, { today: audit.ymd, patient }, (_, book) => addKohi(book, ptid, kohi, audit.ymd, audit));
}

export async function diagnose(
  client: pg.Client,
  d: { ptid: number; sryka: string; condition: Condition; hkncombi: number },
  audit: Audit,
): Promise<void> {
  const patient = { ptid: d.ptid, months: months(audit.ymd) };
  const staff = { today: audit.ymd, termid: 'lab-enter' };
  const input = { ptid: d.ptid, sryka: d.sryka, sryymd: audit.ymd, disease: d.condition.disease, hkncombi: d.hkncombi };
  await act(client, { today: audit.ymd, patient }, (_, book) =>
    addDisease(book, { ...input, main: false, nyugaikbn: '2' }, staff, audit),
  );
}

export async function closeDisease(
  client: pg.Client,
  d: { ptid: number; sryka: string; sryymd: string; rennum: number; deleted: boolean },
  audit: Audit,
): Promise<void> {
  const patient = { ptid: d.ptid, months: months(audit.ymd) };
  const staff = { today: audit.ymd, termid: 'lab-enter' };
  const key = { hospnum: 1, ptid: d.ptid, sryka: d.sryka, sryymd: d.sryymd, rennum: d.rennum };
  await act(client, { today: audit.ymd, patient }, (_, book) =>
    d.deleted
      ? deleteDisease(book, key, staff, audit)
      : endDisease(book, key, { tenkikbn: '1', tenkiymd: audit.ymd }, staff, audit),
  );
}

/** 入院: admission, a daily drip for `days` days, and the stay billed on the last day (0042). */
export async function admitPatient(
  client: pg.Client,
  a: { ptid: number; drcd: string; hkncombinum: number; rate: number; date: string; days: number },
  audit: Audit,
): Promise<{ rrknum: number; denpnum: number; last: string }> {
  const last = addDays(a.date, a.days - 1);
  const patient = { ptid: a.ptid, months: months(a.date, last) };
  return act(client, { today: last, patient }, (clinic, book) => {
    const hkncombinum = String(a.hkncombinum).padStart(4, '0');
    const stay = admit(
      book,
      { ptid: a.ptid, sryka: '01', drcd: a.drcd, hkncombinum, btunum: '01', brmnum: '101', nyuinymd: a.date },
      audit,
    );
    for (let d = 0; d < a.days; d++) {
      const day = addDays(a.date, d);
      saveInpatientDay(
        book,
        { ptid: a.ptid, sryka: '01', sryymd: day, hkncombinum, drcd: a.drcd, zais: [DRIP] },
        { ...audit, ymd: day },
      );
    }
    const points = a.days * totalsOf(DRIP, cellsOf(DRIP)).zaiten;
    const bill = { ptid: a.ptid, sryka: '01', hkncombinum, drcd: a.drcd, from: a.date, to: last, points, rate: a.rate };
    const denpnum = billInpatient(clinic, book, { ...bill, rrknum: stay.rrknum, today: last }, { ...audit, ymd: last });
    return { rrknum: stay.rrknum, denpnum, last };
  });
}
