import { z } from 'zod';

/**
 * WebORCA API answers (docs/orca-data.md §6): one top-level key naming the record (`system01_dailyres`,
 * `private_objects`, `system1001res`, …), `Api_Result` and `Api_Result_Message` in it, arrays padded to
 * their fixed length with `{}`. Only the fields the tool reads are checked; the rest of ORCA's large
 * records passes through unread. Every string is length-bounded (untrusted input).
 */
const text = (max: number) => z.string().max(max);

const resultFields = {
  Information_Date: text(32).optional(),
  Information_Time: text(32).optional(),
  Api_Result: text(8),
  Api_Result_Message: text(500).optional(),
  Reskey: text(200).optional(),
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

/** The single top-level key and the record under it (`{"system01_dailyres": {...}}`), or null for any other shape. */
export function unwrapRecord(value: unknown): { key: string; record: unknown } | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  return entries.length === 1 ? { key: entries[0]![0], record: entries[0]![1] } : null;
}

/**
 * What an `Api_Result` means: all zeros is success ("00", "0000" for systeminfv2, "000" for diseasev3); a
 * `W` code is success with a warning (e.g. `W00`, medical registration); anything else is an error, an `E`
 * code (`E90`: locked) meaning the same as its number.
 */
export type ApiResultKind = { kind: 'success' } | { kind: 'warning' } | { kind: 'error'; number: string | null };

export function classifyApiResult(apiResult: string): ApiResultKind {
  const code = apiResult.trim();
  if (/^0+$/.test(code)) return { kind: 'success' };
  if (/^W\d{1,4}$/.test(code)) return { kind: 'warning' };
  const digits = /^E?(\d{1,4})$/.exec(code)?.[1];
  // systeminfv2 answers in four digits ("0089"): compare by value.
  return { kind: 'error', number: digits === undefined ? null : String(Number(digits)).padStart(2, '0') };
}

/** A code and message safe to print: printable characters only, bounded. */
export function printable(value: string | undefined, max: number): string {
  return (value ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()
    .slice(0, max);
}

/**
 * The 10-digit 医療機関コード: prefecture (2) + point table (1) + institution code (7) as ORCA sends them
 * (`Prefectures_Number`, `Point_list`, `Institution_Code`), or a whole 10-digit `Institution_Code`.
 * Anything else — a bare 7-digit code — is not a clinic identity: null.
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
  return /^\d{2}$/.test(prefecture) && /^\d$/.test(pointList) && /^\d{7}$/.test(code)
    ? `${prefecture}${pointList}${code}`
    : null;
}
