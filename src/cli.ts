#!/usr/bin/env node
// The `roadmap-guard` command line: no logic here, each command lives in cli/.
import { main } from './cli/main.js';

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
