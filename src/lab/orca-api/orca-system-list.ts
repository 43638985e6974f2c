/**
 * The lab's `/api01rv2/system01lstv2` (ORCA `cobol/api01rv2/ORAPI101R1V2.CBL`): Request_Number `01`
 * departments (`departmentres`), `02` doctors and `03` other staff (`physicianres`), `04` the clinic
 * (`system1001res`, from `tbl_syskanri` 1001). As ORCA does, an error found before the request is
 * dispatched (89, or 91 for an unknown number) answers under `departmentres`, every answer carries
 * `Reskey` "Patient Info", and an empty list is Api_Result 11.
 */
import { DEPARTMENTS } from '../orca/clinic-catalog.js';
import type { ClinicInfo } from '../cloud/clinic-info.js';
import { orcaDate, padArray, resultHeader, type OrcaRecord } from './orca-shapes.js';

const RESKEY = 'Patient Info';

function header(at: Date, result: string, message: string, baseDate: string): OrcaRecord {
  return { ...resultHeader(at, result, message), Reskey: RESKEY, Base_Date: baseDate };
}

const doctors = (): OrcaRecord[] =>
  DEPARTMENTS.flatMap((d) =>
    d.doctors.map((code) => ({
      Code: code,
      WholeName: `${d.name}医師${code.slice(-2)}`,
      WholeName_inKana: `ﾅｲｶｲｼ${code.slice(-2)}`,
      Physician_Permission_Id: '',
      Drug_Permission_Id: '',
      Department_Code1: d.sryka,
    })),
  );

/** Answers one system01lstv2 request; `clinic` is null when the clinic's basic data cannot be read. */
export function systemListAnswer(request: OrcaRecord, clinic: ClinicInfo | null, at: Date): Record<string, OrcaRecord> {
  const number = typeof request.Request_Number === 'string' ? request.Request_Number : '';
  const base = typeof request.Base_Date === 'string' && request.Base_Date !== '' ? request.Base_Date : orcaDate(at);
  if (clinic === null || clinic.institutionCode === '') {
    return { departmentres: header(at, '89', '医療機関情報が取得できません', base) };
  }
  switch (number) {
    case '01':
      return {
        departmentres: {
          ...header(at, '00', '処理終了', base),
          Department_Information: padArray(
            DEPARTMENTS.map((d) => ({ Code: d.sryka, WholeName: d.name, Name1: d.name, Receipt_Code: d.sryka })),
            100,
          ),
        },
      };
    case '02':
      return {
        physicianres: { ...header(at, '00', '処理終了', base), Physician_Information: padArray(doctors(), 100) },
      };
    case '03':
      // The lab registers no staff besides the doctors.
      return { physicianres: header(at, '11', '対象がありません。', base) };
    case '04':
      return { system1001res: { ...header(at, '00', '処理終了', base), Medical_Information: medical(clinic) } };
    default:
      return { departmentres: header(at, '91', 'リクエスト番号がありません', base) };
  }
}

/** `Medical_Information` as ORCA fills it from the 1001 row: the code split 2 + 1 + 7. */
function medical(clinic: ClinicInfo): OrcaRecord {
  const code = clinic.institutionCode;
  return {
    Prefectures_Number: code.slice(0, 2),
    Point_list: code.slice(2, 3),
    Institution_Code: code.slice(3),
    Institution_Speciation: '2',
    Institution_WholeName: clinic.institutionName,
  };
}
