// Writes roadmap-policy.schema.json from the policy schema, so editors validate and autocomplete the policy file.
// Runs after the TypeScript build (it reads lib/).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { policyJsonSchema } from '../lib/policy/json-schema.js';
import { snapshotJsonSchema } from '../lib/snapshot/file.js';

writeFileSync(join(import.meta.dirname, '..', 'roadmap-policy.schema.json'), `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
writeFileSync(join(import.meta.dirname, '..', 'snapshot.schema.json'), `${JSON.stringify(snapshotJsonSchema(), null, 2)}\n`);
