/**
 * What the generated clinic does: departments and doctors, 剤 templates, chronic conditions and acute
 * episodes, insurers. Department codes are ORCA's 診療科コード (01 内科, 09 小児科, 11 整形外科, 19 皮膚科);
 * the 診療行為 / 薬剤 / 病名 codes have the real shapes (9 and 7 digits) and plausible values, and the
 * points are realistic magnitudes; none of it is meant for billing.
 */

export interface Department {
  sryka: string;
  name: string;
  doctors: readonly string[];
}

export const DEPARTMENTS: readonly Department[] = [
  { sryka: '01', name: '内科', doctors: ['10001', '10002'] },
  { sryka: '09', name: '小児科', doctors: ['10003'] },
  { sryka: '11', name: '整形外科', doctors: ['10004'] },
  { sryka: '19', name: '皮膚科', doctors: ['10005'] },
];

/** A patient's regular doctor in a department. */
export function doctorFor(sryka: string, ptid: number): string {
  const doctors = DEPARTMENTS.find((d) => d.sryka === sryka)?.doctors ?? ['10001'];
  return doctors[ptid % doctors.length] as string;
}

/** One code line of a 剤: code, quantity, count. */
export type CodeLine = readonly [srycd: string, suryo: number, kaisu: number];

export interface ZaiTemplate {
  srykbn: string;
  srysyukbn: string;
  codes: readonly CodeLine[];
  /** 回数 of the whole 剤 (days for an oral prescription). */
  zaikaisu: number;
  /** A comment typed into the 剤 (stored in tbl_ptcom). */
  comment?: { srycd: string; text: string };
  /** The 剤 carries extra info in tbl_sryacctplus (zaireqflg = '1'). */
  plus?: boolean;
  /** 包括剤 (CONTKBN 'H'): `tbl_sryacct_main.jihokbn` '1'. */
  contkbn?: 'H';
}

/**
 * 点数マスタ 算定履歴区分 of the codes the lab keeps 算定履歴 for (1: per patient, 3: per department); codes
 * not listed count 0 (no history). The lab has no `tbl_tensu`: these values are its own choice.
 */
export const SANTEI_RRKKBN: Readonly<Record<string, number>> = {
  '111000110': 3,
  '112007410': 3,
  '112011310': 3,
  '113001810': 1,
};

/** Points per unit of each code; unknown codes count 0. */
export const POINTS: Readonly<Record<string, number>> = {
  '111000110': 291,
  '112007410': 75,
  '112011310': 52,
  '113001810': 225,
  '120002910': 60,
  '160008010': 21,
  '160019410': 49,
  '160000310': 16,
  '160061810': 26,
  '160095710': 37,
  '160022510': 106,
  '140010310': 35,
  '140000610': 52,
  '620004114': 1.01,
  '622224901': 1.45,
  '620008676': 1.01,
  '622278901': 2.03,
  '621950101': 0.57,
  '620160501': 0.59,
  '620004903': 0.63,
  '620007232': 1.21,
  '620098801': 1.29,
  '620009173': 0.83,
  '620002023': 1.81,
  '620003551': 0.47,
  '662640416': 1.88,
  '663120217': 0.27,
  '662640455': 0.53,
};

const EXAM_FIRST: ZaiTemplate = { srykbn: '11', srysyukbn: '110', codes: [['111000110', 1, 1]], zaikaisu: 1 };
const EXAM_REPEAT: ZaiTemplate = { srykbn: '12', srysyukbn: '120', codes: [['112007410', 1, 1]], zaikaisu: 1 };
const EXAM_REPEAT_MANAGED: ZaiTemplate = {
  srykbn: '12',
  srysyukbn: '120',
  codes: [
    ['112007410', 1, 1],
    ['112011310', 1, 1],
  ],
  zaikaisu: 1,
};
export const PRESCRIPTION_FEE: ZaiTemplate = {
  srykbn: '25',
  srysyukbn: '250',
  codes: [['120002910', 1, 1]],
  zaikaisu: 1,
};
export const CHRONIC_MANAGEMENT: ZaiTemplate = {
  srykbn: '13',
  srysyukbn: '130',
  codes: [['113001810', 1, 1]],
  zaikaisu: 1,
};
export const BLOOD_TEST: ZaiTemplate = {
  srykbn: '60',
  srysyukbn: '600',
  codes: [
    ['160008010', 1, 1],
    ['160019410', 1, 1],
    ['160022510', 1, 1],
    ['160095710', 1, 1],
  ],
  zaikaisu: 1,
  plus: true,
};
export const INFLAMMATION_TEST: ZaiTemplate = {
  srykbn: '60',
  srysyukbn: '600',
  codes: [
    ['160000310', 1, 1],
    ['160008010', 1, 1],
    ['160095710', 1, 1],
  ],
  zaikaisu: 1,
  plus: true,
};

/**
 * A full work-up: 17 separate 検査 剤 (each one code), more than a 受診履歴 row's 15 slots, so the visit
 * spills into a second row (`edanum` 2).
 */
export const WORK_UP: readonly ZaiTemplate[] = Array.from({ length: 17 }, (_, i) => ({
  srykbn: '60',
  srysyukbn: '600',
  codes: [[`1600${String(10 + i).padStart(3, '0')}10`, 1, 1] as const],
  zaikaisu: 1,
}));

/** The daily drip of an admission (注射 点滴, 33). */
export const DRIP: ZaiTemplate = {
  srykbn: '33',
  srysyukbn: '330',
  codes: [
    ['130003510', 1, 1],
    ['620007232', 1, 1],
  ],
  zaikaisu: 1,
};

/** 公費 the lab's patients may hold: 難病 (054), with its burden rate. */
export const KOHI = { kohnum: '054', rate: 20 } as const;

/** The exam 剤 of a visit: 初診 for a first visit in the department, else 再診 (+ 外来管理加算 in 内科). */
export function examTemplate(firstVisit: boolean, sryka: string): ZaiTemplate {
  if (firstVisit) return EXAM_FIRST;
  return sryka === '01' ? EXAM_REPEAT_MANAGED : EXAM_REPEAT;
}

export interface Disease {
  code: string;
  name: string;
  inputCode: string;
}

export interface Condition {
  sryka: string;
  disease: Disease;
  /** 剤 prescribed at each visit for it; the days (zaikaisu) are chosen per patient. */
  rx: readonly ZaiTemplate[];
}

const oral = (codes: readonly CodeLine[], days = 28): ZaiTemplate => ({
  srykbn: '21',
  srysyukbn: '210',
  codes,
  zaikaisu: days,
});
const external = (codes: readonly CodeLine[]): ZaiTemplate => ({ srykbn: '23', srysyukbn: '230', codes, zaikaisu: 1 });

/** Chronic conditions: regular visits every 2–4 weeks with the same prescription. */
export const CONDITIONS: readonly Condition[] = [
  {
    sryka: '01',
    disease: { code: '8833421', name: '高血圧症', inputCode: 'kouketu' },
    rx: [oral([['622224901', 1, 1]])],
  },
  {
    sryka: '01',
    disease: { code: '8846718', name: '２型糖尿病', inputCode: '2gata' },
    rx: [oral([['620008676', 2, 1]])],
  },
  {
    sryka: '01',
    disease: { code: '2720004', name: '脂質異常症', inputCode: 'sisitu' },
    rx: [oral([['622278901', 1, 1]])],
  },
  {
    sryka: '01',
    disease: { code: '4939004', name: '気管支喘息', inputCode: 'zensoku' },
    rx: [oral([['620160501', 2, 1]])],
  },
  {
    sryka: '11',
    disease: { code: '7151007', name: '変形性膝関節症', inputCode: 'hizakan' },
    rx: [
      {
        srykbn: '40',
        srysyukbn: '400',
        codes: [['140010310', 1, 1]],
        zaikaisu: 1,
        comment: { srycd: '810000001', text: '右膝' },
      },
      external([['662640416', 28, 1]]),
    ],
  },
  {
    sryka: '11',
    disease: { code: '7244003', name: '腰痛症', inputCode: 'youtu' },
    rx: [
      {
        srykbn: '40',
        srysyukbn: '400',
        codes: [['140010310', 1, 1]],
        zaikaisu: 1,
        comment: { srycd: '810000001', text: '腰部' },
      },
    ],
  },
  {
    sryka: '19',
    disease: { code: '6918004', name: 'アトピー性皮膚炎', inputCode: 'atopi' },
    rx: [external([['663120217', 50, 1]]), external([['662640455', 10, 1]])],
  },
];

/** Acute episodes: one visit (sometimes a follow-up) with a short prescription. */
export const EPISODES: readonly Condition[] = [
  {
    sryka: '01',
    disease: { code: '4659007', name: '急性上気道炎', inputCode: 'jyoukido' },
    rx: [
      oral(
        [
          ['620004114', 3, 1],
          ['620004903', 3, 1],
        ],
        5,
      ),
    ],
  },
  {
    sryka: '01',
    disease: { code: '5589006', name: '急性胃腸炎', inputCode: 'ityouen' },
    rx: [oral([['620007232', 3, 1]], 4)],
  },
  {
    sryka: '09',
    disease: { code: '4659007', name: '急性上気道炎', inputCode: 'jyoukido' },
    rx: [
      oral(
        [
          ['620098801', 1.5, 1],
          ['620009173', 1.2, 1],
        ],
        5,
      ),
    ],
  },
  {
    sryka: '09',
    disease: { code: '4660013', name: '急性気管支炎', inputCode: 'kikansi' },
    rx: [oral([['620002023', 1, 1]], 5)],
  },
  {
    sryka: '11',
    disease: { code: '8470008', name: '頚椎捻挫', inputCode: 'keinen' },
    rx: [external([['662640416', 14, 1]])],
  },
  {
    sryka: '19',
    disease: { code: '6929014', name: '湿疹', inputCode: 'sissin' },
    rx: [external([['662640455', 5, 1]])],
  },
];

export interface Insurer {
  hknnum: string;
  /** Builds an 保険者番号 from 6 random digits. */
  hknjanum: (digits: string) => string;
}

export const INSURERS = {
  kyokai: { hknnum: '001', hknjanum: (d: string) => `01${d.slice(0, 2)}0016` },
  kumiai: { hknnum: '006', hknjanum: (d: string) => `06${d}` },
  kokuho: { hknnum: '060', hknjanum: (d: string) => d },
  kouki: { hknnum: '039', hknjanum: (d: string) => `39${d.slice(0, 2)}${d.slice(2, 6)}` },
} as const satisfies Record<string, Insurer>;

/** 自己負担割合 (percent) by age. */
export function burdenRate(age: number): number {
  if (age < 6) return 20;
  if (age >= 75) return 10;
  if (age >= 70) return 20;
  return 30;
}
