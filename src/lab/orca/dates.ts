/** ORCA's calendar values: `YYYYMMDD` dates, `YYYYMM` months, `HHMMSS` times, computed in UTC-free day math. */

const pad = (value: number, length = 2): string => String(value).padStart(length, '0');

/** Days since 1970-01-01 of a `YYYYMMDD` date (calendar arithmetic only, no time zone involved). */
export function dayNumber(ymd: string): number {
  if (!/^\d{8}$/.test(ymd)) throw new RangeError(`not a YYYYMMDD date: ${ymd}`);
  return Math.floor(
    Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)) - 1, Number(ymd.slice(6, 8))) / 86_400_000,
  );
}

export function ymdOfDay(day: number): string {
  const date = new Date(day * 86_400_000);
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
}

export const addDays = (ymd: string, days: number): string => ymdOfDay(dayNumber(ymd) + days);

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (ymd: string): number => new Date(dayNumber(ymd) * 86_400_000).getUTCDay();

export const monthOf = (ymd: string): string => ymd.slice(0, 6);
export const dayOfMonth = (ymd: string): number => Number(ymd.slice(6, 8));

/** Today in the machine's local calendar. */
export function todayYmd(now: Date = new Date()): string {
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
}

/** Whole years between a birthday and a date (the age ORCA shows). */
export function ageOn(birthday: string, ymd: string): number {
  const years = Number(ymd.slice(0, 4)) - Number(birthday.slice(0, 4));
  return ymd.slice(4) >= birthday.slice(4) ? years : years - 1;
}

/** `HHMMSS` from seconds after midnight. */
export function hmsOf(seconds: number): string {
  const s = Math.max(0, Math.min(86_399, Math.floor(seconds)));
  return `${pad(Math.floor(s / 3600))}${pad(Math.floor((s % 3600) / 60))}${pad(s % 60)}`;
}

/** The clinic is closed on Sundays and over the New Year (12/29–1/3). */
export function isClinicOpen(ymd: string): boolean {
  const md = ymd.slice(4);
  return weekdayOf(ymd) !== 0 && !(md >= '1229' || md <= '0103');
}
