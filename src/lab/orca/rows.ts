/** Row builders for patients, insurance, visits, slips and diseases (column names as in `schema-ddl.ts`). */
import type { Disease } from './clinic-catalog.js';
import { auditColumns, HOSPNUM, OUTPATIENT, type Audit, type Row } from './zai.js';

export interface Insurance {
  hknid: number;
  hknnum: string;
  hknjanum: string;
  kigo: string;
  num: string;
  honkzkkbn: string;
  tekstymd: string;
  tekedymd: string;
}

export interface Combination {
  hkncombinum: number;
  hknid: number;
  hknnum: string;
  tekstymd: string;
  tekedymd: string;
  rate: number;
}

export interface PatientRecord {
  ptid: number;
  ptnum: string;
  name: string;
  kananame: string;
  sex: '1' | '2';
  birthday: string;
  homePost: string;
  homeAdrs: string;
  homeBanti: string;
  homeTel: string;
  insurances: Insurance[];
  combinations: Combination[];
}

export function ptinfRow(p: PatientRecord, maxzainum: number, audit: Audit): Row {
  return {
    hospnum: HOSPNUM,
    ptid: p.ptid,
    kananame: p.kananame,
    name: p.name,
    nickname: null,
    sex: p.sex,
    birthday: p.birthday,
    deathkbn: '0',
    home_post: p.homePost,
    home_adrs: p.homeAdrs,
    home_banti: p.homeBanti,
    home_tel1: p.homeTel,
    tstptnumkbn: '0',
    maxzainum,
    rrknum: 0,
    rrkedanum: 0,
    ...auditColumns(audit),
  };
}

export function ptnumRow(p: PatientRecord, audit: Audit): Row {
  return {
    hospnum: HOSPNUM,
    ptid: p.ptid,
    ptnum: p.ptnum,
    hknid: Math.max(0, ...p.insurances.map((i) => i.hknid)),
    kohid: 0,
    autocombinum: p.combinations.length,
    manucombinum: 0,
    tstptnumkbn: '0',
    ...auditColumns(audit),
  };
}

export function pthkninfRows(p: PatientRecord, audit: Audit): Row[] {
  return p.insurances.map((i) => ({
    hospnum: HOSPNUM,
    ptid: p.ptid,
    hknid: i.hknid,
    hknnum: i.hknnum,
    hknjanum: i.hknjanum,
    kigo: i.kigo,
    num: i.num,
    edaban: '00',
    honkzkkbn: i.honkzkkbn,
    hihknjaname: null,
    tekstymd: i.tekstymd,
    tekedymd: i.tekedymd,
    ...auditColumns(audit),
  }));
}

export function hkncombiRows(p: PatientRecord, audit: Audit): Row[] {
  return p.combinations.map((c) => ({
    hospnum: HOSPNUM,
    ptid: p.ptid,
    hkncombinum: c.hkncombinum,
    hknid: c.hknid,
    hknnum: c.hknnum,
    koh1id: 0,
    koh2id: 0,
    koh3id: 0,
    koh4id: 0,
    tekstymd: c.tekstymd,
    tekedymd: c.tekedymd,
    hknftnrate: c.rate,
    ...auditColumns(audit),
  }));
}

export interface VisitKey {
  ptid: number;
  sryka: string;
  sryymd: string;
  rennum: number;
  kaikeiRennum: number;
}

export interface VisitRecord extends VisitKey {
  drcd: string;
  hkncombinum: number;
  denpnum: number;
  /** The visit's 剤 in entry order: 診療区分 and 剤番号. */
  zais: { srykbn: string; zainum: number }[];
}

const SRYKBN_KEYS = Array.from({ length: 11 }, (_, i) => `srykbn${i + 1}`);
const ZAINUM_KEYS = Array.from({ length: 15 }, (_, i) => `zainum${i + 1}`);

/** One `tbl_jyurrk` row (edanum 1; visits here never exceed 15 剤). */
export function jyurrkRow(v: VisitRecord, audit: Audit): Row {
  const row: Row = {
    hospnum: HOSPNUM,
    ptid: v.ptid,
    nyugaikbn: OUTPATIENT,
    sryka: v.sryka,
    sryymd: v.sryymd,
    rennum: v.rennum,
    douji_rennum: 0,
    kaikei_rennum: v.kaikeiRennum,
    edanum: 1,
    drcd: v.drcd,
    hkncombinum: String(v.hkncombinum).padStart(4, '0'),
    hknkbn: '0',
    denpnum: v.denpnum,
    grp_denpnum: 0,
    grp_rennum: 0,
    syu_updkbn: ' ',
  };
  const kinds = [...new Set(v.zais.map((z) => z.srykbn))];
  SRYKBN_KEYS.forEach((key, i) => (row[key] = kinds[i] ?? null));
  ZAINUM_KEYS.forEach((key, i) => (row[key] = v.zais[i]?.zainum ?? 0));
  return Object.assign(row, auditColumns(audit));
}

/** The 収納 row of a visit's slip: points, charge at the burden rate (rounded to 10 yen), paid in full. */
export function syunouRow(v: VisitRecord, points: number, rate: number, audit: Audit): Row {
  const money = points * 10;
  const charge = Math.round((money * rate) / 100 / 10) * 10;
  return {
    hospnum: HOSPNUM,
    nyugaikbn: OUTPATIENT,
    ptid: v.ptid,
    denpnum: v.denpnum,
    sryka: v.sryka,
    sryymd: v.sryymd,
    denpjtikbn: '1',
    createkbn: '1',
    skystymd: v.sryymd,
    skyedymd: v.sryymd,
    hkncombinum: String(v.hkncombinum).padStart(4, '0'),
    ptftnrate: rate,
    total_hknten: points,
    total_money: money,
    grp_denpnum: 0,
    douji_denpnum: 0,
    fuku_denpnum: 0,
    skymoney: charge,
    nyukin_total: charge,
    nyukin_kaisu: 1,
    drcd: v.drcd,
    skynyukinkbn: '1',
    ...auditColumns(audit),
  };
}

export function srykarrkRow(ptid: number, sryka: string, firstYmd: string, lastYmd: string, audit: Audit): Row {
  return {
    hospnum: HOSPNUM,
    ptid,
    sryka,
    syosinymd1: firstYmd,
    syosinymd2: null,
    lastymd: lastYmd,
    ...auditColumns(audit),
  };
}

export interface DiseaseRecord {
  ptid: number;
  sryka: string;
  /** 診療開始日. */
  sryymd: string;
  rennum: number;
  disease: Disease;
  hkncombi: number;
  main: boolean;
  /** 転帰: '1' 治癒 with its date, or null while it continues. */
  cured: string | null;
}

export function ptbyomeiRow(d: DiseaseRecord, audit: Audit): Row {
  const row: Row = {
    hospnum: HOSPNUM,
    ptid: d.ptid,
    sryka: d.sryka,
    sryymd: d.sryymd,
    rennum: d.rennum,
    khnbyomeicd: d.disease.code,
    byomeicdsu: 1,
    utagaiflg: ' ',
    syubyoflg: d.main ? '1' : ' ',
    manseikbn: 0,
    nyugaikbn: OUTPATIENT,
    hkncombi: d.hkncombi,
    kohid: 0,
    rezeflg: ' ',
    rezemm: 0,
    tenkikbn: d.cured ? '1' : ' ',
    tenkiymd: d.cured ?? '',
    byomei: d.disease.name,
    byomeimoji: Array.from(d.disease.name).length,
    chartbyomei: null,
    chartbyomeimoji: 0,
    seqnum: 0,
    class1: 0,
    class2: 0,
    dltflg: null,
    crehms: audit.hms,
  };
  for (let i = 1; i <= 6; i += 1) row[`byomeiinputcd_${i}`] = i === 1 ? d.disease.inputCode : null;
  for (let i = 1; i <= 21; i += 1) row[`byomeicd_${i}`] = i === 1 ? d.disease.code : null;
  return { ...row, ...auditColumns(audit) };
}
