/**
 * The layers of `src/`: for each folder, what it does, the folders it may
 * import besides its own, and the packages it may import. Dependencies run
 * one way: the engine at the bottom imports nothing, not even Node's
 * built-ins; file formats (`policy/`, `snapshot/`) read into the engine's
 * types, and `memory/` is the format of what the bot keeps in its own
 * comments; `report/` words things and `commands/` decides `/roadmap` commands
 * with those words; `plan/` decides writes as data; `ports/` declares the
 * forge and the runner the steps run through, and `github/` is that forge on
 * GitHub; the entry points (`action/`, `cli/`) run the steps in order, and
 * only the composition roots (`src/index.ts`, `src/cli.ts`) know it is GitHub.
 *
 * `test/architecture.test.ts` holds `src/` to it (every folder must be here),
 * and `npm run readme` writes the README's module map from it.
 */
export interface Layer {
  /** The folder under `src/`; `.` for the files at its top. */
  folder: string;
  /** What it does, for the README (markdown). */
  does: string;
  /** The folders it may import besides its own. */
  mayImport: readonly string[];
  /** The packages it may import: npm packages by name, Node built-ins as `node:x`. */
  packages: readonly string[];
}

export const MODULE_MAP: readonly Layer[] = [
  {
    folder: 'core',
    does: 'The pure engine: `evaluate(policy, items, now)`, the `Policy` type (`core/policy.ts`), work items, the finding kinds\' registry (`core/finding-kinds.ts`), and the run\'s one verdict every report renders (`judgeRun` in `core/verdict.ts`). No I/O.',
    mayImport: [],
    packages: [],
  },
  {
    folder: 'policy',
    does: 'Reads and validates `.github/roadmap-policy.yml` (positions, did-you-mean), `extends`, and normalizes it into `Policy`.',
    mayImport: ['core'],
    packages: ['yaml', 'zod'],
  },
  { folder: 'snapshot', does: 'The snapshot file `simulate` reads and `snapshot` writes.', mayImport: ['core', 'policy'], packages: ['zod'] },
  {
    folder: 'memory',
    does: "What the bot remembers between runs and how it is written into and read from its own comments: the markers that find them, the hidden state, fixes, reply and decisions trail, the resolved and archived notes' leads. Pure.",
    mayImport: ['core'],
    packages: [],
  },
  {
    folder: 'report',
    does: 'Comments (with the decisions trail they show), the job summary, the dashboard and terminal output, rendered from data; what a comment keeps hidden for the next run is written by `memory/`.',
    mayImport: ['core', 'memory'],
    packages: [],
  },
  { folder: 'commands', does: '`/roadmap` commands: parsing, approvers, decisions and their replies.', mayImport: ['core', 'memory', 'report'], packages: [] },
  { folder: 'plan', does: 'Which writes a run makes, as plain data; the one-issue scope. Pure.', mayImport: ['core', 'memory', 'report'], packages: [] },
  {
    folder: 'ports',
    does: "The two interfaces the product runs through: the forge (`ports/forge.ts`: reads, membership, policy files, applying a plan, the state store, in the shapes of `ports/reads.ts`) and the runner (`ports/runner.ts`: inputs, log, annotations, summary, outputs). Types, the errors the steps tell apart, and how a run's cost and writes are worded.",
    mayImport: ['core', 'policy', 'report', 'commands', 'plan'],
    packages: [],
  },
  {
    folder: 'github',
    does: "The forge on GitHub (`github/forge.ts`): every GitHub read and write (client passed in); GitHub's shapes → work items; applies a plan.",
    mayImport: ['core', 'policy', 'memory', 'report', 'commands', 'plan', 'ports'],
    packages: ['@actions/github', '@octokit/plugin-retry', '@octokit/plugin-throttling', 'node:fs', 'node:path'],
  },
  { folder: 'pull-request', does: 'The merge gate and the policy preview on pull requests.', mayImport: ['core', 'memory', 'report', 'plan', 'ports'], packages: [] },
  {
    folder: 'saved-state',
    does: 'The budget figures an audit saves in the Actions cache, and how an issue event merges the issues changed since; the saved board, which an issue event completes with its own issue.',
    mayImport: ['core', 'ports'],
    packages: ['node:crypto', 'node:zlib'],
  },
  {
    folder: 'action',
    does: 'The action\'s steps: runs each kind of run in order through the forge and the runner it is given; `action/workflow-commands.ts` is the runner of a GitHub Actions step.',
    mayImport: ['core', 'policy', 'memory', 'report', 'commands', 'plan', 'ports', 'pull-request', 'saved-state'],
    packages: ['node:crypto', 'node:fs', 'node:os', 'node:path'],
  },
  {
    folder: 'cli',
    does: 'The `roadmap-guard` command line, each command in a file of its own.',
    mayImport: ['core', 'policy', 'snapshot', 'report', 'ports', 'action'],
    packages: ['node:fs', 'node:path', 'node:url', 'node:util'],
  },
  {
    folder: '.',
    does: 'The composition roots: `src/index.ts` runs the action and `src/cli.ts` the command line, each with GitHub as the forge (`github/forge.ts`). The only modules outside `github/` that import it.',
    mayImport: ['action', 'cli', 'github'],
    packages: [],
  },
];

/** The README's module map: one row per layer. */
export function moduleMapTable(): string {
  const rows = MODULE_MAP.map((layer) => {
    const where = layer.folder === '.' ? '`src/*.ts`' : `\`src/${layer.folder}/\``;
    const folders = layer.mayImport.length ? layer.mayImport.join(', ') : 'nothing';
    const packages = layer.packages.length ? layer.packages.map((name) => `\`${name}\``).join(', ') : 'none';
    return `| ${where} | ${layer.does} | ${folders} | ${packages} |`;
  });
  return ['| Folder | What it does | May import | Packages |', '|---|---|---|---|', ...rows].join('\n');
}
