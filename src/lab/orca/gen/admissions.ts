/**
 * The generator's few admissions (an 有床診療所's beds): an older 内科 patient is admitted for three days
 * with a daily drip, then billed for the stay on the last day with an inpatient slip (0042).
 */
import { DRIP, doctorFor } from '../clinic-catalog.js';
import { addDays } from '../dates.js';
import type { Book } from '../book/book.js';
import { admit, billInpatient, saveInpatientDay } from '../save/admission.js';
import type { Audit } from '../save/audit.js';
import { cellsOf, totalsOf } from '../save/zai-cells.js';
import { combinationFor, type GeneratedPatient } from './patients.js';

const STAY_DAYS = 3;

export function admitForStay(clinic: Book, p: GeneratedPatient, ymd: string): boolean {
  const combination = combinationFor(p, ymd, false);
  if (!combination) return false;
  const hkncombinum = String(combination.hkncombinum).padStart(4, '0');
  const drcd = doctorFor('01', p.plan.ptid);
  const audit = (day: string, hms: string): Audit => ({ opid: 'ormaster', ymd: day, hms });
  const stay = admit(
    p.book,
    { ptid: p.plan.ptid, sryka: '01', drcd, hkncombinum, btunum: '01', brmnum: '101', nyuinymd: ymd },
    audit(ymd, '100000'),
  );
  let points = 0;
  for (let d = 0; d < STAY_DAYS; d++) {
    const day = addDays(ymd, d);
    saveInpatientDay(
      p.book,
      { ptid: p.plan.ptid, sryka: '01', sryymd: day, hkncombinum, drcd, zais: [DRIP] },
      audit(day, '110000'),
    );
    points += totalsOf(DRIP, cellsOf(DRIP)).zaiten;
  }
  const last = addDays(ymd, STAY_DAYS - 1);
  const history = p.book.get('tbl_ptnyuinrrk', {
    hospnum: 1,
    ptid: p.plan.ptid,
    rrknum: stay.rrknum,
    rrkedanum: stay.rrkedanum,
  });
  if (history) p.book.update('tbl_ptnyuinrrk', { ...history, taiinymd: last, upymd: last, uphms: '150000' });
  const bill = {
    ptid: p.plan.ptid,
    sryka: '01',
    hkncombinum,
    drcd,
    from: ymd,
    to: last,
    points,
    rate: combination.rate,
  };
  billInpatient(clinic, p.book, { ...bill, rrknum: stay.rrknum, today: last }, audit(last, '160000'));
  return true;
}
