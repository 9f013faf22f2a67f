import { z } from 'zod';
import { LABEL_GLOB_PATTERN, labelGlob, policyFileSchema, shareInput } from './schema.js';

const POLICY_SCHEMA_URL = 'https://raw.githubusercontent.com/roadmap-guard/roadmap-guard/main/roadmap-policy.schema.json';

/**
 * The JSON Schema of the policy file as users write it (before defaults and normalization),
 * committed as roadmap-policy.schema.json so editors validate and complete the file.
 */
export function policyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(policyFileSchema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      // Rules checked in code (a share's value, a glob's characters) written out for editors.
      if (zodSchema === shareInput) {
        delete jsonSchema.type;
        jsonSchema.anyOf = [
          // A bare 1 is valid, as in 1.0 (read as 100%, with a warning from the loader): editors must not refuse a v1 policy.
          { type: 'string', pattern: '^\\s*((100(\\.0+)?|\\d{1,2}(\\.\\d+)?)\\s*%|0(\\.\\d+)?|1(\\.0+)?)\\s*$', description: 'A percentage such as "10%", at most 100%.' },
          { type: 'number', minimum: 0, maximum: 1, description: 'A fraction such as 0.1; a bare 1 is read as 100%, with a warning (write 1% or 100%).' },
        ];
      }
      if (zodSchema === labelGlob) jsonSchema.pattern = LABEL_GLOB_PATTERN;
    },
  });
  return { ...schema, $id: POLICY_SCHEMA_URL, title: 'Roadmap Guard policy (.github/roadmap-policy.yml)' };
}
