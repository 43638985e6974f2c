/**
 * The state and backup folders are a trust boundary: whoever can write in them can plant links that make
 * this tool write patient data or secrets elsewhere. Before a folder is used it must be owned by the
 * effective user and writable by nobody else; otherwise the run is refused with the path and the fix
 * (GuardError, exit 5). POSIX only: Windows folders inherit ACLs from their parent (docs/security.md).
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open } from 'node:fs/promises';
import { GuardError } from '../../core/errors.js';

const O_DIRECTORY = constants.O_DIRECTORY ?? 0;

/** Creates `dir` (and parents, 0700) when missing, checks it is ours and private, and makes it 0700. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await checkPrivateDir(dir, { tighten: true });
}

/**
 * Refuses `dir` unless it is a folder owned by the effective user and not writable by group or others; a
 * missing folder passes (nothing to read, and `ensurePrivateDir` creates it private). With `tighten`, a
 * folder others may read or enter becomes 0700. The checks and the chmod apply to one opened folder, so
 * the folder cannot be swapped between them.
 */
export async function checkPrivateDir(dir: string, options: { tighten?: boolean } = {}): Promise<void> {
  if (process.platform === 'win32') return;
  const euid = process.geteuid?.() ?? -1;
  let link;
  try {
    link = await lstat(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  // A folder reached through a link (moved to another disk) is fine when the link is ours or root's.
  if (link.isSymbolicLink() && link.uid !== euid && link.uid !== 0) throw notOwned(dir, link.uid, euid);
  const handle = await open(dir, constants.O_RDONLY | O_DIRECTORY).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw notAFolder(dir);
    throw error;
  });
  try {
    const info = await handle.stat();
    if (!info.isDirectory()) throw notAFolder(dir);
    if (info.uid !== euid) throw notOwned(dir, info.uid, euid);
    if ((info.mode & 0o022) !== 0) {
      const mode = (info.mode & 0o777).toString(8).padStart(4, '0');
      throw new GuardError({ key: 'folder.writableByOthers', params: { path: dir, mode }, hintKey: 'folder.fixMode' });
    }
    if (options.tighten && (info.mode & 0o077) !== 0) await handle.chmod(0o700);
  } finally {
    await handle.close();
  }
}

function notOwned(dir: string, owner: number, euid: number): GuardError {
  return new GuardError({
    key: 'folder.notOwned',
    params: { path: dir, owner, uid: euid },
    hintKey: euid === 0 ? 'folder.notOwned.rootHint' : 'folder.notOwned.hint',
  });
}

function notAFolder(dir: string): GuardError {
  return new GuardError({ key: 'folder.notAFolder', params: { path: dir }, hintKey: 'folder.notAFolder.hint' });
}
