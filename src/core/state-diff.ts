/**
 * What a state change changed, as the journal records it: the changed leaves by dotted path, with their
 * value before and after (`null` where the leaf did not exist).
 */
export interface StateDiff {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/**
 * Compares two JSON-like documents leaf by leaf (arrays count as leaves). Guarantees: an unchanged
 * document gives `{ before: {}, after: {} }`; both sides always have the same keys; keys are sorted.
 */
export function diffState(before: unknown, after: unknown): StateDiff {
  const left = flatten(before);
  const right = flatten(after);
  const paths = [...new Set([...left.keys(), ...right.keys()])].sort();
  const diff: StateDiff = { before: {}, after: {} };
  for (const path of paths) {
    // An absent leaf and a null one mean the same to a reader: no difference.
    const a = left.get(path) ?? null;
    const b = right.get(path) ?? null;
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    diff.before[path] = a;
    diff.after[path] = b;
  }
  return diff;
}

/** True when the diff records no change. */
export function isEmptyDiff(diff: StateDiff): boolean {
  return Object.keys(diff.after).length === 0;
}

function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    for (const [key, child] of entries) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    return out;
  }
  if (prefix !== '') out.set(prefix, value);
  return out;
}
