import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema } from '../../src/policy/json-schema.js';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema> };

/** Every object schema in the tree with the key path that leads to it. */
function objectSchemas(node: unknown, path = '(root)'): { path: string; schema: JsonSchema }[] {
  if (typeof node !== 'object' || node === null) return [];
  const schema = node as JsonSchema;
  const found = schema.properties ? [{ path, schema }] : [];
  const children: [string, unknown][] = [
    ...Object.entries(schema.properties ?? {}).map(([key, value]) => [`${path}.${key}`, value] as [string, unknown]),
    [`${path}[]`, schema['items']],
    [`${path}.*`, schema['additionalProperties']],
    ...((schema['anyOf'] as unknown[] | undefined) ?? []).map((value) => [path, value] as [string, unknown]),
  ];
  return [...found, ...children.flatMap(([childPath, child]) => objectSchemas(child, childPath))];
}

describe('the policy JSON Schema', () => {
  it('is committed as roadmap-policy.schema.json exactly as generated (run npm run build to refresh it)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', '..', 'roadmap-policy.schema.json'), 'utf8');

    expect(committed).toBe(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
  });

  it('describes every key, for editor tooltips', () => {
    const undocumented = objectSchemas(policyJsonSchema()).flatMap(({ path, schema }) =>
      Object.entries(schema.properties ?? {})
        .filter(([, property]) => typeof property.description !== 'string' || property.description.length < 10)
        .map(([key]) => `${path}.${key}`),
    );

    expect(undocumented).toEqual([]);
  });

  it('rejects unknown keys everywhere, as the loader does', () => {
    const open = objectSchemas(policyJsonSchema()).filter(({ schema }) => schema['additionalProperties'] !== false);

    expect(open.map(({ path }) => path)).toEqual([]);
  });

  it('accepts shares the loader accepts and refuses the ones it refuses', () => {
    const budget = objectSchemas(policyJsonSchema()).find(({ path }) => path.endsWith('.budget'));
    const [asText, asNumber] = budget?.schema.properties?.['max-share']?.['anyOf'] as [{ pattern: string }, { minimum: number; maximum: number }];
    const pattern = new RegExp(asText.pattern);

    // A bare 1 was valid in 1.0 (100%) and stays valid within v1: the loader warns, editors accept it.
    expect(['10%', '12.5%', '100%', '1%', '0.1', '1', '1.0'].filter((share) => !pattern.test(share))).toEqual([]);
    expect(['150%', 'ten percent', '-10%', '10', '1.5'].filter((share) => pattern.test(share))).toEqual([]);
    expect(asNumber).toMatchObject({ minimum: 0, maximum: 1 });
    expect(asNumber).not.toHaveProperty('exclusiveMaximum');
  });

  it('has a stable address for the `# yaml-language-server: $schema=` line', () => {
    const schema = policyJsonSchema();
    const example = readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'roadmap-policy.yml'), 'utf8');

    expect(example.split('\n')[0]).toBe(`# yaml-language-server: $schema=${String(schema['$id'])}`);
  });
});
