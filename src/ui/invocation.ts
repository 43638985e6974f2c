/**
 * How a person runs this tool, decided once for every hint and "Try:" line: `orca-hybrid` when that name on
 * PATH is this very installation, else `node <path>/bin/orca-hybrid.js` (after the README's set-up the tool
 * is not installed, and a hint naming `orca-hybrid` would fail as shown). The path is relative to the
 * current folder when the launcher is below it, and quoted for the shell when it holds blanks.
 */
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of this build's launcher (`bin/orca-hybrid.js`), for schedulers and hints. */
export function launcherPath(): string {
  const path = fileURLToPath(new URL('../../bin/orca-hybrid.js', import.meta.url));
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

let decided: string | undefined;

/** `orca-hybrid`, or `node bin/orca-hybrid.js` (relative to `cwd` when below it). Memoized per process. */
export function toolCommand(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  decided ??= decide(env, cwd);
  return decided;
}

function decide(env: NodeJS.ProcessEnv, cwd: string): string {
  const launcher = launcherPath();
  if (installedOnPath(env, launcher)) return 'orca-hybrid';
  const rel = relative(cwd, launcher);
  const path = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : launcher;
  return `node ${quoteForShell(path)}`;
}

function installedOnPath(env: NodeJS.ProcessEnv, launcher: string): boolean {
  const names = process.platform === 'win32' ? ['orca-hybrid.cmd', 'orca-hybrid.ps1'] : ['orca-hybrid'];
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    for (const name of names) {
      const candidate = dir === '' ? '' : join(dir, name);
      if (candidate === '' || !existsSync(candidate)) continue;
      // npm's Windows shims are scripts, not links: trust the name there.
      if (process.platform === 'win32') return true;
      try {
        if (realpathSync(candidate) === launcher) return true;
      } catch {
        // A dangling link is not this installation.
      }
    }
  }
  return false;
}

/** A path as a person types it into a shell: quoted when it holds blanks or shell characters. */
export function quoteForShell(path: string): string {
  if (!/[\s'"$`\\!*?&;|<>()]/.test(path)) return path;
  return process.platform === 'win32' ? `"${path}"` : `'${path.replace(/'/g, `'\\''`)}'`;
}
