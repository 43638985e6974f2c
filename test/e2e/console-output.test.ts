/**
 * What people read in their console, through the built binary: colour only on a terminal and never with
 * `--no-color` or NO_COLOR (a real pseudo-terminal from util-linux `script`); tables in cli-table3's ASCII
 * style where box drawing cannot show (the legacy Windows console, asked for here with ORCA_HYBRID_ASCII=1),
 * Japanese columns still aligned.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { toAsciiConsole } from '../../src/ui/console-style.js';
import { unreachableTree, writeConfigFile } from '../helpers/config-builder.js';
import { BIN, runCli } from '../helpers/cli.js';

let dir: string;
let config: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orca-console-'));
  config = writeConfigFile(join(dir, 'orca-hybrid.json'), unreachableTree(join(dir, 'backups'), join(dir, 'state')));
  const select = await runCli(['--config', config, 'select', 'local']);
  expect(select.code).toBe(0);
  // The entry dated long ago: its age ("82 days ago") is the same for both runs compared below.
  const journal = join(dir, 'state', 'journal.jsonl');
  writeFileSync(journal, readFileSync(journal, 'utf8').replace(/"time":"[^"]+"/, '"time":"2026-01-05T09:00:00.000Z"'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `orca-hybrid args…` on a pseudo-terminal; what it printed (stdout and stderr together, as a person sees). */
async function onTerminal(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const command = ['node', BIN, '--config', config, ...args].map((a) => `'${a}'`).join(' ');
  const run = await execa('script', ['-qec', command, '/dev/null'], {
    reject: false,
    env: { LANG: 'C', TERM: 'xterm-256color', ...env },
    extendEnv: false,
    timeout: 60_000,
  });
  return String(run.stdout);
}

describe('colour', () => {
  const ESC = '\x1b[';
  test('on a terminal the status is coloured; NO_COLOR and --no-color turn it off', async () => {
    const path = { PATH: process.env.PATH };
    const [coloured, noColorEnv, noColorFlag] = await Promise.all([
      onTerminal(['status', '--timeout', '3'], path),
      onTerminal(['status', '--timeout', '3'], { ...path, NO_COLOR: '1' }),
      onTerminal(['--no-color', 'status', '--timeout', '3'], path),
    ]);
    expect(coloured).toContain('unavailable');
    expect(coloured).toContain(ESC);
    for (const plain of [noColorEnv, noColorFlag]) {
      expect(plain).toContain('unavailable');
      expect(plain).not.toContain(ESC);
    }
  });
});

describe('box drawing or ASCII', () => {
  test('journal --wide: a table in box drawing by default; in ASCII where the console cannot show it, Japanese still aligned', async () => {
    const unicode = await runCli(['--config', config, 'journal', '--wide'], { env: { LANG: 'ja_JP.UTF-8' } });
    const ascii = await runCli(['--config', config, 'journal', '--wide'], {
      env: { LANG: 'ja_JP.UTF-8', ORCA_HYBRID_ASCII: '1' },
    });
    expect([unicode.code, ascii.code]).toEqual([0, 0]);
    expect(unicode.stdout).toContain('┌');
    expect(ascii.stdout).not.toMatch(/[─│┌┐└┘┬┴├┤┼]/u);
    expect(ascii.stdout).toMatch(/^\+-+\+/m);
    expect(ascii.stdout).toContain('コマンド');
    // The same table in cli-table3's ASCII style (test/unit/console-style.test.ts: the same as rendering it so).
    expect(ascii.stdout).toBe(toAsciiConsole(unicode.stdout));
  });

  test('--json is never rewritten', async () => {
    const run = await runCli(['--config', config, 'journal', '--json'], { env: { ORCA_HYBRID_ASCII: '1' } });
    expect(JSON.parse(run.stdout)).toEqual(expect.any(Array));
  });
});
