/**
 * The comment a product manager sees on their issue: what is wrong, what
 * happens next, a checklist of fixes, the budget trade-off, and how to ask
 * for an exception. Edited in place by the bot, found by COMMENT_MARKER.
 */
import { FINDING_KINDS } from '../core/finding-kinds.js';
import type { ArchiveDecision, Finding, ItemAssessment, WorkItem } from '../core/types.js';
import type { BusinessCaseField, Policy } from '../policy/schema.js';
import { normalizeHeading } from '../core/issue-form.js';
import { escapeText, safeMarkdown, safeUrl, truncateForGitHub } from './escape.js';
import { amount, budgetFor, code, day, itemLink, joinWords, plural } from './format.js';
import { COMMENT_MARKER, stateMarker } from './markers.js';
import type { ReportInput } from './types.js';
import { formatPercent } from '../core/share.js';

const MAX_CONTRIBUTORS = 5;

type CommentInput = ReportInput & { focusItem: number };

export function renderComment(input: CommentInput): string {
  const { evaluation, focusItem } = input;
  const item = findItem(input);
  const assessment = evaluation.items.find((a) => a.number === focusItem);
  // An exempt item is reported but never blocked, whatever its category's budget says.
  const itemExempt = assessment?.exempt ?? false;
  const findings = findingsFor(input, assessment).map((f) => (itemExempt ? { ...f, exempt: true } : f));
  const todo = findings.filter((f) => !f.exempt && !isBudgetFinding(f));
  const budget = findings.filter(isBudgetFinding);
  const exempt = findings.filter((f) => f.exempt && !isBudgetFinding(f));
  const blocked = findings.some((f) => !f.exempt);

  const sections = [
    COMMENT_MARKER,
    opening(input, assessment, findings),
    todo.length ? ['### What to fix', ...todo.map((f) => checklistLine(input.policy, f))].join('\n') : '',
    ...budget.map((f) => budgetSection(input, f, item.number, assessment)),
    budget.length && blocked ? `To make room, shrink or close other ${escapeText(budget[0]!.category ?? '', 40)} work, or ask for an exception.` : '',
    exempt.length ? exemptSection(input.policy, exempt) : '',
    blocked ? exceptionHowTo(input) : '',
    footer(input),
  ];
  return truncateForGitHub(sections.filter(Boolean).join('\n\n') + '\n');
}

const RESOLVED_LEAD = '**Resolved:**';

/** The short note that replaces the comment once the issue meets the policy. */
export function renderResolvedComment(input: { item: Pick<WorkItem, 'number' | 'title' | 'url'> & Partial<Pick<WorkItem, 'updatedAt' | 'activityAt'>>; at: string }): string {
  const touched = input.item.activityAt ?? input.item.updatedAt;
  const state = stateMarker(touched ? { touched } : {});
  return [
    COMMENT_MARKER,
    `${RESOLVED_LEAD} ${itemLink(input.item)} meets the roadmap policy as of ${day(input.at)}. Nothing left to fix; thank you.${state ? ` ${state}` : ''}`,
  ].join('\n\n') + '\n';
}

/** True when a comment of ours is the resolved note, whatever the issue's title or the date it names. */
export function isResolvedComment(body: string): boolean {
  return body.includes(COMMENT_MARKER) && body.split('\n').some((line) => line.startsWith(RESOLVED_LEAD));
}

const ARCHIVED_LEAD = '**Archived:**';

export interface ArchiveNoteInput {
  item: Pick<WorkItem, 'number' | 'title' | 'url'>;
  decision: ArchiveDecision;
  policy: Policy;
  /** The moment the item is archived. */
  at: string;
}

/** What the comment says once the bot has closed the item as not planned: why, and how to bring it back. */
export function renderArchiveNote(input: ArchiveNoteInput): string {
  const { decision, policy } = input;
  const maxAgeDays = policy.backlog.maxAgeDays ?? 0;
  const state = stateMarker({ touched: decision.touchedAt, warned: decision.warnedAt, archived: input.at });
  return [
    COMMENT_MARKER,
    `${ARCHIVED_LEAD} ${itemLink(input.item)} was closed as not planned on ${day(input.at)}. Nobody had updated it since ${day(decision.touchedAt)}, ` +
      `over the backlog limit of ${plural(maxAgeDays, 'day')}, and nobody did during the ${plural(policy.backlog.archive?.graceDays ?? 0, 'day')} after the warning of ${day(decision.warnedAt)}.`,
    `**Still matters?** Reopen it: Roadmap Guard will not archive it again unless it goes untouched for another ${plural(maxAgeDays, 'day')}.`,
    `_Archived by Roadmap Guard under the backlog policy._ ${state}`,
  ].join('\n\n') + '\n';
}

/** True when a comment of ours says the item was archived. */
export function isArchiveNote(body: string): boolean {
  return body.includes(COMMENT_MARKER) && body.split('\n').some((line) => line.startsWith(ARCHIVED_LEAD));
}

/** The comment has said its last word (resolved or archived): only new findings make it speak again. */
export function isSettledComment(body: string): boolean {
  return isResolvedComment(body) || isArchiveNote(body);
}

function findItem(input: CommentInput): { number: number; title: string; url: string } {
  const fromItems = input.items.find((i) => i.number === input.focusItem);
  if (fromItems) return fromItems;
  const fromFinding = input.evaluation.findings.find((f) => f.item?.number === input.focusItem)?.item;
  return fromFinding ?? { number: input.focusItem, title: '', url: '' };
}

function isBudgetFinding(finding: Finding): boolean {
  return finding.kind === 'over-budget' || finding.kind === 'customer-over-share';
}

/** The item's own findings, plus the budget findings of the category (and customer) it counts toward. */
function findingsFor(input: CommentInput, assessment: ItemAssessment | undefined): Finding[] {
  const number = input.focusItem;
  const countsToward = (f: Finding) =>
    assessment !== undefined &&
    assessment.planned &&
    f.category === assessment.category &&
    (f.contributors === undefined || f.contributors.includes(number));
  const relevant = input.evaluation.findings.filter((f) => {
    if (f.item) return f.item.number === number;
    if (f.kind === 'over-budget') return countsToward(f);
    if (f.kind === 'customer-over-share') return countsToward(f) && f.customer === assessment?.customer;
    return false;
  });
  const order = (f: Finding) => FINDING_KINDS.indexOf(f.kind);
  return relevant.map((f, index) => ({ f, index })).sort((a, b) => order(a.f) - order(b.f) || a.index - b.index).map(({ f }) => f);
}

function subject(policy: Policy, assessment: ItemAssessment | undefined): string {
  const category = assessment?.category;
  return category && policy.businessCase.appliesTo.includes(category) ? `This ${escapeText(category, 40)} request` : 'This issue';
}

/** One sentence: what is wrong and what happens next. */
function opening(input: CommentInput, assessment: ItemAssessment | undefined, findings: Finding[]): string {
  const who = subject(input.policy, assessment);
  const open = findings.filter((f) => !f.exempt);
  if (findings.length === 0) return `${who} meets the roadmap policy. Nothing to fix.`;
  const exemptLabel = input.policy.exemptions?.label;
  if (open.length === 0) {
    return `${who} is exempt from the roadmap policy${exemptLabel ? ` (label ${code(exemptLabel)})` : ''}: the findings below are listed for information and block nothing.`;
  }
  const archive = open.some((f) => f.kind === 'archive-pending') ? input.evaluation.archive.find((d) => d.number === input.focusItem) : undefined;
  const reasons = joinWords(briefly(reasonsFor(input.policy, open, archive)));
  const blocking = open.some((f) => f.severity === 'fail');
  return blocking
    ? `${who} can't be scheduled yet: ${reasons}. The check passes once the points below are settled; this comment updates as the issue changes.`
    : `${who} needs attention: ${reasons}. Nothing is blocked; this comment updates as the issue changes.`;
}

/** One sentence stays one sentence: past four reasons, name the first two and the budget, and count the rest. */
function briefly(reasons: { text: string; budget: boolean }[]): string[] {
  const texts = reasons.map((r) => r.text);
  if (reasons.length <= 4) return texts;
  const own = reasons.filter((r) => !r.budget).map((r) => r.text);
  const budget = reasons.filter((r) => r.budget).map((r) => r.text);
  return [...own.slice(0, 2), `${own.length - 2} more points listed below`, ...budget];
}

function reasonsFor(policy: Policy, findings: Finding[], archive: ArchiveDecision | undefined): { text: string; budget: boolean }[] {
  const count = (kind: Finding['kind']) => findings.filter((f) => f.kind === kind).length;
  const reasons: string[] = [];
  const budget: string[] = [];
  const missing = count('missing-field');
  const invalid = count('invalid-field');
  const answers = missing + invalid;
  if (answers) {
    const state = invalid === 0 ? 'missing' : missing === 0 ? 'not in the expected form' : 'missing or incomplete';
    reasons.push(`${plural(answers, 'business-case answer')} ${answers === 1 ? 'is' : 'are'} ${state}`);
  }
  if (count('not-without-customer')) reasons.push('it would be built only for this customer');
  const reviews = count('unchecked-review');
  if (reviews) reasons.push(`${plural(reviews, 'review')} ${reviews === 1 ? 'is' : 'are'} not ticked`);
  const labels = count('forbidden-label');
  if (labels) reasons.push(labels === 1 ? 'it has a one-off label' : `it has ${labels} one-off labels`);
  if (count('bet-overdue')) reasons.push('its review date has passed');
  const stale = policy.backlog.maxAgeDays ? `it has not been updated in over ${plural(policy.backlog.maxAgeDays, 'day')}` : 'it has not been updated in a long time';
  if (count('stale-backlog')) reasons.push(stale);
  if (archive) reasons.push(archive.due ? `${stale} and is due to be archived` : `${stale} and will be archived on ${day(archive.archiveOn)} unless someone updates it`);
  if (count('missing-size')) reasons.push('it has no size estimate');
  const overShare = findings.filter((x) => x.kind === 'customer-over-share').map((f) => escapeText(f.customer ?? 'this customer', 40));
  const overBudget = findings.filter((x) => x.kind === 'over-budget');
  for (const f of overBudget) {
    const customers = overShare.length ? `, with ${joinWords(overShare)} above ${overShare.length === 1 ? 'its' : 'their'} share` : '';
    budget.push(`${escapeText(f.category ?? 'its category', 40)} work is over budget${customers}`);
  }
  if (overBudget.length === 0) {
    for (const f of findings.filter((x) => x.kind === 'customer-over-share')) {
      budget.push(`${escapeText(f.customer ?? 'this customer', 40)} already takes more than its share of ${escapeText(f.category ?? 'its category', 40)} work`);
    }
  }
  return [...reasons.map((text) => ({ text, budget: false })), ...budget.map((text) => ({ text, budget: true }))];
}

/** A checklist line: the exact heading or label, and what a valid answer looks like. */
function checklistLine(policy: Policy, finding: Finding): string {
  const rule = finding.field ? fieldRule(policy, finding.field) : undefined;
  if (rule && (finding.kind === 'missing-field' || finding.kind === 'invalid-field')) {
    const now = finding.kind === 'invalid-field' ? ` (${withoutPeriod(safeMarkdown(finding.message, { max: 200 }))})` : '';
    const why = rule.message ? `\n  _${escapeText(rule.message, 200)}_` : '';
    return `- [ ] ${fieldInstruction(rule)}${now}${why}`;
  }
  const why = rule?.message ? `\n  _${escapeText(rule.message, 200)}_` : '';
  return `- [ ] ${withoutPeriod(safeMarkdown(finding.fix, { max: 300 }))}${why}`;
}

function fieldRule(policy: Policy, heading: string): BusinessCaseField | undefined {
  const key = normalizeHeading(heading);
  return policy.businessCase.fields.find((f) => normalizeHeading(f.heading) === key);
}

function fieldInstruction(rule: BusinessCaseField): string {
  const heading = `**${escapeText(rule.heading, 80)}**`;
  if (rule.oneOf?.length) return `Answer ${heading} with one of: ${rule.oneOf.map((o) => escapeText(o, 60)).join(', ')}`;
  if (rule.type === 'date') return `Fill in ${heading} with a date written YYYY-MM-DD`;
  if (rule.minWords) return `Fill in ${heading} with at least ${plural(rule.minWords, 'word')}`;
  return `Fill in ${heading}`;
}

/** The trade-off behind a budget finding: the share, the cap, what this item adds, and what else makes up the budget. */
function budgetSection(input: CommentInput, finding: Finding, number: number, assessment: ItemAssessment | undefined): string {
  const { evaluation } = input;
  const category = finding.category ?? assessment?.category ?? '';
  const budget = budgetFor(evaluation, category);
  const name = escapeText(category, 40);
  const size = assessment?.planned ? assessment.size : 0;
  const perCustomer = finding.kind === 'customer-over-share';
  const customer = perCustomer ? budget?.customers.find((c) => c.customer === finding.customer) : undefined;
  const who = perCustomer ? escapeText(finding.customer ?? 'this customer', 40) : `${name} work`;

  const heading = perCustomer ? `### Capacity: ${who} is over its share of ${name} work` : `### Capacity: ${name} work is over budget`;
  const state = perCustomer
    ? `**${who}** takes **${customer?.share ?? '?'}** of ${name} work, above the per-customer cap of **${customer?.cap ?? '?'}**.`
    : `${capitalize(name)} work takes **${budget?.share ?? '?'}** of planned capacity, above its cap of **${budget?.maxShare?.text ?? '?'}**.`;
  const [part, whole] = perCustomer ? [customer?.points ?? 0, budget?.points ?? 0] : [budget?.points ?? 0, evaluation.totalPoints];
  const adds =
    size > 0
      ? ` This issue adds **${amount(size, evaluation.unit)}**; without it, ${who} would take **${formatPercent(part - size, whole - size)}**.`
      : '';

  const members = membersOf(input, category, finding).filter((a) => !perCustomer || a.customer === finding.customer);
  const others = members.filter((a) => a.number !== number);
  const lines = [heading, state + adds];
  if (others.length) {
    lines.push(`What else makes up ${perCustomer ? 'that share' : `${name} work`} (newest first):`);
    lines.push(contributorList(input, others));
  }
  return lines.join('\n\n');
}

/** The planned items of a category, newest first: the finding's own list when the engine gave one. */
function membersOf(input: CommentInput, category: string, finding: Finding): ItemAssessment[] {
  const byNumber = new Map(input.evaluation.items.map((a) => [a.number, a]));
  if (finding.contributors) {
    return finding.contributors.map((n) => byNumber.get(n)).filter((a): a is ItemAssessment => a !== undefined);
  }
  return input.evaluation.items.filter((a) => a.planned && a.category === category).sort((a, b) => b.number - a.number);
}

function contributorList(input: CommentInput, members: ItemAssessment[]): string {
  const items = new Map(input.items.map((i) => [i.number, i]));
  const lines = members.slice(0, MAX_CONTRIBUTORS).map((a) => {
    const item = items.get(a.number) ?? { number: a.number, title: '', url: '' };
    const customer = a.customer ? `, ${escapeText(a.customer, 40)}` : '';
    return `- ${itemLink(item, 60)} — ${amount(a.size, input.evaluation.unit)}${customer}`;
  });
  const more = members.length - MAX_CONTRIBUTORS;
  if (more > 0) lines.push(`- and ${plural(more, 'more item')}`);
  return lines.join('\n');
}

function exemptSection(policy: Policy, findings: Finding[]): string {
  const label = policy.exemptions?.label;
  return [
    '### Exempt',
    `This issue carries ${label ? code(label) : 'the exemption label'}, so these are reported but block nothing:`,
    ...findings.map((f) => `- ${withoutPeriod(safeMarkdown(f.message, { max: 300 }))} (exempt)`),
  ].join('\n');
}

function exceptionHowTo(input: CommentInput): string {
  const exemptions = input.policy.exemptions;
  if (!exemptions) return '';
  // Approvers are shown as code so that updating this comment never pings them.
  const approvers = exemptions.approvers.map(code);
  const who = approvers.length ? `An approver (${approvers.join(', ')}) can` : 'A maintainer can';
  const limit =
    exemptions.maxOpen !== undefined
      ? ` Exceptions stay rare: at most ${exemptions.maxOpen} may be open at a time (${input.evaluation.exemptions.inUse} in use).`
      : '';
  return `**Need an exception?** ${who} add the label ${code(exemptions.label)}: exempt issues are still reported but never fail the check.${limit}`;
}

/** The stamp line, and the state the next run reads back; a change in either alone never rewrites the comment. */
function footer(input: CommentInput): string {
  const source = input.policySources[0] ?? 'the roadmap policy';
  const url = input.policyUrl ? safeUrl(input.policyUrl) : undefined;
  const policy = url ? `[${escapeText(source, 100)}](${url})` : code(source);
  const item = input.items.find((i) => i.number === input.focusItem);
  const warned = input.evaluation.archive.find((d) => d.number === input.focusItem)?.warnedAt;
  const state = stateMarker({ ...(item ? { touched: touchedAt(item) } : {}), ...(warned ? { warned } : {}) });
  return `_Checked by Roadmap Guard against ${policy} on ${day(input.evaluation.at)}._${state ? ` ${state}` : ''}`;
}

/** The last time a person touched the item, as far as this run can tell. */
function touchedAt(item: Pick<WorkItem, 'updatedAt' | 'activityAt'>): string {
  return item.activityAt ?? item.updatedAt;
}

function withoutPeriod(text: string): string {
  return text.replace(/\.\s*$/, '');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
