/**
 * How an extending policy combines with the one it extends: its keys win,
 * mappings merge key by key (a category defined in both gets the keys of both),
 * lists are replaced whole (so a team can shorten an organization's list).
 */
export function mergePolicyData(base: unknown, override: unknown): unknown {
  if (!isMapping(base) || !isMapping(override)) return override === undefined ? base : override;
  // Own keys only, and built with fromEntries: a key like `constructor` must not pick up Object's, nor `__proto__` set a prototype.
  const keys = new Set([...Object.keys(base), ...Object.keys(override)]);
  return Object.fromEntries([...keys].map((key) => [key, mergePolicyData(ownValue(base, key), ownValue(override, key))]));
}

function ownValue(mapping: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(mapping, key) ? mapping[key] : undefined;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` in parsed data, or undefined when the path is not there. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
