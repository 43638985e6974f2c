/**
 * Files "outside" the tool's folders, and links to them planted where the tool keeps its own files: after
 * a run, every outside file must be byte-for-byte, mode and owner as it was, and no link may remain
 * where the tool wrote (it refused, or replaced the link with its own file).
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Outside {
  dir: string;
  /** An outside file (created with `content`, mode 0644) for a link named `name`. */
  file(name: string, content?: string): string;
  /** An outside folder (0755, holding one file) for a link named `name`. */
  folder(name: string): string;
  /** Every outside file and folder exactly as created: bytes, mode, owner, and the folders' listings. */
  expectUntouched(): void;
}

interface Snapshot {
  bytes: string | null;
  mode: number;
  uid: number;
  listing: string[] | null;
}

export function makeOutside(dir: string): Outside {
  mkdirSync(dir, { recursive: true });
  const snapshots = new Map<string, Snapshot>();
  const take = (path: string): Snapshot => {
    const info = statSync(path);
    return {
      bytes: info.isFile() ? readFileSync(path).toString('base64') : null,
      mode: info.mode & 0o7777,
      uid: info.uid,
      listing: info.isDirectory() ? readdirSync(path).sort() : null,
    };
  };
  return {
    dir,
    file(name, content = `outside file for ${name}\n`) {
      const path = join(dir, name);
      writeFileSync(path, content, { mode: 0o644 });
      snapshots.set(path, take(path));
      return path;
    },
    folder(name) {
      const path = join(dir, name);
      mkdirSync(path, { mode: 0o755 });
      writeFileSync(join(path, 'kept.txt'), 'kept\n', { mode: 0o644 });
      snapshots.set(path, take(path));
      snapshots.set(join(path, 'kept.txt'), take(join(path, 'kept.txt')));
      return path;
    },
    expectUntouched() {
      for (const [path, before] of snapshots) expect([path, take(path)]).toEqual([path, before]);
    },
  };
}

/** Plants a symbolic link at `at` pointing to `target`. */
export function plantLink(at: string, target: string): void {
  symlinkSync(target, at);
}

/** `path` is no link: absent, or the tool's own file or folder. */
export function expectNoLink(path: string): void {
  let link = false;
  try {
    link = lstatSync(path).isSymbolicLink();
  } catch {
    // absent
  }
  expect([path, link]).toEqual([path, false]);
}

export const isRoot = process.geteuid?.() === 0;
