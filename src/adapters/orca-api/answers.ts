import { z } from 'zod';

/**
 * WebORCA API answers (ORCA-API.md): one top-level key holding the record, `Api_Result` "0…0" on success,
 * arrays padded to their fixed length with `{}`. Only the fields the tool reads are checked; the rest of
 * ORCA's large records passes through unread. Every string is length-bounded (untrusted input).
 */
const text = (max: number) => z.string().max(max);

const resultFields = {
  Information_Date: text(32).optional(),
  Information_Time: text(32).optional(),
  Api_Result: text(8),
  Api_Result_Message: text(500).optional(),
};

export const dailyAnswerSchema = z.object(resultFields);

export const systemInfoAnswerSchema = z.object({
  ...resultFields,
  Jma_Receipt_Version: text(64).optional(),
  Database_Information: z.object({ Local_Version: text(64).optional(), New_Version: text(64).optional() }).optional(),
  /** マスタ更新情報: each master's record version in use (自) and ORCA's newest (repeated 99). */
  Master_Update_Information: z
    .object({
      Last_Update_Date: text(32).optional(),
      Master_Version_Information: z
        .array(
          z.object({
            Name: text(100).optional(),
            Local_Version: text(64).optional(),
            New_Version: text(64).optional(),
          }),
        )
        .max(200)
        .optional(),
    })
    .optional(),
  /** プログラム更新管理一覧 (repeated 10 in ORCA's layout, padding dropped): 提供日, 処理状態 (済), 内容. */
  Program_Update_Information: z
    .array(z.looseObject({ Date: text(32).optional(), State: text(32).optional(), Comment: text(500).optional() }))
    .max(100)
    .optional(),
});

export const institutionAnswerSchema = z.object({
  ...resultFields,
  Medical_Information: z
    .object({
      Prefectures_Number: text(4).optional(),
      Point_list: text(4).optional(),
      Institution_Code: text(16).optional(),
      Institution_WholeName: text(200).optional(),
    })
    .optional(),
});

/** Removes ORCA's padding: `{}` elements of arrays, at any depth. */
export function dropPadding(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value
      .filter(
        (item) =>
          !(item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length === 0),
      )
      .map(dropPadding);
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dropPadding(v)]));
  }
  return value;
}

/** The record under the single top-level key (`{"system01_dailyres": {...}}`), or null for any other shape. */
export function unwrapRecord(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  return entries.length === 1 ? entries[0]![1] : null;
}

/** Success is all zeros: "00" for most APIs, "0000" for systeminfv2, "000" for diseasev3. */
export function isSuccess(apiResult: string): boolean {
  return /^0+$/.test(apiResult);
}

/**
 * The 10-digit 保険医療機関コード: ORCA may give it whole, or split into 都道府県番号 (2) + 点数表 (1) +
 * 医療機関コード (7).
 */
export function institutionCodeOf(info: {
  Prefectures_Number?: string;
  Point_list?: string;
  Institution_Code?: string;
}): string | null {
  const code = info.Institution_Code?.trim() ?? '';
  if (/^\d{10}$/.test(code)) return code;
  const prefecture = info.Prefectures_Number?.trim() ?? '';
  const pointList = info.Point_list?.trim() ?? '';
  if (/^\d{1,7}$/.test(code) && /^\d{1,2}$/.test(prefecture) && /^\d$/.test(pointList)) {
    return `${prefecture.padStart(2, '0')}${pointList}${code.padStart(7, '0')}`;
  }
  return /^\d{1,10}$/.test(code) ? code : null;
}
