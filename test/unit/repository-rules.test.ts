/** Rules about the repository itself: the docs stand on their own, the code changes no V8 flag at run time. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function files(dir: string, ending: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(ending))
    .map((name) => join(dir, name));
}

test('docs and README point at no design note outside the repository', () => {
  const outside = /\b(ARCHITECTURE|STYLE|RELIABILITY|STACK|ORCA-DATA|ORCA-API|ORCA-SAVE|CLOUD-API|VM-TOOLS)\.md\b/;
  for (const file of ['README.md', ...files('docs', '.md')]) {
    const hits = readFileSync(join(root, file), 'utf8')
      .split('\n')
      .filter((line) => outside.test(line));
    expect([file, hits]).toEqual([file, []]);
  }
});

test('no V8 flag is changed after start-up (Node documents it as undefined behaviour)', () => {
  for (const file of files('src', '.ts'))
    expect([file, /setFlagsFromString/.test(readFileSync(join(root, file), 'utf8'))]).toEqual([file, false]);
});
