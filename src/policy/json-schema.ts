import { z } from 'zod';
import { policyFileSchema } from './schema.js';

/** The JSON Schema of the policy file as users write it (before defaults and normalization). */
export function policyJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(policyFileSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://raw.githubusercontent.com/roadmap-guard/roadmap-guard/main/roadmap-policy.schema.json',
    title: 'Roadmap Guard policy (.github/roadmap-policy.yml)',
  };
}
