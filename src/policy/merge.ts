/**
 * How an extending policy combines with the one it extends: its keys win,
 * mappings merge key by key (a category defined in both gets the keys of both),
 * lists are replaced whole (so a team can shorten an organization's list).
 */
export function mergePolicyData(base: unknown, override: unknown): unknown {
  if (!isMapping(base) || !isMapping(override)) return override === undefined ? base : override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = mergePolicyData(base[key], value);
  return merged;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
