/**
 * Writes a real comment, a real job summary, the start of the real demo
 * output and the other examples, produced from the example roadmap, into the
 * README and the pages of docs/, so they show what the product prints rather
 * than what someone typed.
 *
 *   npm run readme        rewrites the examples in README.md and docs/*.md
 *
 * A test fails when a copy is stale.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { offlineReport } from '../src/cli/simulate.js';
import { parseSnapshot } from '../src/snapshot/file.js';
import { parsePolicy } from '../src/policy/normalize.js';
import { issueForms } from '../src/policy/issue-forms.js';
import { evaluate } from '../src/core/evaluate.js';
import { diffPolicies } from '../src/pull-request/policy-diff.js';
import { renderPolicyPreview } from '../src/pull-request/preview-comment.js';
import { renderArchiveNote, renderComment, stamp } from '../src/report/comment.js';
import type { Finding, WorkItem } from '../src/core/types.js';
import { moduleMapTable } from './module-map.js';
import { SUB_COMMANDS } from '../src/commands/parse.js';
import { COMMANDS, USER_WORDS } from '../src/commands/registry.js';
import { DEFAULT_FAIL_ON, FINDING_KIND_REGISTRY, FINDING_KINDS, type FindingKind } from '../src/core/finding-kinds.js';
import { escapeText } from '../src/report/escape.js';
import { withoutFinalPeriod } from '../src/core/wording.js';
import type { Policy } from '../src/core/policy.js';
import { renderMarkdownReport } from '../src/report/summary.js';
import { renderTerminal } from '../src/report/terminal.js';
import type { ReportInput } from '../src/report/types.js';
import { outcomesSection } from '../src/report/outcomes.js';
import { itemNamer } from '../src/core/item-name.js';
import { executionSection } from '../src/report/execution.js';
import { costTable } from '../bench/cost-table.js';
import { catchUpWrites, faqCost, rateLimitCost, requestCounting, savedStateCost } from '../bench/cost-sentences.js';
import type { BenchResults } from '../bench/results.js';

export const POLICY_FILE = 'examples/roadmap-policy.yml';
export const SNAPSHOT_FILE = 'examples/acme-snapshot.json';
/**
 * The example roadmap evaluated at the moment its snapshot was taken, as the
 * action would report it in audit mode, through the code path `demo` and
 * `simulate` take: the same trend and the same bets' outcomes.
 */
export function exampleReportInput(root: string, options: { policy?: Policy; items?: (items: WorkItem[]) => WorkItem[]; daysLater?: number } = {}): ReportInput {
  const policy = options.policy ?? parsePolicy(examplePolicyFile(root));
  const snapshot = parseSnapshot(readFileSync(join(root, SNAPSHOT_FILE), 'utf8'), SNAPSHOT_FILE);
  return offlineReport({
    mode: 'audit',
    // As a repository using the action would see it.
    loaded: { policy, sources: ['.github/roadmap-policy.yml'] },
    snapshot: { ...snapshot, items: options.items ? options.items(snapshot.items) : snapshot.items },
    at: new Date(Date.parse(snapshot.takenAt) + (options.daysLater ?? 0) * 86_400_000).toISOString(),
  });
}

/** The example as `roadmap-guard demo` reports it: the policy named as the demo names it. */
export function demoReportInput(root: string): ReportInput {
  return { ...exampleReportInput(root), mode: 'demo', policySources: [POLICY_FILE] };
}

/**
 * The deal request the README shows the comment of: the open one with the
 * most kinds of item findings, so a reader sees a checklist and the budget
 * trade-off together. Ties go to the lowest number, so the choice is stable.
 */
export function exampleCommentItem(input: ReportInput): number {
  const dealItems = input.evaluation.items.filter((a) => a.planned && !a.exempt && input.policy.businessCase.appliesTo.includes(a.category));
  const kinds = (n: number) => new Set(input.evaluation.findings.filter((f) => f.item?.number === n && !f.exempt).map((f) => f.kind)).size;
  const best = [...dealItems].sort((a, b) => kinds(b.number) - kinds(a.number) || a.number - b.number)[0];
  if (!best) throw new Error('the example roadmap has no deal request to show');
  return best.number;
}

function examplePolicyFile(root: string): Record<string, unknown> {
  return parse(readFileSync(join(root, POLICY_FILE), 'utf8')) as Record<string, unknown>;
}

/** The example policy with backlog archiving turned on, as a team that wants its backlog to shrink sets it. */
function archivingPolicy(root: string): Policy {
  const file = examplePolicyFile(root);
  const backlog = file.backlog as Record<string, unknown>;
  return parsePolicy({ ...file, backlog: { ...backlog, archive: true, 'grace-days': 14, 'keep-labels': ['pinned', 'security'] } });
}

/**
 * The two comments of archiving, on the example's stale item: the warning an
 * audit writes, and the note once a later audit, past the grace period with
 * nobody touching the item, has closed it.
 */
export function archiveExamples(root: string): { archiveWarning: string; archiveNote: string } {
  const policy = archivingPolicy(root);
  const warnedInput = exampleReportInput(root, { policy });
  const stale = warnedInput.evaluation.archive[0];
  if (!stale) throw new Error('the example roadmap has no stale item to archive');
  const graceDays = policy.backlog.archive?.graceDays ?? 0;
  const warned = (items: WorkItem[]) => items.map((item) => (item.number === stale.number ? { ...item, archiveWarnedAt: stale.warnedAt } : item));
  const dueInput = exampleReportInput(root, { policy, items: warned, daysLater: graceDays });
  const due = dueInput.evaluation.archive.find((decision) => decision.number === stale.number && decision.due);
  const item = dueInput.items.find((candidate) => candidate.number === stale.number);
  if (!due || !item) throw new Error(`#${stale.number} is not due to be archived ${graceDays} days after its warning`);
  return {
    archiveWarning: renderComment({ ...warnedInput, mode: 'issue', focusItem: stale.number }),
    archiveNote: renderArchiveNote({ item, decision: due, policy, at: dueInput.evaluation.at }),
  };
}

/**
 * What the comment and the job summary tell people to do for each finding
 * kind, in their words: the `fix` of the first finding of that kind on the
 * example roadmap, under the example policy and two variants of it that
 * reach the kinds it does not (archiving on; one exemption allowed and
 * outcomes due 30 days after delivery; owners required, and nobody
 * assigned).
 */
export function findingFixes(root: string): string {
  const file = examplePolicyFile(root);
  const unassigned = (items: WorkItem[]) => items.map((item) => ({ ...item, assignees: [] }));
  const variants: { policy: Policy; items?: (items: WorkItem[]) => WorkItem[] }[] = [
    { policy: parsePolicy(file) },
    { policy: archivingPolicy(root) },
    { policy: parsePolicy({ ...file, exemptions: { ...(file.exemptions as object), 'max-open': 1 }, bets: { ...(file.bets as object), 'outcome-due-days': 30 } }) },
    { policy: parsePolicy({ ...file, 'business-case': { ...(file['business-case'] as object), 'require-assignee': true } }), items: unassigned },
  ];
  const first = new Map<FindingKind, Finding>();
  for (const variant of variants) {
    for (const finding of exampleReportInput(root, variant).evaluation.findings) if (!first.has(finding.kind)) first.set(finding.kind, finding);
  }
  const missing = FINDING_KINDS.filter((kind) => !first.has(kind));
  if (missing.length > 0) throw new Error(`the example roadmap has no ${missing.join(', ')} finding to show how to fix; extend findingFixes' variants`);
  return FINDING_KINDS.map((kind) => `- \`${kind}\`: ${escapeText(withoutFinalPeriod(first.get(kind)!.fix), 300)}.`).join('\n');
}

/** docs/findings.md's table: each kind, what it means and whether the default `fail-on` fails it, in the registry's order. */
export function findingKindsTable(): string {
  const rows = FINDING_KINDS.map((kind) => {
    const entry = FINDING_KIND_REGISTRY[kind];
    return `| \`${kind}\` | ${entry.meaning} | ${DEFAULT_FAIL_ON.includes(kind) ? '**fails**' : 'warning'} |`;
  });
  return ['| kind | what it means | default |', '|---|---|---|', ...rows].join('\n');
}

/** docs/commands.md's table: each command, who may use it and what it does, in the registry's order. */
export function commandTable(): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const rows = SUB_COMMANDS.map((name) => `| \`${cell(COMMANDS[name].usage)}\` | ${USER_WORDS[COMMANDS[name].user]} | ${COMMANDS[name].docs} |`);
  return ['| command | who may use it | what it does |', '|---|---|---|', ...rows, '| `/roadmap <anything else>` | anyone | Answers with this list of commands. |'].join('\n');
}

export interface ReadmeExamples {
  comment: string;
  summary: string;
  archiveWarning: string;
  archiveNote: string;
  /** The top of `roadmap-guard demo` on an 80-column terminal: the verdict and what to act on first, with the fixes. */
  demo?: string;
  outcomes: string;
  'policy-preview': string;
  /** The execution report of the example's finished quarters. */
  execution: string;
  /** The cost targets beside the figures of the last `npm run bench` (bench/results.json). */
  cost?: string;
  /** The issue form `roadmap-guard forms` writes from the README's short policy. */
  'policy-form'?: string;
  /** Sentences quoting the same figures where other pages need them. */
  'cost-catch-up'?: string;
  'cost-saved-state'?: string;
  'cost-faq'?: string;
  'cost-rate-limits'?: string;
  'cost-log-line'?: string;
  /** How to fix each finding kind, as comments and summaries say it. */
  'finding-fixes'?: string;
  /** The table of finding kinds, from the registry. */
  'finding-kinds'?: string;
  /** The README's module map, from scripts/module-map.ts. */
  'module-map'?: string;
  /** The table of /roadmap commands, from their registry. */
  'command-table'?: string;
}

export function renderReadmeExamples(root: string): ReadmeExamples {
  const input = exampleReportInput(root);
  return {
    comment: renderComment({ ...input, mode: 'issue', focusItem: exampleCommentItem(input) }),
    // Byte for byte what `roadmap-guard demo --format markdown` prints.
    summary: renderMarkdownReport(demoReportInput(root)),
    'policy-preview': examplePolicyPreview(root),
    ...archiveExamples(root),
    demo: demoTop(root),
    outcomes: outcomesSection(input.outcomes, itemNamer(input.items)),
    execution: executionSection(input.execution, input.evaluation.unit),
    'policy-form': shortPolicyForm(root),
    'finding-fixes': findingFixes(root),
    'finding-kinds': findingKindsTable(),
    'module-map': moduleMapTable(),
    'command-table': commandTable(),
    ...costExamples(JSON.parse(readFileSync(join(root, 'bench', 'results.json'), 'utf8')) as BenchResults),
  };
}

/** Every figure the docs quote from the last `npm run bench`. */
function costExamples(results: BenchResults): Pick<ReadmeExamples, 'cost' | 'cost-catch-up' | 'cost-saved-state' | 'cost-faq' | 'cost-rate-limits' | 'cost-log-line'> {
  return {
    cost: costTable(results),
    'cost-catch-up': catchUpWrites(results),
    'cost-saved-state': savedStateCost(results),
    'cost-faq': faqCost(results),
    'cost-rate-limits': rateLimitCost(results),
    'cost-log-line': requestCounting(results),
  };
}

/** What `roadmap-guard demo` prints, up to its list of findings: the same input as the demo command builds. */
export function demoTop(root: string): string {
  const text = renderTerminal(demoReportInput(root), { color: false, width: 80 });
  return text.slice(0, text.indexOf('\n\nWarnings'));
}

/**
 * The edits of the example policy the README's preview shows: the deal
 * budget raised to 30%, and a missing business-case answer made to fail.
 */
export const EXAMPLE_POLICY_CHANGE: [string, string][] = [
  ['budget: { max-share: 10% }', 'budget: { max-share: 30% }'],
  ['fail-on: [over-budget, forbidden-label]', 'fail-on: [over-budget, forbidden-label, missing-field]'],
];

/** The policy preview a pull request making EXAMPLE_POLICY_CHANGE gets on the example roadmap. */
export function examplePolicyPreview(root: string): string {
  const text = readFileSync(join(root, POLICY_FILE), 'utf8');
  const changed = EXAMPLE_POLICY_CHANGE.reduce((policy, [from, to]) => {
    if (!policy.includes(from)) throw new Error(`${POLICY_FILE} no longer has "${from}"; update EXAMPLE_POLICY_CHANGE`);
    return policy.replace(from, to);
  }, text);
  const snapshot = parseSnapshot(readFileSync(join(root, SNAPSHOT_FILE), 'utf8'), SNAPSHOT_FILE);
  // The action judges the open issues, as read on the pull request.
  const items = snapshot.items.filter((item) => item.state === 'open');
  const [before, after] = [text, changed].map((policy) => parsePolicy(parse(policy)));
  const diff = diffPolicies({
    items,
    before: { policy: before!, evaluation: evaluate(before!, items, snapshot.takenAt) },
    after: { policy: after!, evaluation: evaluate(after!, items, snapshot.takenAt) },
  });
  return renderPolicyPreview({ diff, policyPath: '.github/roadmap-policy.yml', baseRef: 'main', stamp: stamp({ policySources: ['.github/roadmap-policy.yml'], evaluation: { at: snapshot.takenAt } }) });
}

/** The form of the README's short policy: the one its readers copy, so it always fits the policy beside it. */
export function shortPolicyForm(root: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf('```yaml\n', readme.indexOf('<!-- policy:short -->')) + '```yaml\n'.length;
  const [form] = issueForms(parsePolicy(parse(readme.slice(start, readme.indexOf('```', start)))), '.github/roadmap-policy.yml');
  if (!form) throw new Error('the README\'s short policy has no business case to write a form for');
  return form.text;
}

/** The markdown files that hold examples: the README and every page of docs/, by path from the root. */
export function readDocuments(root: string): Record<string, string> {
  const pages = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return Object.fromEntries(['README.md', ...pages].map((path) => [path, readFileSync(join(root, path), 'utf8')]));
}

const exampleStart = (name: string) => `<!-- example:${name} -->`;

/**
 * Every document with its examples refreshed. Each example lives in exactly
 * one document, so a block that was moved, copied or deleted is an error that
 * names it rather than a copy that silently goes stale.
 */
export function withExamplesIn(documents: Record<string, string>, examples: Partial<ReadmeExamples>): Record<string, string> {
  for (const name of Object.keys(examples)) {
    const holders = Object.keys(documents).filter((path) => documents[path]!.includes(exampleStart(name)));
    if (holders.length !== 1) {
      throw new Error(`${exampleStart(name)} must be in exactly one of ${Object.keys(documents).join(', ')}; found in ${holders.length ? holders.join(', ') : 'none'}`);
    }
  }
  return Object.fromEntries(Object.entries(documents).map(([path, text]) => [path, withExamples(text, examples)]));
}


/** A markdown text with each example it has a block for placed between its markers, everything else untouched. */
export function withExamples(markdown: string, examples: Partial<ReadmeExamples>): string {
  let result = markdown;
  for (const [name, text] of Object.entries(examples)) {
    if (text === undefined) continue;
    const start = exampleStart(name);
    const end = `<!-- /example:${name} -->`;
    const from = result.indexOf(start);
    if (from < 0) continue;
    const to = result.indexOf(end, from);
    if (to < 0) throw new Error(`${start} has no ${end} after it`);
    // Markdown reports are shown rendered; terminal output as it looks in a terminal; the cost table as a table.
    const shown = shownAs(name, text);
    result = `${result.slice(0, from + start.length)}\n${shown}\n${result.slice(to)}`;
  }
  return result;
}

/** Markdown reports are shown rendered and quoted; terminal output as it looks in a terminal; the cost table as part of the README. */
function shownAs(name: string, text: string): string {
  if (name === 'demo') return `\`\`\`text\n${text.trimEnd()}\n\`\`\``;
  if (name === 'policy-form') return `\`\`\`yaml\n${text.trimEnd()}\n\`\`\``;
  return name === 'cost' || name.startsWith('cost-') || ['finding-fixes', 'finding-kinds', 'module-map', 'command-table'].includes(name) ? text.trimEnd() : quoteBlock(text);
}

/**
 * Shown rendered, set off as a quote so a reader tells the example from the
 * README around it. The comment's hidden marker is kept: it is part of what
 * the bot writes.
 */
function quoteBlock(markdown: string): string {
  return markdown
    .trimEnd()
    .split('\n')
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

function main(): void {
  const root = process.cwd();
  const before = readDocuments(root);
  const after = withExamplesIn(before, renderReadmeExamples(root));
  const changed = Object.keys(after).filter((path) => after[path] !== before[path]);
  for (const path of changed) writeFileSync(join(root, path), after[path]!);
  console.log(changed.length ? `Examples rewritten from the example roadmap in ${changed.join(', ')}` : 'Examples in README.md and docs/ are up to date');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
