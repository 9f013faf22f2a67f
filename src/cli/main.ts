import { type CliIo, type Command, EXIT } from './io.js';
import { validateCommand } from './validate.js';
import { demoCommand } from './demo.js';
import { simulateCommand } from './simulate.js';
import { snapshotCommand } from './snapshot.js';

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  validate: { run: validateCommand, summary: 'validate [path]   check a policy file offline' },
  demo: { run: demoCommand, summary: 'demo              evaluate the built-in example roadmap, offline' },
  simulate: { run: simulateCommand, summary: 'simulate --policy P --snapshot S [--at DATE]   what-if: evaluate a policy against a snapshot' },
  snapshot: { run: snapshotCommand, summary: 'snapshot --repo OWNER/NAME [--project OWNER/N] [--out FILE]   capture real data for simulate' },
};

const USAGE = `Usage: roadmap-guard <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.summary}`)
  .join('\n')}
`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`roadmap-guard: unknown command "${name}"\n\n${USAGE}`);
    return EXIT.badInput;
  }
  return command.run(args, io);
}
