/**
 * The comment a product manager sees on their issue: what is wrong, what
 * happens next, what is still to fix (a list that shows state, not boxes to
 * tick: the next run would untick them), the budget trade-off, and how to ask
 * for an exception. Edited in place by the bot, found by COMMENT_MARKER.
 */
import { FINDING_KIND_REGISTRY, FINDING_KINDS, isBudgetFinding, isFindingKind } from '../core/finding-kinds.js';
import type { ArchiveDecision, CategoryBudget, CustomerBudget, Finding, ItemAssessment, WorkItem } from '../core/types.js';
import type { Policy } from '../core/policy.js';
import { formAnswer } from '../core/issue-form.js';
import { matchesGlob } from '../core/glob.js';
import { codeSpan, escapeText, quoted, safeUrl, truncateForGitHub } from './escape.js';
import { boardReadAtSentence } from './board-read.js';
import { budgetFor, day, itemLink, itemRef, joinWords } from './format.js';
import { amount, capitalize, plural, withoutFinalPeriod } from '../core/wording.js';
import { COMMENT_MARKER } from '../memory/markers.js';
import { fixesMarker, readFixes } from '../memory/fixes.js';
import { stateMarker } from '../memory/state.js';
import { ARCHIVED_LEAD, RESOLVED_LEAD } from '../memory/settled.js';
import type { Conversation } from '../memory/conversation.js';
import type { ReportInput } from './types.js';
import { exceedsShare, formatPercent, parseShare, type Share } from '../core/share.js';
import { replySection, trailSection } from './conversation.js';

const MAX_CONTRIBUTORS = 5;

/** previousBody: the bot's comment as it stands, if any, to tell what was fixed since. */
type CommentInput = ReportInput & { focusItem: number; conversation?: Conversation; previousBody?: string };

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
  const open = unique(todo.map(fixKey));
  const fixed = fixedSince(input.previousBody, findings);

  const sections = [
    COMMENT_MARKER,
    replySection(input.conversation),
    opening(input, assessment, findings),
    todo.length ? ['### Still to fix', ...todo.map((f) => fixLine(input, f))].join('\n') : '',
    fixed.length ? ['### Fixed since the last check', ...fixed.map(fixedLine)].join('\n') : '',
    fixesMarker({ open, fixed }),
    budget.length ? capacitySection(input, budget, item.number, assessment) : '',
    budget.length && blocked ? `To make room, shrink or close other ${escapeText(budget[0]!.category ?? '', 40)} work, or ask for an exception.` : '',
    exempt.length ? exemptSection(input.policy, exempt) : '',
    blocked ? exceptionHowTo(input) : '',
    trailSection(input.conversation?.trail ?? []),
    footer(input, budget.length > 0),
  ];
  return truncateForGitHub(sections.filter(Boolean).join('\n\n') + '\n');
}

/** The short note that replaces the comment once the issue meets the policy. */
export function renderResolvedComment(input: {
  item: Pick<WorkItem, 'number' | 'title' | 'url'> & Partial<Pick<WorkItem, 'updatedAt' | 'activityAt'>>;
  at: string;
  conversation?: Conversation;
}): string {
  const touched = input.item.activityAt ?? input.item.updatedAt;
  return [
    COMMENT_MARKER,
    replySection(input.conversation),
    `${RESOLVED_LEAD} ${itemLink(input.item)} meets the roadmap policy as of ${day(input.at)}. Nothing left to fix; thank you.`,
    trailSection(input.conversation?.trail ?? []),
    // Last, where a change alone never rewrites the comment.
    stateMarker(touched ? { touched } : {}),
  ].filter(Boolean).join('\n\n') + '\n';
}

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

function findItem(input: CommentInput): { number: number; title: string; url: string } {
  const fromItems = input.items.find((i) => i.number === input.focusItem);
  if (fromItems) return fromItems;
  const fromFinding = input.evaluation.findings.find((f) => f.item?.number === input.focusItem)?.item;
  return fromFinding ?? { number: input.focusItem, title: '', url: '' };
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
    return `${who} is exempt from the roadmap policy${exemptLabel ? ` (label ${codeSpan(exemptLabel)})` : ''}: the findings below are listed for information and block nothing.`;
  }
  const archive = open.some((f) => f.kind === 'archive-pending') ? input.evaluation.archive.find((d) => d.number === input.focusItem) : undefined;
  const reasons = joinWords(briefly(reasonsFor(input.policy, open, archive), open.filter((f) => !isBudgetFinding(f)).length));
  const blocking = open.some((f) => f.severity === 'fail');
  return blocking
    ? `${who} can't be scheduled yet: ${reasons}. The check passes once the points below are settled; this comment updates as the issue changes.`
    : `${who} needs attention: ${reasons}. Nothing is blocked; this comment updates as the issue changes.`;
}

/** One sentence stays one sentence: past four reasons, name the first two and the budget, and count the fixes listed below that the rest stand for. */
function briefly(reasons: Reason[], fixesListed: number): string[] {
  const texts = reasons.map((r) => r.text);
  if (reasons.length <= 4) return texts;
  const own = reasons.filter((r) => !r.budget);
  const budget = reasons.filter((r) => r.budget).map((r) => r.text);
  const fixes = fixesListed - own.slice(0, 2).reduce((sum, r) => sum + r.fixes, 0);
  return [...own.slice(0, 2).map((r) => r.text), `${plural(fixes, 'more fix', 'more fixes')} listed below`, ...budget];
}

/** A reason in the opening sentence, and how many of the fixes listed below it stands for. */
interface Reason {
  text: string;
  budget: boolean;
  fixes: number;
}

function reasonsFor(policy: Policy, findings: Finding[], archive: ArchiveDecision | undefined): Reason[] {
  return [...ownReasons(policy, findings, archive).map((r) => ({ ...r, budget: false })), ...budgetReasons(findings).map((text) => ({ text, budget: true, fixes: 1 }))];
}

/** What is wrong with the item itself, in the order the opening names it, each with the number of findings (fixes) behind it. */
function ownReasons(policy: Policy, findings: Finding[], archive: ArchiveDecision | undefined): { text: string; fixes: number }[] {
  const count = (...kinds: Finding['kind'][]) => findings.filter((f) => kinds.includes(f.kind)).length;
  const has = (kind: Finding['kind']) => count(kind) > 0;
  const stale = policy.backlog.maxAgeDays ? `it has not been updated in over ${plural(policy.backlog.maxAgeDays, 'day')}` : 'it has not been updated in a long time';
  const reasons: [string | false | undefined, number][] = [
    [answersReason(count('missing-field'), count('invalid-field')), count('missing-field', 'invalid-field')],
    [has('not-without-customer') && 'it would be built only for this customer', count('not-without-customer')],
    [reviewsReason(count('unchecked-review')), count('unchecked-review')],
    [labelsReason(count('forbidden-label')), count('forbidden-label')],
    [has('bet-overdue') && 'its review date has passed', count('bet-overdue')],
    [has('outcome-missing') && 'nobody has said yet how the bet turned out', count('outcome-missing')],
    [has('stale-backlog') && stale, count('stale-backlog')],
    [archive && archiveReason(stale, archive), count('archive-pending')],
    [has('missing-size') && 'it has no size estimate', count('missing-size')],
  ];
  return reasons.flatMap(([text, fixes]) => (text ? [{ text, fixes }] : []));
}

function answersReason(missing: number, invalid: number): string {
  const answers = missing + invalid;
  if (!answers) return '';
  const state = invalid === 0 ? 'missing' : missing === 0 ? 'not in the expected form' : 'missing or incomplete';
  return `${plural(answers, 'business-case answer')} ${answers === 1 ? 'is' : 'are'} ${state}`;
}

function reviewsReason(reviews: number): string {
  return reviews ? `${plural(reviews, 'review')} ${reviews === 1 ? 'is' : 'are'} not ticked` : '';
}

function labelsReason(labels: number): string {
  if (!labels) return '';
  return labels === 1 ? 'it has a one-off label' : `it has ${labels} one-off labels`;
}

function archiveReason(stale: string, archive: ArchiveDecision): string {
  return archive.due ? `${stale} and is due to be archived` : `${stale} and will be archived on ${day(archive.archiveOn)} unless someone updates it`;
}

/** The budget the item counts toward: its category over budget (naming the customers over their share), else each customer over its share. */
function budgetReasons(findings: Finding[]): string[] {
  const overShare = findings.filter((x) => x.kind === 'customer-over-share');
  const overBudget = findings.filter((x) => x.kind === 'over-budget');
  if (overBudget.length === 0) {
    return overShare.map((f) => `${escapeText(f.customer ?? 'this customer', 40)} already takes more than its share of ${escapeText(f.category ?? 'its category', 40)} work`);
  }
  const names = overShare.map((f) => escapeText(f.customer ?? 'this customer', 40));
  const customers = names.length ? `, with ${joinWords(names)} above ${names.length === 1 ? 'its' : 'their'} share` : '';
  return overBudget.map((f) => `${escapeText(f.category ?? 'its category', 40)} work is over budget${customers}`);
}

/**
 * One thing still to fix, in the words of the rule that found it (its `fix`,
 * which every report shows), and for an answer in the wrong form, what is there now.
 */
function fixLine(input: CommentInput, finding: Finding): string {
  const now = finding.kind === 'invalid-field' && finding.field ? currentAnswer(input, finding.field) : '';
  return `- ${escapeText(withoutFinalPeriod(finding.fix), 300)}${now}`;
}

/** " — now "Upsell"": the answer as it stands, so the instruction need not repeat the question. */
function currentAnswer(input: CommentInput, heading: string): string {
  const answer = formAnswer(input.items.find((i) => i.number === input.focusItem)?.form ?? {}, heading);
  return answer ? ` — now ${quoted(answer, 80)}` : '';
}

/**
 * The trade-off behind the budget findings, in one section: the category's
 * share against its cap, the customer's against theirs, what this item adds,
 * whether the budget stays over without it, and what else makes it up.
 */
function capacitySection(input: CommentInput, findings: Finding[], number: number, assessment: ItemAssessment | undefined): string {
  const overBudget = findings.find((f) => f.kind === 'over-budget');
  const overShare = findings.filter((f) => f.kind === 'customer-over-share');
  const category = findings[0]!.category ?? assessment?.category ?? '';
  const budget = budgetFor(input.evaluation, category);
  const name = escapeText(category, 40);
  const size = assessment?.planned ? assessment.size : 0;
  const customers = overShare.map((f) => ({ finding: f, row: budget?.customers.find((c) => c.customer === f.customer) }));

  const lines = [capacityHeading(name, overBudget, customers), `${capacityStates(name, overBudget ? budget : undefined, customers).join('; ')}.${withoutThisIssue(input, { overBudget, customers, size, category })}`];
  const members = overBudget ? membersOf(input, category, overBudget) : customers.flatMap(({ finding }) => membersOf(input, category, finding));
  const others = members.filter((a) => a.number !== number);
  if (others.length) {
    lines.push(`What else makes up ${overBudget ? `${name} work` : 'that share'} (newest first):`);
    lines.push(contributorList(input, others, category));
  }
  return lines.join('\n\n');
}

type OverShare = { finding: Finding; row: CustomerBudget | undefined };

function capacityHeading(name: string, overBudget: Finding | undefined, customers: OverShare[]): string {
  if (overBudget) return `### Capacity: ${name} work is over budget`;
  const who = joinWords(customers.map(({ finding }) => escapeText(finding.customer ?? 'this customer', 40)));
  const ofPlanned = customers.every(({ row }) => customerLimit(row)?.ofPlanned);
  return `### Capacity: ${who} over ${customers.length === 1 ? 'its' : 'their'} share of ${ofPlanned ? 'all planned' : name} work`;
}

/** The category's share against its cap (when it is over budget), then each customer's against theirs. */
function capacityStates(name: string, overBudget: CategoryBudget | undefined, customers: OverShare[]): string[] {
  return [
    ...(overBudget ? [`${capitalize(name)} work takes **${overBudget.share}** of planned capacity, above its cap of **${overBudget.maxShare?.text ?? '?'}**`] : []),
    ...customers.map(({ finding, row }) => {
      const limit = customerLimit(row);
      const [of, capOf] = limit?.ofPlanned ? ['all planned work', ' of all planned work'] : [`${name} work`, ''];
      return `**${escapeText(finding.customer ?? 'this customer', 40)}** takes **${limit?.share ?? '?'}** of ${of}, above the per-customer cap of **${limit?.cap.text ?? '?'}**${capOf}`;
    }),
  ];
}

/** What this item adds, and whether each budget would still be over without it: then this issue alone is not the problem. */
function withoutThisIssue(
  input: CommentInput,
  facts: { overBudget: Finding | undefined; customers: OverShare[]; size: number; category: string },
): string {
  if (facts.size <= 0) return '';
  const { evaluation } = input;
  const budget = budgetFor(evaluation, facts.category);
  const ownCustomer = evaluation.items.find((a) => a.number === input.focusItem)?.customer;
  const outcomes: string[] = [];
  if (facts.overBudget && budget?.maxShare) {
    const [part, whole] = [budget.points - facts.size, evaluation.totalPoints - facts.size];
    outcomes.push(outcome(`${escapeText(facts.category, 40)} work`, 'over budget', part, whole, budget.maxShare));
  }
  const categoryPoints = budget?.points ?? 0;
  outcomes.push(...facts.customers.flatMap((customer) => customerOutcome(customer, { ownCustomer, size: facts.size, categoryPoints, totalPoints: evaluation.totalPoints })));
  const adds = ` This issue adds **${amount(facts.size, evaluation.unit)}**.`;
  return outcomes.length ? `${adds} Without it, ${joinWords(outcomes)}.` : adds;
}

/** Whether a customer would still be over its share without this item (which counts toward it only when it is that customer's). */
function customerOutcome(
  { finding, row }: OverShare,
  facts: { ownCustomer: string | null | undefined; size: number; categoryPoints: number; totalPoints: number },
): string[] {
  const limit = customerLimit(row);
  if (!row || !limit) return [];
  const [part, whole] = [row.points - (finding.customer === facts.ownCustomer ? facts.size : 0), (limit.ofPlanned ? facts.totalPoints : facts.categoryPoints) - facts.size];
  return [outcome(escapeText(finding.customer ?? 'this customer', 40), 'over its share', part, whole, limit.cap)];
}

/**
 * The cap a customer is over: of its category, or of all planned work
 * (per-customer.max-share-of-planned-work) when that is the one it breaks.
 */
function customerLimit(row: CustomerBudget | undefined): { share: string; cap: Share; ofPlanned: boolean } | undefined {
  const cap = row?.cap ? parseShare(row.cap) : undefined;
  const plannedCap = row?.plannedCap ? parseShare(row.plannedCap) : undefined;
  const overCategory = cap !== undefined && row !== undefined && exceedsShare(parseFloat(row.share), 100, cap);
  if (row && plannedCap && !overCategory) return { share: row.plannedShare ?? '?', cap: plannedCap, ofPlanned: true };
  return row && cap ? { share: row.share, cap, ofPlanned: false } : undefined;
}

/** "deal work would still be over budget (22.7% > 10%)" or "deal work would take 8%, within its cap". */
function outcome(who: string, overWords: string, part: number, whole: number, cap: Share): string {
  const share = formatPercent(part, whole);
  return exceedsShare(part, whole, cap) ? `${who} would still be ${overWords} (**${share}** > ${cap.text})` : `${who} would take **${share}**, within its cap of ${cap.text}`;
}

/** The planned items of a category, newest first: the finding's own list when the engine gave one. */
function membersOf(input: CommentInput, category: string, finding: Finding): ItemAssessment[] {
  const byNumber = new Map(input.evaluation.items.map((a) => [a.number, a]));
  if (finding.contributors) {
    return finding.contributors.map((n) => byNumber.get(n)).filter((a): a is ItemAssessment => a !== undefined);
  }
  return input.evaluation.items.filter((a) => a.planned && a.category === category).sort((a, b) => b.number - a.number);
}

function contributorList(input: CommentInput, members: ItemAssessment[], category: string): string {
  const items = new Map(input.items.map((i) => [i.number, i]));
  const lines = members.slice(0, MAX_CONTRIBUTORS).map((a) => {
    const item = items.get(a.number) ?? { number: a.number, title: '', url: '' };
    const customer = a.customer ? `, ${escapeText(a.customer, 40)}` : '';
    return `- ${itemLink(item, 60)} — ${amount(a.size, input.evaluation.unit)}${customer}`;
  });
  const rest = members.slice(MAX_CONTRIBUTORS);
  if (rest.length > 0) lines.push(`- and ${plural(rest.length, 'more item')}${moreLink(input, rest, category)}`);
  return lines.join('\n');
}

/** Where to see the rest: a search for the category's work, else the few left as links. */
function moreLink(input: CommentInput, rest: ItemAssessment[], category: string): string {
  const search = categorySearch(input, category);
  if (search) return ` ([all open ${escapeText(category, 40)} work](${search}))`;
  if (rest.length > MAX_CONTRIBUTORS) return '';
  const items = new Map(input.items.map((i) => [i.number, i]));
  const links = rest.map((a) => itemRef(items.get(a.number) ?? { number: a.number, url: '' }));
  return `: ${links.join(', ')}`;
}

/**
 * A GitHub issue search for a category's open work, when the category is
 * matched by labels only (board fields have no search): its plain labels,
 * and for a glob the labels its items actually carry. A comma between label
 * names means any of them; excluded labels are left out.
 */
function categorySearch(input: CommentInput, category: string): string | undefined {
  const rule = input.policy.categories.find((c) => c.name === category);
  if (!rule || rule.match.labels.length === 0 || Object.keys(rule.match.fields).length > 0) return undefined;
  const members = new Set(input.evaluation.items.filter((a) => a.planned && a.category === category).map((a) => a.number));
  const carried = input.items.filter((i) => members.has(i.number)).flatMap((i) => i.labels);
  const plain = rule.match.labels.filter((l) => !/[*?]/.test(l));
  const labels = [...new Set([...plain, ...carried.filter((l) => rule.match.labels.some((glob) => matchesGlob(glob, l)))])];
  const repository = /^(https:\/\/github\.com\/[^/]+\/[^/]+)\/issues\/\d+$/.exec(input.items[0]?.url ?? '')?.[1];
  if (!repository || labels.length > 20 || labels.some((l) => /["*?,]/.test(l))) return undefined;
  const excluded = input.policy.work.excludeLabels.filter((l) => !/["*?,]/.test(l)).map((l) => ` -label:"${l}"`).join('');
  return safeUrl(`${repository}/issues?q=${encodeURIComponent(`is:issue is:open label:${labels.map((l) => `"${l}"`).join(',')}${excluded}`)}`);
}

function exemptSection(policy: Policy, findings: Finding[]): string {
  const label = policy.exemptions?.label;
  return [
    '### Exempt',
    `This issue carries ${label ? codeSpan(label) : 'the exemption label'}, so these are reported but block nothing:`,
    ...findings.map((f) => `- ${escapeText(withoutFinalPeriod(f.message), 300)} (exempt)`),
  ].join('\n');
}

function exceptionHowTo(input: CommentInput): string {
  const exemptions = input.policy.exemptions;
  if (!exemptions) return '';
  // Approvers are shown as code so that updating this comment never pings them.
  const approvers = exemptions.approvers.map((a) => codeSpan(a));
  const who = approvers.length ? `An approver (${approvers.join(', ')}) can` : 'A maintainer can';
  const { inUse } = input.evaluation.exemptions;
  const limit =
    exemptions.maxOpen === undefined
      ? ''
      : inUse >= exemptions.maxOpen
        ? ` **No exceptions are left:** ${inUse} of at most ${exemptions.maxOpen} are in use, so a new one waits until another is closed or its label removed.`
        : ` Exceptions stay rare: at most ${exemptions.maxOpen} may be open at a time (${inUse} in use).`;
  const how = approvers.length ? `comment ${codeSpan('/roadmap exempt <reason>')} (or add the label ${codeSpan(exemptions.label)})` : `add the label ${codeSpan(exemptions.label)}`;
  return `**Need an exception?** ${who} ${how}: exempt issues are still reported but never fail the check.${limit}`;
}

/**
 * The stamp line, and the state the next run reads back; a change in either alone never rewrites the comment.
 * A comment on budgets counted from the saved board says when the rest of the board was read.
 */
function footer(input: CommentInput, onBudgets: boolean): string {
  const item = input.items.find((i) => i.number === input.focusItem);
  const warned = input.evaluation.archive.find((d) => d.number === input.focusItem)?.warnedAt;
  const state = stateMarker({ ...(item ? { touched: touchedAt(item) } : {}), ...(warned ? { warned } : {}) });
  const boardRead = onBudgets && input.boardReadAt ? ` _${boardReadAtSentence(input.boardReadAt)}_` : '';
  return `${stamp(input)}${boardRead}${state ? ` ${state}` : ''}`;
}

/** A comment's last line, its stamp: the policy checked against (linked at its commit) and the day. */
export function stamp(input: Pick<ReportInput, 'policySources' | 'policyUrl'> & { evaluation: { at: string } }): string {
  const source = input.policySources[0] ?? 'the roadmap policy';
  const url = input.policyUrl ? safeUrl(input.policyUrl) : undefined;
  const policy = url ? `[${escapeText(source, 100)}](${url})` : codeSpan(source);
  return `_Checked by Roadmap Guard against ${policy} on ${day(input.evaluation.at)}._`;
}

/** The last time a person touched the item, as far as this run can tell. */
function touchedAt(item: Pick<WorkItem, 'updatedAt' | 'activityAt'>): string {
  return item.activityAt ?? item.updatedAt;
}

const MAX_FIXED = 10;

/**
 * What the previous comment listed (as still to fix, or already as fixed)
 * that no finding names now, exempt or not. A fixed point stays listed on
 * later runs, so a re-run renders the same comment, until it comes back.
 */
function fixedSince(previousBody: string | undefined, findings: Finding[]): string[] {
  if (!previousBody) return [];
  const previous = readFixes(previousBody);
  const now = new Set(findings.filter((f) => !isBudgetFinding(f)).map(fixKey));
  return unique([...previous.fixed, ...previous.open]).filter((key) => !now.has(key)).slice(-MAX_FIXED);
}

/** A finding's identity across runs: the answer, review or label it is about, whatever its wording. */
function fixKey(finding: Finding): string {
  if (finding.kind === 'missing-field' || finding.kind === 'invalid-field') return `answer:${finding.field ?? ''}`;
  if (finding.kind === 'unchecked-review') return `review:${finding.field ?? /"(.*)"/.exec(finding.message)?.[1] ?? finding.message}`;
  if (finding.kind === 'forbidden-label') return `label:${/^Label "(.*?)"(?=: | is not allowed$)/.exec(finding.message)?.[1] ?? finding.message}`;
  return `${finding.kind}:${finding.field ?? ''}`;
}

/** One point fixed since the last check, from its key (read back from our own comment, still escaped). */
function fixedLine(key: string): string {
  const colon = key.indexOf(':');
  const kind = colon < 0 ? key : key.slice(0, colon);
  const detail = colon < 0 ? '' : key.slice(colon + 1);
  if (kind === 'answer') return `- **${escapeText(detail, 80)}** is answered`;
  if (kind === 'review') return `- **${escapeText(detail, 80)}** is ticked`;
  if (kind === 'label') return `- The label ${codeSpan(detail, { max: 60 })} is gone`;
  const phrase = isFindingKind(kind) ? FINDING_KIND_REGISTRY[kind].fixedPhrase : undefined;
  return `- ${phrase ?? `${escapeText(kind, 40)} is settled`}`;
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)];
}
