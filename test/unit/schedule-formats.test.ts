/**
 * The scheduler artefacts checked against their formats with real parsers, for paths with spaces and
 * Japanese: the Task Scheduler XML (as the UTF-16 bytes `schedule install` writes) validated by xmllint
 * against the schema subset written from Microsoft's published Task Scheduler Schema documentation
 * (test/fixtures/schemas/task-scheduler-subset.xsd — NOT Microsoft's own XSD file, which cannot be shipped
 * here), its values read back through XPath and the arguments split as node.exe splits them; the launchd
 * plist read by Python's plistlib (what `plutil -lint` checks: a well-formed property list) with the key
 * types launchd.plist(5) documents.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeUtf16 } from '../../src/adapters/scheduler/os-scheduler.js';
import { UsageError } from '../../src/core/errors.js';
import {
  LAUNCHD_LABEL,
  renderLaunchdPlist,
  renderWindowsTask,
  type ScheduledCommand,
} from '../../src/core/schedule-artefacts.js';
import { readPlist, taskXmlText, validateTaskXml } from '../helpers/artefact-formats.js';
import { splitWindowsArguments } from '../helpers/windows-argv.js';

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'orca-schedule-formats-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const YAMADA = 'C:\\Users\\山田 太郎';
const windows: ScheduledCommand = {
  program: 'C:\\Program Files\\nodejs\\node.exe',
  args: [
    `${YAMADA}\\AppData\\Roaming\\npm\\node_modules\\orca-hybrid\\bin\\orca-hybrid.js`,
    'sync',
    '--config',
    `${YAMADA}\\クリニック 設定\\orca-hybrid.yaml`,
    '--state-dir',
    // A trailing backslash before the closing quote, a quote, & and < inside, a 50% folder.
    'D:\\orca "state" & <50%> 状態\\',
  ],
  workingDir: `${YAMADA}\\クリニック 設定`,
  outputFile: `${YAMADA}\\AppData\\Local\\orca-hybrid\\state\\schedule-output.log`,
};
const start = new Date(2026, 10, 27, 14, 0, 0);

function writeTask(name: string, xml: string): string {
  const file = join(dir, name);
  writeFileSync(file, encodeUtf16(xml));
  return file;
}

describe('Windows Task Scheduler XML', () => {
  test('validates against the schema, as UTF-16 with a BOM; Command, Arguments and WorkingDirectory read back exactly', async () => {
    const file = writeTask('task.xml', renderWindowsTask(windows, start));
    expect(await validateTaskXml(file)).toEqual({ ok: true, errors: [] });
    expect(await taskXmlText(file, 'Command')).toBe('"C:\\Program Files\\nodejs\\node.exe"');
    expect(splitWindowsArguments(await taskXmlText(file, 'Arguments'))).toEqual(windows.args);
    expect(await taskXmlText(file, 'WorkingDirectory')).toBe(windows.workingDir);
    expect(await taskXmlText(file, 'StartBoundary')).toBe('2026-11-27T14:00:00');
    expect(await taskXmlText(file, 'MultipleInstancesPolicy')).toBe('IgnoreNew');
    expect(await taskXmlText(file, 'ExecutionTimeLimit')).toBe('PT50M');
  });

  test.each([
    [
      'a trigger with its children out of the documented order',
      (xml: string) =>
        xml.replace(/(<Enabled>true<\/Enabled>\r\n\s*)(<StartBoundary>[^<]*<\/StartBoundary>)/, '$2\r\n      $1'),
      /StartBoundary|Enabled/,
    ],
    [
      'a MultipleInstancesPolicy outside its four values',
      (xml: string) => xml.replace('IgnoreNew', 'Sometimes'),
      /MultipleInstancesPolicy/,
    ],
    [
      'an Actions Context naming no principal',
      (xml: string) => xml.replace('Context="Author"', 'Context="Nobody"'),
      /Context|keyref|key/i,
    ],
    [
      'an hourly repetition below a minute',
      (xml: string) => xml.replace('<Interval>PT1H', '<Interval>PT30S'),
      /Interval/,
    ],
    ['no Actions', (xml: string) => xml.replace(/<Actions[\s\S]*<\/Actions>/, ''), /Actions|Task/],
  ])('the schema check fails on %s (so a pass means something)', async (_what, spoil, mentioned) => {
    const file = writeTask('spoilt.xml', spoil(renderWindowsTask(windows, start)));
    const verdict = await validateTaskXml(file);
    expect(verdict.ok).toBe(false);
    expect(verdict.errors.join('\n')).toMatch(mentioned);
  });

  test('a program path longer than Task Scheduler takes (260) is refused before anything is written', () => {
    const long = { ...windows, program: `C:\\${'長い名前のフォルダー\\'.repeat(30)}node.exe` };
    expect(() => renderWindowsTask(long, start)).toThrow(UsageError);
    const deep = { ...windows, workingDir: `C:\\${'x'.repeat(260)}` };
    expect(() => renderWindowsTask(deep, start)).toThrow(expect.objectContaining({ key: 'schedule.pathTooLong' }));
  });
});

describe('launchd plist', () => {
  const home = '/Users/山田 太郎';
  const mac: ScheduledCommand = {
    program: '/opt/homebrew/Cellar/node@20/20.19.1/bin/node',
    args: [
      '/opt/homebrew/lib/node_modules/orca-hybrid/bin/orca-hybrid.js',
      'sync',
      '--config',
      `${home}/クリニック 設定/orca-hybrid.yaml`,
      '--state-dir',
      `${home}/Library/Application Support/orca-hybrid & <co> "x"`,
    ],
    workingDir: `${home}/クリニック 設定`,
    outputFile: `${home}/Library/Application Support/orca-hybrid/schedule-output.log`,
  };

  test('plistlib reads it; every key launchd.plist(5) documents with its type; paths exact', async () => {
    const file = join(dir, `${LAUNCHD_LABEL}.plist`);
    writeFileSync(file, renderLaunchdPlist(mac));
    const plist = (await readPlist(file)) as Record<string, unknown>;
    expect(plist).toEqual({
      Label: LAUNCHD_LABEL,
      ProgramArguments: [mac.program, ...mac.args],
      StartCalendarInterval: { Minute: 0 },
      RunAtLoad: false,
      ProcessType: 'Background',
      WorkingDirectory: mac.workingDir,
      StandardOutPath: mac.outputFile,
      StandardErrorPath: mac.outputFile,
    });
    // launchd.plist(5): Minute is an integer 0–59, RunAtLoad a boolean, ProcessType one of four values.
    expect(Number.isInteger((plist.StartCalendarInterval as { Minute: unknown }).Minute)).toBe(true);
    expect(['Background', 'Standard', 'Adaptive', 'Interactive']).toContain(plist.ProcessType);
  });

  test('plistlib refuses what is not a property list (so reading it means something)', async () => {
    const file = join(dir, 'broken.plist');
    writeFileSync(file, renderLaunchdPlist(mac).replace('<string>sync</string>', '<string>a & b</string>'));
    await expect(readPlist(file)).rejects.toThrow(/plistlib/);
    writeFileSync(file, renderLaunchdPlist(mac).replace('<integer>0</integer>', '<integer>zero</integer>'));
    await expect(readPlist(file)).rejects.toThrow(/plistlib/);
  });
});
