/**
 * `lab enter`'s unit of work: one ORCA action (a registration, a 受付, a save, a correction …) in one
 * REPEATABLE READ transaction — the clinic's and the patient's rows read, ORCA's rules run on them
 * (`save/`), the changes written back whole-row in order.
 */
import type pg from 'pg';
import { orcaTransaction } from './book/orca-transaction.js';
import { applyChanges } from './book/sql-book.js';
import { loadClinic, loadPatient } from './enter-load.js';
import { Book } from './book/book.js';

export interface ActScope {
  /** The machine date: the clinic's counter rows and that day's 受付 are read. */
  today: string;
  /** The patient whose rows are read, and the months (`YYYYMM`) of them the action touches. */
  patient?: { ptid: number; months: readonly string[] };
}

export async function act<T>(
  client: pg.Client,
  scope: ActScope,
  rules: (clinic: Book, patient: Book) => T | Promise<T>,
): Promise<T> {
  return orcaTransaction(client, async () => {
    const clinic = await loadClinic(client, scope.today);
    const patient = scope.patient ? await loadPatient(client, scope.patient.ptid, scope.patient.months) : new Book();
    const result = await rules(clinic, patient);
    await applyChanges(client, clinic);
    await applyChanges(client, patient);
    return result;
  });
}
