/**
 * The generator's patients entering ORCA: numbers issued in registration order (ORCSP01/ORCGP029 rules),
 * registration rows, then the planned insurance change and 公費 as the screens would write them on their
 * dates. Insurance rows never change again in the lab, so they are written at once; `tbl_ptinf` stays in the
 * patient's book (its `maxzainum` moves with every new 剤).
 */
import { Book } from '../book/book.js';
import type { RowBuffer } from '../bulk-insert.js';
import { planPatient, type PatientPlan } from '../patient-plan.js';
import type { Rng } from '../prng.js';
import type { Audit } from '../save/audit.js';
import { issuePatient } from '../save/patient-number.js';
import { addKohi, changeInsurance, registerPatientRows } from '../save/patients.js';

export interface PlannedCombination {
  hkncombinum: number;
  from: string;
  to: string;
  rate: number;
  kohi: boolean;
}

export interface GeneratedPatient {
  plan: PatientPlan;
  book: Book;
  combinations: PlannedCombination[];
}

const audit = (ymd: string): Audit => ({ opid: 'ormaster', ymd, hms: '090000' });

export async function registerPatients(
  clinic: Book,
  buffer: RowBuffer,
  rng: Rng,
  registrations: readonly string[],
  startDate: string,
): Promise<GeneratedPatient[]> {
  const issued = new Set<string>();
  const patients: GeneratedPatient[] = [];
  for (const registered of registrations) {
    const ids = issuePatient(clinic, registered, audit(registered), (ptnum) => issued.has(ptnum));
    issued.add(ids.ptnum);
    const plan = planPatient(rng, { ptid: ids.ptid, ptnum: ids.ptnum }, registered, startDate);
    const book = new Book(false);
    registerPatientRows(book, plan, plan.insurance, audit(registered));
    const change = plan.change;
    const kohi = plan.kohi;
    const applyChange = (): void =>
      void (change && changeInsurance(book, plan.ptid, change.insurance, change.on, audit(change.on)));
    const applyKohi = (): void => void (kohi && addKohi(book, plan.ptid, kohi.kohi, kohi.on, audit(kohi.on)));
    if (change && kohi && kohi.on < change.on) {
      applyKohi();
      applyChange();
    } else {
      applyChange();
      applyKohi();
    }
    const combinations = book.rows('tbl_hkncombi').map((r) => ({
      hkncombinum: Number(r.hkncombinum),
      from: String(r.tekstymd),
      to: String(r.tekedymd),
      rate: Number(r.gai_kftnrate),
      kohi: Number(r.koh1id) > 0,
    }));
    for (const table of ['tbl_ptnum', 'tbl_pthkninf', 'tbl_ptkohinf', 'tbl_hkncombi']) {
      const rows = book.take(table);
      if (rows.length > 0) await buffer.add(table, ...rows);
    }
    patients.push({ plan, book, combinations });
  }
  return patients;
}

/** The combination a visit uses on `ymd`: the newest valid one with or without 公費. */
export function combinationFor(p: GeneratedPatient, ymd: string, kohi: boolean): PlannedCombination | undefined {
  return p.combinations
    .filter((c) => c.from <= ymd && ymd <= c.to && c.kohi === kohi)
    .sort((a, b) => b.hkncombinum - a.hkncombinum)[0];
}
