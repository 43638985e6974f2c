/**
 * Opening files in the state and backup folders without following links. A link, a file of another
 * account, a hard-linked file or anything not a regular file where the tool keeps its own file was planted
 * (or left from a time the folder was shared): it is removed and the tool's file created anew, so the
 * outside file it pointed at is never read, written, chmod-ed or renamed. POSIX flags; Windows has
 * neither O_NOFOLLOW nor these ownership bits and opens plainly (docs/security.md).
 */
import { closeSync, constants, fstatSync, fchmodSync, openSync, readFileSync, unlinkSync, type Stats } from 'node:fs';
import { open, readFile, unlink, type FileHandle } from 'node:fs/promises';
import { GuardError } from '../../core/errors.js';

export const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;
const POSIX = process.platform !== 'win32';
/** Read-write, created 0600, appended; non-blocking so a planted FIFO cannot hang the open. */
const APPEND_FLAGS = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | O_NOFOLLOW | O_NONBLOCK;

/** True for the error `open` gives when O_NOFOLLOW met a link (ELOOP; EMLINK on FreeBSD). */
export function isLinkRefusal(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ELOOP' || code === 'EMLINK';
}

/** Whether an opened file is the tool's own: a regular file of this account with no other name. */
export function isOwnPlainFile(info: Stats): boolean {
  if (!info.isFile()) return false;
  return !POSIX || (info.uid === process.geteuid?.() && info.nlink === 1);
}

/**
 * Opens `path` for appending (created 0600), first replacing whatever is not the tool's own file there;
 * an existing file others may read is made 0600 (through the open handle, never the path).
 */
export async function openOwnFileForAppend(path: string): Promise<FileHandle> {
  for (let attempt = 0; ; attempt++) {
    let handle: FileHandle;
    try {
      handle = await open(path, APPEND_FLAGS, 0o600);
    } catch (error) {
      if (!isLinkRefusal(error) || attempt > 0) throw error;
      await unlink(path);
      continue;
    }
    const info = await handle.stat();
    if (isOwnPlainFile(info)) {
      if (POSIX && (info.mode & 0o077) !== 0) await handle.chmod(0o600);
      return handle;
    }
    await handle.close();
    if (attempt > 0) throw Object.assign(new Error(`not a plain file: ${path}`), { code: 'EPERM' });
    await unlink(path);
  }
}

/** `openOwnFileForAppend` for synchronous writers (the run log); returns a file descriptor. */
export function openOwnFileForAppendSync(path: string): number {
  for (let attempt = 0; ; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, APPEND_FLAGS, 0o600);
    } catch (error) {
      if (!isLinkRefusal(error) || attempt > 0) throw error;
      unlinkSync(path);
      continue;
    }
    const info = fstatSync(fd);
    if (isOwnPlainFile(info)) {
      if (POSIX && (info.mode & 0o077) !== 0) fchmodSync(fd, 0o600);
      return fd;
    }
    closeSync(fd);
    if (attempt > 0) throw Object.assign(new Error(`not a plain file: ${path}`), { code: 'EPERM' });
    unlinkSync(path);
  }
}

/**
 * Creates `path` new and empty (0600): whatever was there — a link, a stale file — is removed first, and
 * the creation is exclusive (O_EXCL), so nothing planted in between is written through.
 */
export async function createOwnFile(path: string): Promise<FileHandle> {
  await unlink(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  });
  const flags = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW;
  const handle = await open(path, flags, 0o600);
  if (POSIX) await handle.chmod(0o600);
  return handle;
}

/** Opens an existing file of the tool for reading and writing; a link or foreign file is refused (EPERM). */
export async function openOwnFile(path: string): Promise<FileHandle> {
  const handle = await open(path, constants.O_RDWR | O_NOFOLLOW);
  if (isOwnPlainFile(await handle.stat())) return handle;
  await handle.close();
  throw Object.assign(new Error(`not a plain file of this account: ${path}`), { code: 'EPERM' });
}

/**
 * Reads `path` as text without following a link: a link throws ELOOP (see `isLinkRefusal`). Used for
 * files the tool trusts once read (state, lock holder, sidecars).
 */
export async function readTextNoFollow(path: string): Promise<string> {
  const handle = await open(path, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw Object.assign(new Error(`not a file: ${path}`), { code: 'EISDIR' });
    return await readFile(handle, 'utf8');
  } finally {
    await handle.close();
  }
}

/** `readTextNoFollow` for the exit handler, which cannot wait. */
export function readTextNoFollowSync(path: string): string {
  const fd = openSync(path, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error(`not a file: ${path}`), { code: 'EISDIR' });
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** A link where the tool keeps one of its files: refused for reading (exit 5), replaced by the next write. */
export function linkedFile(path: string): GuardError {
  return new GuardError({ key: 'folder.linkedFile', params: { path }, hintKey: 'folder.linkedFile.hint' });
}
