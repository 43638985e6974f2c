import type { Loader } from 'cosmiconfig';
import { realpath } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';

/**
 * A configuration file that could not be parsed. Carries only where (line/column) and what kind of
 * error, never a snippet: parsers quote the offending text, and that text may be a secret.
 */
export class ConfigParseFailure extends Error {
  constructor(
    readonly position: string,
    readonly reason: string,
  ) {
    super(`${reason} at ${position}`);
    this.name = 'ConfigParseFailure';
  }
}

function lineColumn(content: string, offset: number): string {
  const before = content.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

export const loadYamlSafely: Loader = (_filepath, content) => {
  const doc = YAML.parseDocument(content);
  const error = doc.errors[0];
  if (error) {
    const pos = error.linePos?.[0];
    throw new ConfigParseFailure(
      pos ? `line ${pos.line}, column ${pos.col}` : 'an unknown position',
      `YAML ${error.code}`,
    );
  }
  return doc.toJS() as unknown;
};

export const loadJsonSafely: Loader = (_filepath, content) => {
  try {
    return JSON.parse(content) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const at = /^(.*?) in JSON at position (\d+)/.exec(message);
    if (at) throw new ConfigParseFailure(lineColumn(content, Number(at[2])), `JSON: ${at[1]!}`);
    if (/Unexpected end of JSON input/.test(message))
      throw new ConfigParseFailure(lineColumn(content, content.length), 'JSON: unexpected end of input');
    // V8 quotes the text around this kind of error; ask the YAML parser (JSON schema) only for the position.
    const pos = YAML.parseDocument(content, { schema: 'json' }).errors[0]?.linePos?.[0];
    throw new ConfigParseFailure(
      pos ? `line ${pos.line}, column ${pos.col}` : 'an unknown position',
      'JSON: unexpected text',
    );
  }
};

/** `.js` / `.mjs` / `.cjs` through `import()` (CommonJS arrives as `default`). */
export const loadJsSafely: Loader = async (filepath) => {
  try {
    const module = (await import(pathToFileURL(await realpath(filepath)).href)) as { default?: unknown };
    return module.default;
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const code = (error as { code?: unknown }).code;
    const stack = error instanceof Error ? (error.stack ?? '') : '';
    const line = [filepath, pathToFileURL(filepath).href]
      .map((p) => new RegExp(`${escapeRegExp(p)}:(\\d+)`).exec(stack)?.[1])
      .find((l) => l !== undefined);
    throw new ConfigParseFailure(
      line ? `line ${line}` : 'an unknown position',
      typeof code === 'string' ? `${name} ${code}` : name,
    );
  }
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
