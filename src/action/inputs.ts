/**
 * The action's inputs, read and checked in one place. Every problem is
 * reported at once, worded for the person editing the workflow file.
 */

const RUN_MODES = ['auto', 'issue', 'audit'] as const;
export type ModeInput = (typeof RUN_MODES)[number];

export interface ActionInputs {
  githubToken: string;
  projectToken: string;
  policyPath: string;
  mode: ModeInput;
  dryRun: boolean;
  maxWrites: number;
  dashboardIssue: string;
  trendMonths: number;
  savedState: boolean;
  /** Logins Roadmap Guard ran as before (e.g. `github-actions[bot]` before an App token): their comments are adopted, their writes are its own. */
  previousBotLogins: string[];
}

/** Input names as action.yml declares them; the record type makes a missing one a compile error. */
export const INPUT_NAMES: Record<keyof ActionInputs, string> = {
  githubToken: 'github-token',
  projectToken: 'project-token',
  policyPath: 'policy',
  mode: 'mode',
  dryRun: 'dry-run',
  maxWrites: 'max-writes',
  dashboardIssue: 'dashboard-issue',
  trendMonths: 'trend-months',
  savedState: 'saved-state',
  previousBotLogins: 'previous-bot-logins',
};

/** The most months of trend a run reads; each costs closed-issue reads. */
const MAX_TREND_MONTHS = 36;

export class InputError extends Error {
  constructor(problems: string[]) {
    super(problems.length === 1 ? `Invalid input: ${problems[0]}` : `Invalid inputs:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'InputError';
  }
}

type InputReader = (name: string) => string;

// C0 and C1 control characters, line breaks and tabs included: a line break in an input would start a new log
// line that the runner reads as a workflow command (`::error::…`), and a title or path with one is never meant.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** "U+000A" for the first control character in `value`. */
function firstControl(value: string): string {
  const char = CONTROL.exec(value)?.[0] ?? '';
  return `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The inputs that take a list, one entry a line: their line breaks separate entries, never reaching a log line whole. */
const LIST_INPUTS: ReadonlySet<keyof ActionInputs> = new Set(['previousBotLogins']);

/** The inputs that hold a token. */
const TOKEN_INPUTS = ['githubToken', 'projectToken'] as const;

/**
 * Reads the inputs. Tokens are masked first, before anything can fail: the
 * runner masks `secrets.*` on its own, but not a token that reached the input
 * another way (a step output, an app-token action, a variable).
 */
export function readInputs(read: InputReader, mask: (secret: string) => void): ActionInputs {
  for (const token of TOKEN_INPUTS.map((key) => read(INPUT_NAMES[key]).trim())) {
    if (token) mask(token);
  }
  const problems: string[] = [];
  // An input with a control character is refused without being repeated, and its other checks are skipped.
  const refused = new Set<keyof ActionInputs>();
  for (const key of Object.keys(INPUT_NAMES) as (keyof ActionInputs)[]) {
    const given = read(INPUT_NAMES[key]).trim();
    const value = LIST_INPUTS.has(key) ? given.replace(/\r?\n/g, ',') : given;
    if (!CONTROL.test(value)) continue;
    refused.add(key);
    problems.push(`\`${INPUT_NAMES[key]}\` holds a control character (${firstControl(value)}, such as a line break); give it on one line of plain text.`);
  }
  const text = (key: keyof ActionInputs) => (refused.has(key) ? '' : read(INPUT_NAMES[key]).trim());
  /** The default for an input left out; a refused input is already reported, so it takes the default to check nothing twice. */
  const or = (key: keyof ActionInputs, fallback: string) => text(key) || fallback;
  /** The value when it is valid; otherwise the problem is noted, and reported with the others below. */
  const valid = <T>(value: T | undefined, problem: string): T => {
    if (value === undefined) problems.push(problem);
    return value as T;
  };

  const githubToken = valid(text('githubToken') || (refused.has('githubToken') ? '' : undefined), '`github-token` is empty; leave it out to use the workflow token, or pass a token with `issues: write`.');
  const mode = or('mode', 'auto').toLowerCase();
  valid(parseMode(mode), `\`mode\` must be one of ${RUN_MODES.join(', ')}, got "${mode}".`);
  const dryRun = valid(parseBoolean(or('dryRun', 'false')), `\`dry-run\` must be true or false, got "${text('dryRun')}".`);
  const maxWrites = valid(parseCount(or('maxWrites', '50')), `\`max-writes\` must be a whole number (0 or more), got "${text('maxWrites')}".`);
  const trendMonths = valid(parseCount(or('trendMonths', '0'), MAX_TREND_MONTHS), `\`trend-months\` must be a whole number from 0 to ${MAX_TREND_MONTHS}, got "${text('trendMonths')}".`);
  const savedState = valid(parseBoolean(or('savedState', 'true')), `\`saved-state\` must be true or false, got "${text('savedState')}".`);
  const previousBotLogins = valid(
    parseLogins(text('previousBotLogins')),
    `\`previous-bot-logins\` must be GitHub logins separated by commas or new lines (like github-actions[bot]), got "${text('previousBotLogins').slice(0, 80)}".`,
  );

  if (problems.length) throw new InputError(problems);
  return {
    githubToken,
    projectToken: text('projectToken'),
    policyPath: text('policyPath') || '.github/roadmap-policy.yml',
    mode: mode as ModeInput,
    dryRun,
    maxWrites,
    dashboardIssue: text('dashboardIssue'),
    trendMonths,
    savedState,
    previousBotLogins,
  };
}

/** Logins separated by commas or new lines; undefined when one is not a login (an app's ends in `[bot]`). */
function parseLogins(value: string): string[] | undefined {
  const logins = value.split(/[\n,]/).map((login) => login.trim().replace(/^@/, '')).filter(Boolean);
  return logins.every((login) => /^[A-Za-z0-9][\w.-]{0,38}(\[bot\])?$/.test(login)) ? logins : undefined;
}

function parseMode(value: string): ModeInput | undefined {
  return (RUN_MODES as readonly string[]).includes(value) ? (value as ModeInput) : undefined;
}

/** The YAML 1.2 core booleans, as the runner's own getBooleanInput accepts them. */
function parseBoolean(value: string): boolean | undefined {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  return undefined;
}

/** A whole number from 0 to `max`, or undefined. */
function parseCount(value: string, max = Infinity): number | undefined {
  const count = /^\d{1,9}$/.test(value) ? Number(value) : undefined;
  return count !== undefined && count <= max ? count : undefined;
}
