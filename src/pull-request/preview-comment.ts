/**
 * The policy preview as a reviewer reads it, in the pull request's sticky
 * comment and in the job summary: each budget before → after, the items that
 * start or stop failing, and the business-case fields added or removed.
 */
import { COMMENT_MARKER, POLICY_PREVIEW_MARKER } from '../report/markers.js';
import { codeSpan, escapeText } from '../report/escape.js';
import { itemLink } from '../report/format.js';
import { plural } from '../core/wording.js';
import type { BudgetChange, BudgetSide, FieldChange, ItemRef, PolicyDiff } from './policy-diff.js';

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
  const lead = `### Roadmap Guard: what this policy change does\n\nThe ${plural(diff.itemsJudged, 'open issue')} of the roadmap, judged under ${file} on ${base} and under this pull request's version.`;
  if (!diff.changed) return wrap([lead, '**This change alters nothing:** every budget, finding and business-case field comes out the same.', input.stamp]);
  return wrap([
    lead,
    categoryTable(diff.categories),
    diff.customers.length ? customerTable(diff.customers) : '',
    itemList('Items that would start failing', diff.startFailing),
    itemList('Items that would stop failing', diff.stopFailing),
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

function itemList(title: string, items: ItemRef[]): string {
  if (!items.length) return '';
  const lines = items.slice(0, MAX_ITEMS).map((item) => `- ${itemLink(item, 80)}`);
  if (items.length > MAX_ITEMS) lines.push(`- and ${(items.length - MAX_ITEMS).toLocaleString('en-US')} more`);
  return [`**${title} (${items.length}):**`, ...lines].join('\n');
}

function fieldList(title: string, fields: FieldChange[], consequence: (missing: number) => string): string {
  if (!fields.length) return '';
  return [`**${title}:**`, ...fields.map((f) => `- **${escapeText(f.heading, 80)}**: ${consequence(f.missing)}`)].join('\n');
}
