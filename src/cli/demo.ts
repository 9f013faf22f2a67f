/**
 * `roadmap-guard demo`: the whole product on the built-in example, offline —
 * 59 issues of a fictional B2B analytics company against the example policy.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReportInput, snapshotExecution } from '../report/report-input.js';
import { parseSnapshot } from '../snapshot/file.js';
import { type Command, EXIT, EXIT_CODES_HELP, parseStrictly, rejectArguments, reportBadInput } from './io.js';
import { packageFilePath, packageRoot } from './package.js';
import { loadLocalPolicy, parseFormat, render } from './simulate.js';

const demoUsage = () => `Usage: roadmap-guard demo [--format text|markdown|json]

Evaluates the built-in example roadmap (examples/acme-snapshot.json) against
the example policy (examples/roadmap-policy.yml) and prints the lead's report.
Offline; writes nothing. Try your own policy on it with:

  roadmap-guard simulate --policy .github/roadmap-policy.yml --snapshot ${packageFilePath(EXAMPLE_SNAPSHOT)}

  --format <format>   text (default), markdown or json
  --help, -h          this text

${EXIT_CODES_HELP}
The example roadmap is over its deal budget on purpose, so demo exits 1,
as simulate does on the same data.
`;

const EXAMPLE_POLICY = 'examples/roadmap-policy.yml';
const EXAMPLE_SNAPSHOT = 'examples/acme-snapshot.json';


export const demoCommand: Command = async (args, io) => {
  try {
    const { values, positionals } = parseStrictly('demo', args, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      io.stdout.write(demoUsage());
      return EXIT.ok;
    }
    rejectArguments(positionals, demoUsage());
    const format = parseFormat(values.format);
    const report = await exampleReport();
    io.stdout.write(render(report, format, io));
    return report.evaluation.compliant ? EXIT.ok : EXIT.fails;
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
    ...snapshotExecution(snapshot),
  });
}
