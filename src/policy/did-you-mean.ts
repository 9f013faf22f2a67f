/** "Did you mean `max-share`?" — the nearest allowed word to a mistyped one. */
import { z } from 'zod';
import type { KeyPath } from './yaml-source.js';

/** The closest candidate within a small edit distance, or undefined when nothing is close. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const needle = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(needle, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  // Allow about one mistake per three letters, so `maxshare` finds `max-share` but `foo` finds nothing.
  const tolerance = Math.max(2, Math.floor(word.length / 3));
  if (best && best.distance <= tolerance) return best.candidate;
  // A shortened word (`stale` for `stale-backlog`) is a clear hint when only one candidate starts with it.
  const extended = needle.length >= 3 ? candidates.filter((candidate) => candidate.toLowerCase().startsWith(needle)) : [];
  return extended.length === 1 ? extended[0] : undefined;
}

/** Levenshtein distance, where swapping two neighbouring letters counts as one edit. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = distance;
    }
  }
  return rows[a.length]![b.length]!;
}

/** The keys a strict object accepts at `path` in `schema`, or [] when the path is not an object. */
export function allowedKeysAt(schema: z.ZodType, path: KeyPath): string[] {
  const objects = schemasAt(schema, path).filter((s) => s instanceof z.ZodObject);
  return [...new Set(objects.flatMap((s) => Object.keys((s as z.ZodObject).shape)))];
}

/** The schema of the value at `path`, as declared (with its defaults and checks), or undefined when there is none. */
export function schemaAt(schema: z.ZodType, path: KeyPath): z.ZodType | undefined {
  if (path.length === 0) return schema;
  const parents = path.length === 1 ? unwrap(schema) : schemasAt(schema, path.slice(0, -1));
  const key = path.at(-1)!;
  for (const parent of parents) {
    if (parent instanceof z.ZodObject && Object.hasOwn(parent.shape, String(key))) return (parent.shape as Record<string, z.ZodType>)[String(key)];
    if (parent instanceof z.ZodRecord) return parent.valueType as z.ZodType;
    if (parent instanceof z.ZodArray && typeof key === 'number') return parent.element as z.ZodType;
  }
  return undefined;
}

/** Every schema that may describe the value at `path` (a union may offer several). */
function schemasAt(schema: z.ZodType, path: KeyPath): z.ZodType[] {
  const here = unwrap(schema);
  if (path.length === 0) return here;
  const [segment, ...rest] = path;
  return here.flatMap((s) => {
    if (s instanceof z.ZodObject) {
      const field = (s.shape as Record<string, z.ZodType>)[String(segment)];
      return field ? schemasAt(field, rest) : [];
    }
    if (s instanceof z.ZodRecord) return schemasAt(s.valueType as z.ZodType, rest);
    if (s instanceof z.ZodArray) return schemasAt(s.element as z.ZodType, rest);
    return [];
  });
}

/** Looks through optional, default, prefault, transform and union wrappers to the schemas that hold data. */
function unwrap(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) return unwrap(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return unwrap(schema.in as z.ZodType);
  if (schema instanceof z.ZodUnion) return (schema.options as z.ZodType[]).flatMap(unwrap);
  return [schema];
}
