/**
 * `lab enter`: staff working in one environment's database, each action in its own transaction with ORCA's
 * rules (`save/`), at REPEATABLE READ: registrations, 受付 and visits, plus the cases a copy must handle
 * — a second department the same day, one department under two insurances (a 公費 added), a visit of more
 * than 15 剤, an identical 剤 again in the month, an admission, an insurance change, a disease ended or
 * deleted — and the manual's cases the diff copy cannot copy: a corrected visit (訂正), a renamed patient
 * (氏名変更), a patient registered without a visit (患者登録のみ).
 */
import type pg from 'pg';
import { readSequences } from '../../adapters/postgres/sequences-sql.js';
import type { Sequences } from '../../core/domain.js';
import { UsageError } from '../../core/errors.js';
import { hmsOf, todayYmd } from './dates.js';
import { enterCases, type CaseCounts, type CaseSummary } from './enter-cases.js';
import { listPatients } from './enter-context.js';
import { enterRegular, type EnteredVisit, type PatientRef } from './enter-visits.js';
import { Rng } from './prng.js';
import type { Audit } from './save/audit.js';

export type { EnteredVisit, PatientRef } from './enter-visits.js';

export interface EnterVisitsOptions extends Partial<Record<keyof CaseCounts, number | boolean>> {
  /** Regular visits to enter (new patients' first visits included). */
  visits: number;
  /** How many of the visits are by newly registered patients. */
  newPatients?: number;
  seed: string | number;
  /** Visit date `YYYYMMDD`; today by default. */
  date?: string;
}

export interface EnterSummary extends CaseSummary {
  date: string;
  visits: EnteredVisit[];
  newPatients: PatientRef[];
  sequences: { before: Sequences; after: Sequences };
}

const CASES: readonly (keyof CaseCounts)[] = [
  'corrected',
  'renamed',
  'registeredOnly',
  'secondDepartment',
  'secondInsurance',
  'manyZai',
  'sameZaiAgain',
  'admission',
  'insuranceChange',
  'diseaseEnd',
  'diseaseDelete',
];

const count = (value: number | boolean | undefined): number =>
  value === true ? 1 : value === false || value === undefined ? 0 : value;

export async function enterVisits(client: pg.Client, options: EnterVisitsOptions): Promise<EnterSummary> {
  const date = options.date ?? todayYmd();
  const wanted = Object.fromEntries(CASES.map((c) => [c, count(options[c])])) as unknown as CaseCounts;
  const newPatients = count(options.newPatients);
  for (const [option, value] of Object.entries({ visits: options.visits, newPatients, ...wanted })) {
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
  const audit = (): Audit => ({ opid: 'ormaster', ymd: date, hms: hmsOf((clock += 90 + rng.int(0, 120))) });
  const known = await listPatients(client);
  if (options.visits > newPatients && known.length === 0)
    throw new UsageError({ key: 'lab.data.noPatients', hintKey: 'lab.data.noPatients.hint' });
  const { saves, ...regular } = await enterRegular(
    client,
    rng,
    { date, visits: options.visits, newPatients, known },
    audit,
  );
  const cases = await enterCases(client, rng, { date, wanted, known, regular: saves }, audit);
  return {
    date,
    ...regular,
    ...cases,
    sequences: { before, after: await readSequences(client, date) },
  };
}
