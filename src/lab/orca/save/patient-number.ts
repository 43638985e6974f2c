/**
 * 患者番号 and 患者ID as ORCA issues them. ORCSP01 `100-HAKKOU-SEC` (患者番号発行): RENNUM of the 1009 row
 * valid today + 1, the whole row written back at once (`1001-RENNUM-SEC`; the layout's serial digits all 9s:
 * error 8002 for 連番 layouts, else back to 0), the number formatted by the layout (`320-PTNUM-SET-SEC`),
 * and issued again while that number is already registered. ORCGP029 `280-PTNUM-SYORI-SEC`: the 1009 row
 * read again, PTID + 1 (all 9s → 0, 0 → 1), the whole row written back.
 */
import type { Book } from '../book/book.js';
import { counterRow, readField, withField } from './counters.js';
import { updated, type Audit } from './audit.js';

/**
 * The number for a serial under the 1009 layout (chars 1–20): 標準構成 (char 1 '2') keeps the last
 * HJNKSIRENNUMKETA (chars 8–9) digits of the serial, after the year (NEN, chars 17–20) for kinds 1 and 2
 * (char 5). Check digits (kinds 1 and 3, ORCSCHKDGT) are not modelled: the lab's layout is 連番のみ.
 */
export function formatPatientNumber(kanritbl1009: string, serial: number): string {
  const text = kanritbl1009.padEnd(42, ' ');
  const digits = Number(text.slice(7, 9)) || 6;
  const body = String(serial).padStart(digits, '0').slice(-digits);
  const kind = text[4];
  return kind === '1' || kind === '2' ? text.slice(16, 20) + body : body;
}

function serialDigits(kanritbl: string): number {
  return Number(kanritbl.padEnd(42, ' ').slice(7, 9)) || 10;
}

export interface IssuedPatient {
  ptid: number;
  ptnum: string;
  serial: number;
}

export function issuePatient(
  clinic: Book,
  today: string,
  audit: Audit,
  registered: (ptnum: string) => boolean,
): IssuedPatient {
  let ptnum: string;
  let serial: number;
  do {
    const row = counterRow(clinic, '1009', today);
    const digits = serialDigits(String(row.kanritbl));
    serial = readField(row, 'patientSerial');
    if (String(serial).padStart(digits, '0').slice(-digits) === '9'.repeat(digits)) {
      const kind = String(row.kanritbl).padEnd(5)[4];
      if (kind === '3' || kind === '4') throw new Error('患者番号の連番が上限です (ORCA error 8002)');
      serial = 0;
    }
    serial += 1;
    clinic.update('tbl_syskanri', { ...withField(row, 'patientSerial', serial), ...updated(audit) });
    ptnum = formatPatientNumber(String(row.kanritbl), serial);
  } while (registered(ptnum));
  const row = counterRow(clinic, '1009', today);
  let ptid = readField(row, 'patientId');
  if (ptid === 9_999_999_999) ptid = 0;
  ptid += 1;
  clinic.update('tbl_syskanri', { ...withField(row, 'patientId', ptid), ...updated(audit) });
  return { ptid, ptnum, serial };
}
