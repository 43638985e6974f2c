import { configSchema } from '../../core/config-schema.js';

/** What the schema expects at a dotted setting path: a value type, a section (object), or nothing. */
export type SettingKind = 'string' | 'number' | 'boolean' | 'section';

interface ZodNode {
  _zod: {
    def: { type: string; innerType?: ZodNode; in?: ZodNode; shape?: Record<string, ZodNode>; options?: ZodNode[] };
  };
}

const wrappers = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

function unwrap(node: ZodNode): ZodNode {
  let current = node;
  for (;;) {
    const def = current._zod.def;
    if (wrappers.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

function child(node: ZodNode, key: string): ZodNode | undefined {
  const def = unwrap(node)._zod.def;
  if (def.type === 'object') return def.shape?.[key];
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const found = child(option, key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The kind of setting at `path` in the config schema (walking through optional/default wrappers and both
 * branches of the operating environment's `kind` union), or `undefined` when no such setting exists.
 * The environment loader uses it to coerce `ORCA_HYBRID_*` strings only where a number or boolean is expected.
 */
export function describeSetting(path: readonly string[]): SettingKind | undefined {
  let node: ZodNode | undefined = configSchema as unknown as ZodNode;
  for (const key of path) {
    node = child(node, key);
    if (!node) return undefined;
  }
  const type = unwrap(node)._zod.def.type;
  if (type === 'object' || type === 'union') return 'section';
  if (type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  return 'string';
}
