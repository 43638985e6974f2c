/**
 * The cases `lab enter` adds on request, each done the way ORCA's screens would (`enter-actions.ts`):
 * corrections of today's saves, renamings, registrations without a visit, a second department in one save
 * (two slips and the combined 複数科まとめ slip), one department under the insurance and a newly added 公費
 * (`douji_rennum` 1 and 2), a full work-up of more than 15 剤 (`edanum` 2), a 剤 of earlier this month entered
 * again (its `zainum` reused), an admission with its inpatient slip, an insurance change, a disease ended
 * (治ゆ) or deleted.
 */
import type pg from 'pg';
import {
  BLOOD_TEST,
  CHRONIC_MANAGEMENT,
  INFLAMMATION_TEST,
  KOHI,
  WORK_UP,
  doctorFor,
  type ZaiTemplate,
} from './clinic-catalog.js';
import { ageOn } from './dates.js';
import {
  admitPatient,
  closeDisease,
  newInsurance,
  newKohi,
  registerPatient,
  rename,
  saveVisit,
} from './enter-actions.js';
import { loadPatientContext, zaiOfMonth, type KnownPatient } from './enter-context.js';
import {
  enterSave,
  pairsFor,
  planVisit,
  type EnteredSave,
  type EnteredVisit,
  type PatientRef,
} from './enter-visits.js';
import { renamePatient } from './names.js';
import type { Rng } from './prng.js';
import type { Audit } from './save/audit.js';

export interface CaseCounts {
  corrected: number;
  renamed: number;
  registeredOnly: number;
  secondDepartment: number;
  secondInsurance: number;
  manyZai: number;
  sameZaiAgain: number;
  admission: number;
  insuranceChange: number;
  diseaseEnd: number;
  diseaseDelete: number;
}

export interface CaseSummary {
  registeredOnly: PatientRef[];
  renamed: (PatientRef & { before: string; after: string })[];
  corrected: (EnteredVisit & { kaikeiRennumBefore: number })[];
  caseVisits: EnteredVisit[];
  admissions: (PatientRef & { rrknum: number; denpnum: number; from: string; to: string })[];
  insuranceChanges: (PatientRef & { hkncombinum: number })[];
  diseases: (PatientRef & { sryka: string; sryymd: string; rennum: number; outcome: 'ended' | 'deleted' })[];
}

/** What a correction adds to a visit: the first of these the visit does not have yet. */
const ADDITIONS = [BLOOD_TEST, INFLAMMATION_TEST, CHRONIC_MANAGEMENT];

const ref = (p: KnownPatient): PatientRef => ({ ptid: p.ptid, patientNumber: p.patientNumber, name: p.name });

export async function enterCases(
  client: pg.Client,
  rng: Rng,
  o: { date: string; wanted: CaseCounts; known: KnownPatient[]; regular: EnteredSave[] },
  audit: () => Audit,
): Promise<CaseSummary> {
  const out: CaseSummary = {
    registeredOnly: [],
    renamed: [],
    corrected: [],
    caseVisits: [],
    admissions: [],
    insuranceChanges: [],
    diseases: [],
  };
  const date = o.date;
  const someone = (): KnownPatient => rng.pick(o.known);
  const save = async (p: KnownPatient, pairs: Awaited<ReturnType<typeof pairsFor>>, label: string): Promise<void> => {
    const s = { ptid: p.ptid, sryymd: date, today: date, termid: 'lab-enter', pairs };
    out.caseVisits.push(...(await enterSave(client, { ...ref(p), newPatient: false }, s, label, audit)).visits);
  };

  for (const entered of o.regular.filter((s) => s.save.pairs.length === 1).slice(0, o.wanted.corrected)) {
    const pair = entered.save.pairs[0]!;
    const added = ADDITIONS.find((a) => !pair.zais.includes(a));
    const zais: ZaiTemplate[] = added ? [...pair.zais, added] : [...pair.zais];
    const old = entered.visits[0]!;
    const correction = { ptid: old.ptid, denpnum: old.denpnum, sryymd: date, hkncombinum: pair.hkncombinum };
    const [after] = await saveVisit(client, { ...entered.save, pairs: [{ ...pair, zais }], correction }, audit());
    out.corrected.push({ ...old, ...after!, kaikeiRennumBefore: old.kaikeiRennum });
  }
  for (let i = 0; i < o.wanted.secondDepartment && o.known.length > 0; i++) {
    const p = someone();
    const first = await planVisit(client, rng, p, date);
    const other = first.sryka === '19' ? '11' : '19';
    const second = await planVisit(client, rng, p, date, other);
    await save(
      p,
      [
        ...pairsFor(first.context, first.sryka, first.drcd, first.zais).slice(0, 1),
        ...pairsFor(second.context, other, second.drcd, second.zais).slice(0, 1),
      ],
      'second-department',
    );
  }
  for (let i = 0; i < o.wanted.secondInsurance && o.known.length > 0; i++) {
    const p = rng.pick(o.known.filter((k) => k.birthday !== '' && ageOn(k.birthday, date) >= 15)) ?? o.known[0]!;
    const context = await loadPatientContext(client, p.ptid, date);
    if (!context.kohi)
      await newKohi(
        client,
        p.ptid,
        { kohnum: KOHI.kohnum, ftnjanum: `54${rng.digits(6)}`, jkysnum: rng.digits(7), rate: KOHI.rate },
        audit(),
      );
    const plan = await planVisit(client, rng, p, date, '01');
    const rx: ZaiTemplate = {
      srykbn: '21',
      srysyukbn: '210',
      codes: [['622224901', 1, 1]],
      zaikaisu: plan.context.rxDays,
    };
    const zais = plan.zais.some((z) => z.srykbn === '21') ? plan.zais : [...plan.zais, rx];
    await save(p, pairsFor(plan.context, '01', plan.drcd, zais), 'second-insurance');
  }
  for (let i = 0; i < o.wanted.manyZai && o.known.length > 0; i++) {
    const p = someone();
    const plan = await planVisit(client, rng, p, date);
    await save(p, pairsFor(plan.context, plan.sryka, plan.drcd, [...plan.zais, ...WORK_UP]), 'many-zai');
  }
  for (let i = 0; i < o.wanted.sameZaiAgain; i++) {
    const candidates = await client.query<{ ptid: string }>(
      `SELECT DISTINCT ptid FROM tbl_sryacct_main WHERE hospnum = 1 AND nyugaikbn = '2' AND sryym = $1 AND hkncombi <> 9999 ORDER BY ptid`,
      [date.slice(0, 6)],
    );
    const ptid = Number(rng.pick(candidates.rows)?.ptid ?? 0);
    const p = o.known.find((k) => k.ptid === ptid);
    const again = p ? await zaiOfMonth(client, p.ptid, date.slice(0, 6)) : null;
    if (!p || !again) continue;
    const context = await loadPatientContext(client, p.ptid, date);
    const pair = {
      hkncombinum: String(again.hkncombi).padStart(4, '0'),
      sryka: again.sryka,
      drcd: doctorFor(again.sryka, p.ptid),
      rate: context.insurance?.rate ?? 30,
      zais: [again.zai],
    };
    await save(p, [pair], 'same-zai-again');
  }
  for (let i = 0; i < o.wanted.admission && o.known.length > 0; i++) {
    const p = someone();
    const context = await loadPatientContext(client, p.ptid, date);
    const insurance = context.insurance ?? { hkncombinum: 1, rate: 30 };
    const stay = await admitPatient(
      client,
      { ptid: p.ptid, drcd: doctorFor('01', p.ptid), ...insurance, date, days: 3 },
      audit(),
    );
    out.admissions.push({ ...ref(p), rrknum: stay.rrknum, denpnum: stay.denpnum, from: date, to: stay.last });
  }
  for (let i = 0; i < o.wanted.insuranceChange && o.known.length > 0; i++) {
    const p = someone();
    const insurance = {
      hknnum: '060',
      hknjanum: rng.digits(6),
      kigo: String(rng.int(1, 9999)),
      num: String(rng.int(1, 99999)),
      honkzkkbn: '1',
      rate: 30,
    };
    out.insuranceChanges.push({ ...ref(p), hkncombinum: await newInsurance(client, p.ptid, insurance, audit()) });
  }
  for (const outcome of ['ended', 'deleted'] as const) {
    const wanted = outcome === 'ended' ? o.wanted.diseaseEnd : o.wanted.diseaseDelete;
    for (let i = 0; i < wanted; i++) {
      for (const p of rng.sample(o.known, o.known.length)) {
        const disease = (await loadPatientContext(client, p.ptid, date)).openDiseases[0];
        if (!disease) continue;
        await closeDisease(client, { ptid: p.ptid, ...disease, deleted: outcome === 'deleted' }, audit());
        out.diseases.push({ ...ref(p), ...disease, outcome });
        break;
      }
    }
  }
  const renameable = [
    ...new Map(
      o.regular
        .flatMap((s) => s.visits)
        .filter((v) => !out.corrected.some((c) => c.ptid === v.ptid))
        .map((v) => [v.ptid, v]),
    ).values(),
  ];
  for (const v of (renameable.length > 0 ? renameable : o.known.map(ref)).slice(0, o.wanted.renamed)) {
    const known = o.known.find((k) => k.ptid === v.ptid) ?? { ...v, kananame: '', birthday: '' };
    const renamed = renamePatient(rng, known);
    await rename(client, v.ptid, renamed, audit());
    out.renamed.push({ ...ref(known), before: known.name, after: renamed.name });
  }
  for (let i = 0; i < o.wanted.registeredOnly; i++) {
    const plan = await registerPatient(client, rng, date, audit());
    out.registeredOnly.push({ ptid: plan.ptid, patientNumber: plan.ptnum, name: plan.name });
  }
  return out;
}
