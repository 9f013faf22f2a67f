/**
 * What the benchmark runs in the child process: the built action, loaded as
 * the runner loads it (`ROADMAP_GUARD_BENCH_ENTRY` names dist/index.js), and
 * at exit one line on stderr with the process's peak memory and CPU time.
 */
import { pathToFileURL } from 'node:url';
import { usageLine } from './usage-line.js';

const entry = process.env.ROADMAP_GUARD_BENCH_ENTRY;
if (!entry) throw new Error('ROADMAP_GUARD_BENCH_ENTRY must name the action to run');
// stderr is a pipe: written synchronously on Linux, so the line is out before the process ends.
process.on('exit', () => process.stderr.write(usageLine(process.resourceUsage())));
await import(pathToFileURL(entry).href);
