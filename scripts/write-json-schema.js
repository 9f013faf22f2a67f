// Writes roadmap-policy.schema.json from the policy schema, so editors validate and autocomplete the policy file.
// Runs after the TypeScript build (it reads lib/).
import { writeFileSync } from 'node:fs';
import { policyJsonSchema } from '../lib/policy/json-schema.js';

writeFileSync(new URL('../roadmap-policy.schema.json', import.meta.url), `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
