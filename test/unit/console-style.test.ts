/** What the console can show, with the platform and environment injected, and the ASCII fallback's shape. */
import Table from 'cli-table3';
import { ASCII_TABLE_CHARS, toAsciiConsole, unicodeConsole } from '../../src/ui/console-style.js';
import { Output } from '../../src/ui/output.js';

test.each([
  ['win32', {}, false, 'the legacy console (conhost: cmd.exe, Windows PowerShell)'],
  ['win32', { WT_SESSION: 'f0e1' }, true, 'Windows Terminal'],
  ['win32', { TERM_PROGRAM: 'vscode' }, true, "VS Code's terminal"],
  ['win32', { TERM: 'xterm-256color' }, true, 'mintty (Git Bash)'],
  ['win32', { WT_SESSION: 'f0e1', ORCA_HYBRID_ASCII: '1' }, false, 'asked for ASCII'],
  ['darwin', {}, true, 'Terminal.app'],
  ['linux', { TERM: 'xterm-256color' }, true, 'a terminal emulator'],
  ['linux', { TERM: 'linux' }, false, 'the Linux virtual console'],
  ['linux', { ORCA_HYBRID_ASCII: '0' }, true, 'ORCA_HYBRID_ASCII=0 asks for nothing'],
] as const)('%s %j → unicode %s (%s)', (platform, env, expected, console) => {
  expect([console, unicodeConsole(env, platform)]).toEqual([console, expected]);
});

test("the fallback is cli-table3's ASCII style: the same table, column for column, Japanese included", () => {
  const rows = [
    ['運用環境', 'オンライン', '60'],
    ['ローカル応急措置環境', '利用不可', '-'],
  ];
  const render = (chars?: typeof ASCII_TABLE_CHARS) => {
    const table = new Table({
      head: ['環境', '状態', '外来'],
      style: { head: [], border: [] },
      ...(chars ? { chars } : {}),
    });
    table.push(...rows);
    return table.toString();
  };
  expect(render()).toContain('┌');
  expect(toAsciiConsole(render())).toBe(render(ASCII_TABLE_CHARS));
  expect(toAsciiConsole('✓ ok · ⚠ warn')).toBe('OK ok - ! warn');
});

test('Output writes human text in ASCII when the console needs it, and never touches JSON', () => {
  const written: string[] = [];
  const stream = { write: (chunk: string) => written.push(chunk) } as unknown as NodeJS.WritableStream;
  const ascii = new Output({
    json: false,
    verbose: false,
    color: false,
    unicode: false,
    stdout: stream,
    stderr: stream,
  });
  ascii.result({}, () => '┌─┐ ✓');
  ascii.note('⚠ note');
  const json = new Output({ json: true, verbose: false, color: false, unicode: false, stdout: stream, stderr: stream });
  json.result({ box: '┌─┐ ✓' }, () => 'unused');
  expect(written).toEqual(['+-+ OK\n', '! note\n', `${JSON.stringify({ box: '┌─┐ ✓' }, null, 2)}\n`]);
});
