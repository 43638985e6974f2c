/**
 * Text from servers and files reaches a person without terminal controls: the sanitizer itself, the
 * translator's values (messages, the run log, the journal) and everything `Output` writes for a person,
 * whose own colours survive. `--json` is left to JSON's escaping.
 */
import { Writable } from 'node:stream';
import { Chalk } from 'chalk';
import { terminalText, terminalTextKeepingStyles, terminalValue } from '../../src/core/terminal-text.js';
import { translator } from '../../src/ui/i18n.js';
import { Output } from '../../src/ui/output.js';

/** What a hostile server or a planted state file might carry. */
const HOSTILE =
  'Clinic\x1b]0;pwned\x07 \x1b[2J\x1b[1;1HOK\r\x9b31mfake\x9d8;;http://evil\x9c' +
  '\x1bP1$r\x1b\\\u202egnp.exe\x00\x08\x7f\x85end';
/** Any control but line feed and tab, 7-bit or 8-bit. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

test('escape sequences (CSI, OSC, DCS; 7- and 8-bit) go whole, CR and other C0/C1 controls and bidi overrides go', () => {
  const clean = terminalText(HOSTILE);
  expect(clean).not.toMatch(CONTROL);
  expect(clean).toBe('Clinic OKfakegnp.exeend');
  expect(terminalText('a\r\nb\tc')).toBe('a\nb\tc');
  expect(terminalValue('line one\nline two\r\n')).toBe('line one line two ');
});

test('our own colours survive a rendering; a value cannot bring anything that moves or hides text', () => {
  const chalk = new Chalk({ level: 1 });
  const painted = `${chalk.red('down')} ${chalk.bold('x')} ${chalk.green('ok')}`;
  expect(terminalTextKeepingStyles(painted)).toBe(painted);
  expect(terminalTextKeepingStyles(`${painted}\x1b[2J\x1b]0;t\x07`)).toBe(painted);
});

test('every value the translator interpolates is clean, in both languages', () => {
  for (const lang of ['en', 'ja'] as const) {
    const text = translator(lang)('http.unexpectedStatus', {
      env: 'operating',
      url: 'https://x.test/',
      status: 500,
      serverCode: HOSTILE,
    });
    expect(text).not.toMatch(CONTROL);
    expect(text).toContain('Clinic OKfake');
  }
});

test('Output writes no control of a value to a person; --json keeps the value, escaped', () => {
  const sink = (): { stream: Writable & { isTTY?: boolean }; text: () => string } => {
    let text = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        done();
      },
    });
    return { stream, text: () => text };
  };
  const out = sink();
  const err = sink();
  const human = new Output({ json: false, verbose: true, color: false, stdout: out.stream, stderr: err.stream });
  human.result({}, () => `name: ${HOSTILE}`);
  human.line(HOSTILE);
  human.note(HOSTILE);
  human.debug(HOSTILE);
  expect(out.text()).not.toMatch(CONTROL);
  expect(err.text()).not.toMatch(CONTROL);
  expect(out.text()).toContain('name: Clinic OKfakegnp.exeend\n');

  const json = sink();
  new Output({ json: true, verbose: false, color: false, stdout: json.stream }).result({ name: HOSTILE }, () => '');
  expect(json.text()).not.toMatch(CONTROL); // JSON escapes C0; C1 and bidi overrides are escaped as well
  expect((JSON.parse(json.text()) as { name: string }).name).toBe(HOSTILE);
});
