/**
 * Whether a rebuilt VM runs current WebORCA programs and masters, from `systeminfv2` (ORCA-API.md): the
 * DB structure version in use equals the one the programs expect (`Database_Information`), every master's
 * record version equals ORCA's newest (`Master_Version_Information`), and no program update is listed as
 * anything but done (`Program_Update_Information[].State`, 済). What WebORCA leaves out is not judged.
 */
import type { WebOrcaVersions } from './hypervisor.js';

/** One comparison, kept with both values so a pass and a failure print the same way. */
export interface VersionCheck {
  item: 'database' | 'master' | 'program';
  name: string;
  local: string;
  latest: string;
  ok: boolean;
}

export interface VersionVerdict {
  current: boolean;
  jmaReceiptVersion: string | null;
  checks: VersionCheck[];
}

/** The state word of an applied program update in プログラム更新管理一覧. */
export const PROGRAM_UPDATE_DONE = '済';

export function judgeVersions(versions: WebOrcaVersions): VersionVerdict {
  const checks: VersionCheck[] = [];
  const same = (a: string, b: string): boolean => a.trim() === b.trim();
  if (versions.database) {
    const { local, latest } = versions.database;
    checks.push({ item: 'database', name: 'DB', local, latest, ok: same(local, latest) });
  }
  for (const master of versions.masters) {
    checks.push({ item: 'master', ...master, ok: same(master.local, master.latest) });
  }
  for (const program of versions.programs) {
    if (program.state.trim() === '') continue;
    checks.push({
      item: 'program',
      name: program.date,
      local: program.state,
      latest: PROGRAM_UPDATE_DONE,
      ok: program.state.trim() === PROGRAM_UPDATE_DONE,
    });
  }
  return { current: checks.every((c) => c.ok), jmaReceiptVersion: versions.jmaReceiptVersion, checks };
}
