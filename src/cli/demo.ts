/**
 * `roadmap-guard demo`: the whole product on the built-in example, offline —
 * 59 issues of a fictional B2B analytics company against the example policy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReportInput } from '../report/report-input.js';
import { parseSnapshot } from '../core/snapshot.js';
import { BadInput, type Command, EXIT, reportBadInput } from './io.js';
import { loadLocalPolicy, parseFormat, parseStrictly, render } from './simulate.js';

const DEMO_USAGE = `Usage: roadmap-guard demo [--format text|markdown|json]

Evaluates the built-in example roadmap (examples/acme-snapshot.json) against
the example policy (examples/roadmap-policy.yml) and prints the lead's report.
Offline; writes nothing. Try your own policy on it with:

  roadmap-guard simulate --policy .github/roadmap-policy.yml --snapshot examples/acme-snapshot.json
`;

const EXAMPLE_POLICY = 'examples/roadmap-policy.yml';
const EXAMPLE_SNAPSHOT = 'examples/acme-snapshot.json';

export const demoCommand: Command = async (args, io) => {
  try {
    const { values, positionals } = parseStrictly(args, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      io.stdout.write(DEMO_USAGE);
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new BadInput(`unexpected argument "${positionals[0]}"\n\n${DEMO_USAGE}`);
    const format = parseFormat(values.format);
    io.stdout.write(render(await exampleReport(), format, io));
    // The example is meant to show failures: the demo itself succeeded.
    return EXIT.ok;
  } catch (error) {
    return reportBadInput('demo', error, io);
  }
};

/** The example evaluated at the moment the snapshot was taken, so the demo prints the same report every day. */
async function exampleReport() {
  const root = packageRoot();
  const snapshot = parseSnapshot(readFileSync(join(root, EXAMPLE_SNAPSHOT), 'utf8'), EXAMPLE_SNAPSHOT);
  const loaded = await loadLocalPolicy(EXAMPLE_POLICY, root);
  return buildReportInput({
    mode: 'demo',
    policy: loaded.policy,
    items: snapshot.items,
    now: snapshot.takenAt,
    policySources: loaded.sources,
    sourceName: snapshot.source.name,
    trendMonths: 6,
  });
}

/**
 * The installed package's root: the nearest directory above this module whose
 * package.json is named roadmap-guard. Works from src/ under the tests and
 * from the dist/cli/ bundle alike.
 */
export function packageRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isRoadmapGuard(manifest)) return dir;
    if (dirname(dir) === dir) throw new BadInput(`cannot find the roadmap-guard package above ${from}; reinstall it`);
  }
}

function isRoadmapGuard(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'roadmap-guard';
  } catch {
    return false;
  }
}

