/**
 * A user whose home folder and clinic folder hold a space and Japanese (`山田 太郎`, `クリニック 設定`),
 * through the built binary: the default state folder under that home, what the tool writes there and reads
 * back, and the scheduler artefacts it prints for those paths, read with real parsers.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unreachableTree, writeConfigFile } from '../helpers/config-builder.js';
import { readPlist, taskXmlText, validateTaskXml } from '../helpers/artefact-formats.js';
import { runCli } from '../helpers/cli.js';
import { splitWindowsArguments } from '../helpers/windows-argv.js';
import { encodeUtf16 } from '../../src/adapters/scheduler/os-scheduler.js';

let root: string;
let home: string;
let clinic: string;
let config: string;
let env: NodeJS.ProcessEnv;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'orca-paths-'));
  home = join(root, '山田 太郎');
  clinic = join(home, 'クリニック 設定');
  mkdirSync(clinic, { recursive: true });
  config = writeConfigFile(join(clinic, 'orca-hybrid.json'), unreachableTree('バックアップ 先'));
  env = { HOME: home, XDG_STATE_HOME: '', XDG_CACHE_HOME: '' };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('the default state folder is under that home; what is written there is read back', async () => {
  const shown = await runCli(['--config', config, 'config', 'show', '--json'], { env });
  const effective = JSON.parse(shown.stdout) as { config: { stateDir: string; backup: { folder: string } } };
  const stateDir = join(home, '.local', 'state', 'orca-hybrid');
  expect(effective.config.stateDir).toBe(stateDir);
  expect(effective.config.backup.folder).toBe(join(clinic, 'バックアップ 先'));

  const select = await runCli(['--config', config, 'select', 'local', '--json'], { env });
  expect(select.code).toBe(0);
  expect(existsSync(join(stateDir, 'state.json'))).toBe(true);
  const journal = await runCli(['--config', config, 'journal', '--json'], { env });
  const entries = JSON.parse(journal.stdout) as Array<{ command: string; outcome: string }>;
  expect(entries.map((e) => [e.command, e.outcome])).toEqual([['select', 'ok']]);
});

test('schedule show: the plist and the Task Scheduler XML for these paths parse, and give back the exact arguments', async () => {
  const [launchd, windows] = await Promise.all(
    ['launchd', 'windows'].map(async (platform) => {
      const run = await runCli(['--config', config, 'schedule', 'show', '--platform', platform, '--json'], { env });
      expect([platform, run.code]).toEqual([platform, 0]);
      return JSON.parse(run.stdout) as { command: string[]; artefacts: Array<{ content: string }> };
    }),
  );
  const stateDir = join(home, '.local', 'state', 'orca-hybrid');
  expect(launchd!.command.slice(2)).toEqual(['sync', '--config', config, '--state-dir', stateDir]);

  const plistFile = join(root, 'sync.plist');
  writeFileSync(plistFile, launchd!.artefacts[0]!.content);
  const plist = (await readPlist(plistFile)) as { ProgramArguments: string[]; WorkingDirectory: string };
  expect(plist.ProgramArguments).toEqual(launchd!.command);
  expect(plist.WorkingDirectory).toBe(clinic);

  const taskFile = join(root, 'task.xml');
  writeFileSync(taskFile, encodeUtf16(windows!.artefacts[0]!.content));
  expect(await validateTaskXml(taskFile)).toEqual({ ok: true, errors: [] });
  expect(splitWindowsArguments(await taskXmlText(taskFile, 'Arguments'))).toEqual(windows!.command.slice(1));
  expect(await taskXmlText(taskFile, 'WorkingDirectory')).toBe(clinic);
});
