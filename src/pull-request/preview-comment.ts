/**
 * The policy preview as a reviewer reads it, in the pull request's sticky
 * comment and in the job summary: what it judged and against which base,
 * each budget before → after, the findings that start or stop failing the
 * check, the issues whose pull requests would start or stop being blocked
 * from merging and why, and the business-case fields added or removed.
 */
import { COMMENT_MARKER, POLICY_PREVIEW_MARKER } from '../memory/markers.js';
import { codeSpan, escapeText } from '../report/escape.js';
import { itemLink, joinWords, KIND_TITLES } from '../report/format.js';
import type { Finding } from '../core/types.js';
import { amount, plural } from '../core/wording.js';
import { blockingKinds, type BlockingChange, type BudgetChange, type BudgetSide, type FailOnChange, type FieldChange, type PolicyDiff } from './policy-diff.js';

/** Items listed per list before "and N more". */
const MAX_ITEMS = 10;

export interface PreviewInput {
  diff: PolicyDiff;
  /** The policy file as the user names it. */
  policyPath: string;
  /** The branch the pull request merges into. */
  baseRef: string;
  /** The last line, the stamp (see sameText). */
  stamp: string;
}

export function renderPolicyPreview(input: PreviewInput): string {
  const { diff } = input;
  const file = codeSpan(input.policyPath);
  const base = codeSpan(input.baseRef || 'the base branch');
  const lead = `### Roadmap Guard: what this policy change does\n\nThe ${plural(diff.itemsJudged, 'open issue')} of the repository, judged under ${file} on ${base} and under this pull request's version, each as the merge gate judges a pull request that closes it. ${plannedBase(diff, base)}`;
  if (!diff.changed) return wrap([lead, '**This change alters nothing:** every budget, finding, merge verdict and business-case field comes out the same.', input.stamp]);
  return wrap([
    lead,
    categoryTable(diff.categories),
    diff.customers.length ? customerTable(diff.customers) : '',
    failOnTable(diff.failOn),
    blockingList('Pull requests closing these issues would start being blocked from merging', diff.startBlocking, (c) => `by ${blockersText(c.after)}`),
    blockingList('Pull requests closing these issues would no longer be blocked', diff.stopBlocking, (c) => (c.exemptAfter ? 'exempt under this change' : `no longer blocked by ${blockersText(c.before)}`)),
    blockingList('Pull requests closing these issues would stay blocked, for other reasons', diff.blockedDifferently, (c) => `now by ${blockersText(c.after)}; until now by ${blockersText(c.before)}`),
    fieldList('Business-case fields added', diff.fieldsAdded, (n) => `${plural(n, 'open item')} would miss it`),
    fieldList('Business-case fields removed', diff.fieldsRemoved, (n) => `${plural(n, 'open item')} missed it until now`),
    'Merging applies these rules to every issue event and audit from then on.',
    input.stamp,
  ]);
}

/** Kept current on a pull request whose policy no longer validates: the earlier preview would mislead. */
export function renderInvalidPreview(input: { policyPath: string; problems: number; stamp: string }): string {
  return wrap([
    `### Roadmap Guard: what this policy change does\n\n**${codeSpan(input.policyPath)} in this pull request is invalid** (${plural(input.problems, 'problem')}, annotated on the diff). The preview returns once it validates.`,
    input.stamp,
  ]);
}

/** Kept current on a pull request that no longer edits the policy. */
export function renderNoPolicyChange(input: { policyPath: string; stamp: string }): string {
  return wrap([`### Roadmap Guard: what this policy change does\n\nThis pull request no longer changes ${codeSpan(input.policyPath)}; nothing to preview.`, input.stamp]);
}

function wrap(sections: string[]): string {
  return [`${COMMENT_MARKER}\n${POLICY_PREVIEW_MARKER}`, ...sections.filter(Boolean)].join('\n\n') + '\n';
}

function categoryTable(changes: BudgetChange[]): string {
  const rows = changes.map((c) => `| ${escapeText(c.category, 40)} | ${beforeAfter(c, 'share')} | ${beforeAfter(c, 'cap')} | ${beforeAfter(c, 'status', true)} |`);
  return ['| category | share of planned work | cap | status |', '|---|---|---|---|', ...rows].join('\n');
}

function customerTable(changes: BudgetChange[]): string {
  const rows = changes.map(
    (c) => `| ${escapeText(c.customer ?? '', 40)} | ${escapeText(c.category, 40)} | ${beforeAfter(c, 'share')} | ${beforeAfter(c, 'cap')} | ${beforeAfter(c, 'status', true)} |`,
  );
  return ['| customer | category | share of the category | cap | status |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** "25.7%" when unchanged, "≤ 10% → ≤ 25%" when changed (in bold for a status), "—" for a side that does not exist. */
function beforeAfter(change: BudgetChange, key: keyof BudgetSide, bold = false): string {
  const was = change.before?.[key] ?? '—';
  const will = change.after?.[key] ?? '—';
  if (was === will) return was;
  return bold ? `**${was} → ${will}**` : `${was} → ${will}`;
}

/** What budget shares are shares of: planned work, which is fewer issues than the open ones judged (excluded labels, work outside the iteration). */
function plannedBase(diff: PolicyDiff, base: string): string {
  const describe = (side: PolicyDiff['planned']['before']) => `${plural(side.items, 'issue')} (${amount(side.points, diff.unit)})`;
  const [was, will] = [describe(diff.planned.before), describe(diff.planned.after)];
  const shares = 'Budget shares are shares of the planned work among them';
  return was === will ? `${shares}: ${was} under both versions.` : `${shares}: ${was} on ${base}; ${will} with this change.`;
}

/** The kinds that `enforcement.fail-on` adds or drops, one row each. */
function failOnTable(changes: FailOnChange[]): string {
  if (!changes.length) return '';
  const word = (fails: boolean) => (fails ? 'fails the check' : 'warns');
  const rows = changes.map((c) => `| \`${c.kind}\` (${KIND_TITLES[c.kind].toLowerCase()}) | ${word(c.before)} | **${word(c.after)}** |`);
  return ['| finding (`enforcement.fail-on`) | until now | with this change |', '|---|---|---|', ...rows].join('\n');
}

/** "missing business-case answers (2) and categories over budget": the kinds that block, with how many findings of each. */
function blockersText(blockers: Finding[]): string {
  return joinWords(
    blockingKinds({ blockers }).map((kind) => {
      const count = blockers.filter((f) => f.kind === kind).length;
      return `${KIND_TITLES[kind].toLowerCase()}${count > 1 ? ` (${count})` : ''}`;
    }),
  );
}

function blockingList(title: string, changes: BlockingChange[], why: (change: BlockingChange) => string): string {
  if (!changes.length) return '';
  const lines = changes.slice(0, MAX_ITEMS).map((change) => `- ${itemLink(change.item, 80)} — ${why(change)}`);
  if (changes.length > MAX_ITEMS) lines.push(`- and ${(changes.length - MAX_ITEMS).toLocaleString('en-US')} more`);
  return [`**${title} (${changes.length}):**`, ...lines].join('\n');
}

function fieldList(title: string, fields: FieldChange[], consequence: (missing: number) => string): string {
  if (!fields.length) return '';
  return [`**${title}:**`, ...fields.map((f) => `- **${escapeText(f.heading, 80)}**: ${consequence(f.missing)}`)].join('\n');
}
