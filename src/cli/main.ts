import { type CliIo, type Command, EXIT, EXIT_CODES_HELP } from './io.js';
import { validateCommand } from './validate.js';
import { demoCommand } from './demo.js';
import { simulateCommand } from './simulate.js';
import { packageVersion } from './package.js';
import { closest } from '../policy/did-you-mean.js';
import { snapshotCommand } from './snapshot.js';
import { formsCommand } from './forms.js';

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  validate: { run: validateCommand, summary: 'validate [path]   check a policy file (offline unless it extends another)' },
  demo: { run: demoCommand, summary: 'demo              evaluate the built-in example roadmap, offline' },
  simulate: { run: simulateCommand, summary: 'simulate          what-if: evaluate a policy against a snapshot of issues,\n                    --policy <file> --snapshot <file> [--at <date>]' },
  forms: { run: formsCommand, summary: 'forms             write an issue form per category with a business case,\n                    [--policy <file>] [--out <dir>]' },
  snapshot: { run: snapshotCommand, summary: 'snapshot          capture real data for simulate: what an audit reads,\n                    --repo <owner/name> [--project <owner/number>] [--out <file>]' },
};

const USAGE = `Usage: roadmap-guard <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((c) => `  ${c.summary}`)
  .join('\n')}

Options:
  --format text|markdown|json   how demo and simulate print the report (default: text)
  --help, -h                    a command's own options: roadmap-guard help <command>
  --version, -v                 the installed version

${EXIT_CODES_HELP}`;

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  // `help <command>` is `<command> --help`.
  if (name === 'help' && args.length > 0) return main([args[0]!, '--help'], io);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(USAGE);
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    const nearest = closest(name, Object.keys(COMMANDS));
    io.stderr.write(`roadmap-guard: unknown command "${name}"${nearest ? `; did you mean ${nearest}?` : ''}\n\n${USAGE}`);
    return EXIT.badInput;
  }
  return runCommand(name, command.run, args, io);
}

/**
 * A command's exit code. A crash is a bug: it is said as one, with the
 * stack to report, and exits 2 (the command could not do its job), never 1,
 * which means the check fails.
 */
export async function runCommand(name: string, run: Command, args: string[], io: CliIo): Promise<number> {
  try {
    return await run(args, io);
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr.write(`roadmap-guard ${name}: unexpected error, a bug in roadmap-guard ${packageVersion()}. Please report it with the command you ran and this output:\n${detail}\n`);
    return EXIT.badInput;
  }
}
