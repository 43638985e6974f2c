/**
 * 受付 (`tbl_uketuke`) as the reception API writes it (ORAPI011S1V2 `200224-UKETUKE-INS-SEC`): the day's
 * control row (`ukeid` 0) holds the last 受付ID in its `ptid`; it is read, raised by 1 (past 99999: refused)
 * and written back whole, or created with 1; then the patient's row is inserted under that id.
 */
import type { Book } from '../book/book.js';
import { orcaRow } from '../orca-row.js';
import { created, updated, type Audit } from './audit.js';

export interface ReceptionInput {
  ptid: number;
  name: string;
  sryka: string;
  drcd: string;
  hkncombi: number;
  /** 受付時間 HHMMSS. */
  uketime: string;
}

export function receive(clinic: Book, r: ReceptionInput, today: string, audit: Audit): number {
  const control = clinic.get('tbl_uketuke', { hospnum: 1, ukeymd: today, ukeid: 0 });
  let ukeid = 1;
  if (control) {
    ukeid = Number(control.ptid) + 1;
    if (ukeid > 99_999) throw new Error('受付IDが上限です (ORCA API error 50)');
    clinic.update('tbl_uketuke', { ...control, ptid: ukeid, ...updated(audit) });
  } else {
    clinic.insert(
      'tbl_uketuke',
      orcaRow('tbl_uketuke', { hospnum: 1, ukeymd: today, ukeid: 0, ptid: 1, ...created(audit) }),
    );
  }
  clinic.insert(
    'tbl_uketuke',
    orcaRow('tbl_uketuke', {
      hospnum: 1,
      ukeymd: today,
      ukeid,
      uketime: r.uketime,
      ptid: r.ptid,
      name: r.name,
      sryka: r.sryka,
      drcd: r.drcd,
      srynaiyo: '01',
      hkncombi: r.hkncombi,
      ...created(audit),
    }),
  );
  return ukeid;
}
