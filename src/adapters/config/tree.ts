import { SECRET_KEYS, type ConfigProblem } from '../../core/config-schema.js';

/** A raw, unvalidated configuration tree (one layer, or the merge of several). */
export type ConfigTree = Record<string, unknown>;

export function isPlainObject(value: unknown): value is ConfigTree {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function cloneTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneTree) as T;
  if (!isPlainObject(value)) return value;
  const out: ConfigTree = {};
  for (const [key, child] of Object.entries(value)) out[key] = cloneTree(child);
  return out as T;
}

export function getPath(tree: unknown, path: readonly string[]): unknown {
  let node: unknown = tree;
  for (const key of path) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** Sets `path` in `tree`, creating sections on the way (a non-section in the way is replaced). */
export function setPath(tree: ConfigTree, path: readonly string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(node[key])) node[key] = {};
    node = node[key] as ConfigTree;
  }
  node[path[path.length - 1]!] = value;
}

/** Calls `visit` for every section (object) in the tree with its dotted path. */
export function forEachSection(
  tree: ConfigTree,
  visit: (section: ConfigTree, path: string[]) => void,
  path: string[] = [],
): void {
  visit(tree, path);
  for (const [key, child] of Object.entries(tree)) {
    if (isPlainObject(child)) forEachSection(child, visit, [...path, key]);
  }
}

/**
 * Merges layers, later ones winning. A secret given in a later layer, inline or as `…File`, replaces
 * both forms from earlier layers, so an environment `…_API_KEY` beats a file's `apiKeyFile`.
 */
export function mergeLayers(layers: readonly ConfigTree[]): ConfigTree {
  const out: ConfigTree = {};
  for (const layer of layers) mergeInto(out, layer);
  return out;
}

function mergeInto(target: ConfigTree, source: ConfigTree): void {
  for (const secret of SECRET_KEYS) {
    if (source[secret] !== undefined || source[`${secret}File`] !== undefined) {
      delete target[secret];
      delete target[`${secret}File`];
    }
  }
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (isPlainObject(value) && isPlainObject(target[key])) mergeInto(target[key] as ConfigTree, value);
    else target[key] = cloneTree(value);
  }
}

/** Within one layer, a secret given both inline and as `…File` is ambiguous. */
export function findSecretConflicts(layer: ConfigTree, source: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  forEachSection(layer, (section, path) => {
    for (const secret of SECRET_KEYS) {
      if (section[secret] !== undefined && section[`${secret}File`] !== undefined) {
        problems.push({
          path: [...path, `${secret}File`].join('.'),
          message: `give either ${secret} or ${secret}File, not both (${source})`,
        });
      }
    }
  });
  return problems;
}

/** True when the tree holds a secret value inline (not only `…File` paths). */
export function hasInlineSecret(tree: ConfigTree): boolean {
  let found = false;
  forEachSection(tree, (section) => {
    if (SECRET_KEYS.some((k) => typeof section[k] === 'string' && section[k] !== '')) found = true;
  });
  return found;
}
