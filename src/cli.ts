#!/usr/bin/env node
// The `roadmap-guard` command line's composition root: GitHub as the forge. No logic here, each command lives in cli/.
import { main } from './cli/main.js';
import { isGitHubFailure } from './github/errors.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  // Loaded only for the commands that read GitHub.
  connect: async (options) => (await import('./github/forge.js')).connectGitHub(options),
  isForgeFailure: isGitHubFailure,
});
