import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { policyFileSchema } from '../policy/schema.js';
import { type Command, EXIT } from './io.js';

export const validateCommand: Command = async (args, io) => {
  const path = args[0] ?? '.github/roadmap-policy.yml';
  const result = policyFileSchema.safeParse(parse(await readFile(path, 'utf8')));
  if (!result.success) {
    io.stderr.write(`${path}: invalid policy\n`);
    return EXIT.failed;
  }
  io.stdout.write(`${path}: OK\n`);
  return EXIT.ok;
};
