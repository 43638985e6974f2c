/** The generated clinic's patients: identity, age, insurance history, home department and conditions. */
import { CONDITIONS, INSURERS, KOHI, burdenRate, type Condition, type Insurer } from './clinic-catalog.js';
import { addDays, dayNumber, ymdOfDay } from './dates.js';
import { makePatientName } from './names.js';
import type { Rng } from './prng.js';
import type { InsuranceInput, KohiInput, PatientIdentity } from './save/patients.js';

export interface PatientPlan extends PatientIdentity {
  /** The insurance at registration; a later change and a 公費 are dated events. */
  insurance: InsuranceInput;
  change?: { on: string; insurance: InsuranceInput };
  kohi?: { on: string; kohi: KohiInput };
  /** Registration date (`tbl_ptinf.creymd`). */
  registered: string;
  homeDept: string;
  conditions: Condition[];
  /** Days of each prescription (14 or 28); the regular visit interval follows from it. */
  rxDays: number;
}

const TOWNS: readonly (readonly [string, string])[] = [
  ['1540001', '東京都世田谷区池尻'],
  ['1540011', '東京都世田谷区上馬'],
  ['1560043', '東京都世田谷区松原'],
  ['1520003', '東京都目黒区碑文谷'],
  ['1550031', '東京都世田谷区北沢'],
  ['1680063', '東京都杉並区和泉'],
];

/** Draws one patient's attributes; numbers (ptid, ptnum) and the registration date come from the caller. */
export function planPatient(
  rng: Rng,
  ids: { ptid: number; ptnum: string },
  registered: string,
  refDate: string,
): PatientPlan {
  const sex = rng.chance(0.52) ? '2' : '1';
  const age = rng.weighted<[number, number]>([
    [[0, 14], 15],
    [[15, 39], 20],
    [[40, 64], 30],
    [[65, 74], 17],
    [[75, 95], 18],
  ]);
  const years = rng.int(age[0], age[1]);
  const birthday = ymdOfDay(dayNumber(refDate) - years * 365 - rng.int(0, 364));
  const { name, kananame } = makePatientName(rng, sex);
  const [post, town] = rng.pick(TOWNS);
  const homeDept =
    years < 15
      ? rng.chance(0.85)
        ? '09'
        : rng.pick(['19', '11'])
      : rng.weighted([
          ['01', 60],
          ['11', 25],
          ['19', 15],
        ]);
  const conditions = chooseConditions(rng, homeDept, years);
  const rxDays = homeDept === '11' ? 14 : rng.chance(0.25) ? 14 : 28;
  const patient: PatientPlan = {
    ...ids,
    name,
    kananame,
    sex,
    birthday,
    registered,
    homeDept,
    conditions,
    rxDays,
    homePost: post,
    homeAdrs: town,
    homeBanti: `${rng.int(1, 5)}-${rng.int(1, 30)}-${rng.int(1, 20)}`,
    homeTel: `03-${rng.digits(4)}-${rng.digits(4)}`,
    insurance: insuranceFor(rng, insurerFor(rng, years), years),
  };
  const changeOn = rng.chance(0.06) ? addDays(refDate, rng.int(-60, 30)) : null;
  if (changeOn && changeOn > registered) {
    patient.insurance = insuranceFor(rng, insurerFor(rng, Math.max(0, years - 1)), years);
    patient.change = { on: changeOn, insurance: insuranceFor(rng, insurerFor(rng, years), years) };
  }
  if (homeDept === '01' && conditions.length > 0 && rng.chance(0.05)) {
    const on = addDays(registered, rng.int(0, 400));
    patient.kohi = {
      on,
      kohi: { kohnum: KOHI.kohnum, ftnjanum: `54${rng.digits(6)}`, jkysnum: rng.digits(7), rate: KOHI.rate },
    };
  }
  return patient;
}

function chooseConditions(rng: Rng, dept: string, age: number): Condition[] {
  const own = CONDITIONS.filter((c) => c.sryka === dept);
  if (dept === '09' || own.length === 0) return [];
  const probability =
    dept === '01' ? (age >= 60 ? 0.45 : age >= 40 ? 0.2 : 0.03) : dept === '11' ? (age >= 50 ? 0.2 : 0.05) : 0.15;
  if (!rng.chance(probability)) return [];
  return rng.sample(own, dept === '01' && rng.chance(0.35) ? 2 : 1);
}

function insurerFor(rng: Rng, age: number): Insurer {
  if (age >= 75) return INSURERS.kouki;
  if (age >= 65) return INSURERS.kokuho;
  return rng.weighted<Insurer>([
    [INSURERS.kyokai, 40],
    [INSURERS.kumiai, 30],
    [INSURERS.kokuho, 30],
  ]);
}

function insuranceFor(rng: Rng, insurer: Insurer, age: number): InsuranceInput {
  return {
    hknnum: insurer.hknnum,
    hknjanum: insurer.hknjanum(rng.digits(6)),
    kigo: insurer === INSURERS.kouki ? '' : String(rng.int(1, 9999)),
    num: String(rng.int(1, 99999)),
    honkzkkbn: age < 20 || rng.chance(0.3) ? '2' : '1',
    rate: burdenRate(age),
  };
}
