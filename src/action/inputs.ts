/**
 * The action's inputs, read and checked in one place. Every problem is
 * reported at once, worded for the person editing the workflow file.
 */
import * as core from './workflow-commands.js';
import { registerSecret } from './secrets.js';

export const RUN_MODES = ['auto', 'issue', 'audit'] as const;
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
};

/** The most months of trend a run reads; each costs closed-issue reads. */
export const MAX_TREND_MONTHS = 36;

export class InputError extends Error {
  constructor(problems: string[]) {
    super(problems.length === 1 ? `Invalid input: ${problems[0]}` : `Invalid inputs:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'InputError';
  }
}

type InputReader = (name: string) => string;

/** The inputs that hold a token. */
const TOKEN_INPUTS = ['githubToken', 'projectToken'] as const;

/**
 * Reads the inputs. Tokens are masked first, before anything can fail: the
 * runner masks `secrets.*` on its own, but not a token that reached the input
 * another way (a step output, an app-token action, a variable).
 */
export function readInputs(read: InputReader = (name) => core.getInput(name), mask: (secret: string) => void = registerSecret): ActionInputs {
  const problems: string[] = [];
  const text = (key: keyof ActionInputs) => read(INPUT_NAMES[key]).trim();
  for (const key of TOKEN_INPUTS) {
    const raw = read(INPUT_NAMES[key]);
    if (raw.trim()) mask(raw.trim());
  }

  const githubToken = text('githubToken');
  if (!githubToken) problems.push('`github-token` is empty; leave it out to use the workflow token, or pass a token with `issues: write`.');

  const mode = (text('mode') || 'auto').toLowerCase();
  if (!(RUN_MODES as readonly string[]).includes(mode)) problems.push(`\`mode\` must be one of ${RUN_MODES.join(', ')}, got "${mode}".`);

  const dryRun = parseBoolean(text('dryRun') || 'false');
  if (dryRun === undefined) problems.push(`\`dry-run\` must be true or false, got "${text('dryRun')}".`);

  const maxWrites = parseCount(text('maxWrites') || '50');
  if (maxWrites === undefined) problems.push(`\`max-writes\` must be a whole number (0 or more), got "${text('maxWrites')}".`);

  const trendMonths = parseCount(text('trendMonths') || '0');
  if (trendMonths === undefined || trendMonths > MAX_TREND_MONTHS) {
    problems.push(`\`trend-months\` must be a whole number from 0 to ${MAX_TREND_MONTHS}, got "${text('trendMonths')}".`);
  }

  if (problems.length) throw new InputError(problems);
  return {
    githubToken,
    projectToken: text('projectToken'),
    policyPath: text('policyPath') || '.github/roadmap-policy.yml',
    mode: mode as ModeInput,
    dryRun: dryRun!,
    maxWrites: maxWrites!,
    dashboardIssue: text('dashboardIssue'),
    trendMonths: trendMonths!,
  };
}

/** The YAML 1.2 core booleans, as the runner's own getBooleanInput accepts them. */
function parseBoolean(value: string): boolean | undefined {
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  return undefined;
}

function parseCount(value: string): number | undefined {
  return /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}
