/**
 * Reading the scheduler artefacts with real parsers: xmllint (libxml2; Debian's libxml2-utils, installed by
 * .ci/run) validates a Task Scheduler XML against the schema subset in test/fixtures/schemas and reads values
 * out of it; Python's plistlib (the standard library's property-list parser) reads a launchd plist.
 */
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

export const TASK_SCHEMA = fileURLToPath(new URL('../fixtures/schemas/task-scheduler-subset.xsd', import.meta.url));

/** xmllint's verdict on `file` against the Task Scheduler schema subset: ok, or its error lines. */
export async function validateTaskXml(file: string): Promise<{ ok: boolean; errors: string[] }> {
  const run = await execa('xmllint', ['--noout', '--nonet', '--schema', TASK_SCHEMA, file], { reject: false });
  const errors = String(run.stderr)
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.endsWith(' validates'));
  return { ok: run.exitCode === 0, errors };
}

/** The text of the first element named `name` (any namespace) in `file`, as xmllint's XPath reads it. */
export async function taskXmlText(file: string, name: string): Promise<string> {
  const run = await execa('xmllint', ['--nonet', '--xpath', `string(//*[local-name()='${name}'])`, file]);
  return String(run.stdout);
}

/** The plist in `file` as plistlib reads it (dates and data would not survive JSON; launchd plists have neither). */
export async function readPlist(file: string): Promise<unknown> {
  const script =
    'import json, plistlib, sys\nwith open(sys.argv[1], "rb") as f:\n    print(json.dumps(plistlib.load(f)))';
  const run = await execa('python3', ['-c', script, file], { reject: false });
  if (run.exitCode !== 0) throw new Error(`plistlib: ${String(run.stderr).trim().split('\n').at(-1)}`);
  return JSON.parse(String(run.stdout));
}
