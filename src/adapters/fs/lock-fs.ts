/**
 * The file system proper-lockfile works through, for the locks in the state folder: lock folders are
 * created 0700 (proper-lockfile's mkdir leaves the mode to the umask), and a link planted where a lock
 * folder belongs is judged by its own times and removed as a link — never followed to a folder elsewhere.
 */
import * as fs from 'node:fs';

export function privateLockFs(base: typeof fs = fs): typeof fs {
  return {
    ...base,
    mkdir: ((path: fs.PathLike, callback: fs.NoParamCallback) =>
      base.mkdir(path, { mode: 0o700 }, (error) => callback(error))) as typeof fs.mkdir,
    stat: base.lstat,
    rmdir: ((path: fs.PathLike, callback: fs.NoParamCallback) =>
      base.lstat(path, (error, info) => {
        if (!error && info.isSymbolicLink()) base.unlink(path, callback);
        else base.rmdir(path, callback);
      })) as typeof fs.rmdir,
  };
}
