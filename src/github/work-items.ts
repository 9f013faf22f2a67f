/**
 * GitHub's view of an issue → the engine's WorkItem, and the bot's own
 * comment among an issue's comments.
 */
import { isIdentity, type GraphqlActor } from './identity.js';
import { normalizeHeading, parseIssueBody } from '../core/issue-form.js';
import type { FieldValue, WorkItem } from '../core/types.js';
import type { BotComment } from '../plan/types.js';
import { COMMENT_MARKER, DASHBOARD_MARKER } from '../memory/markers.js';
import type { CommentState } from '../memory/state.js';
import { rememberedState } from '../memory/remembered.js';
import { lastTouchByPeople, type Timeline } from './timeline.js';
import type { IssueNode, CommentNode, CommentLookup } from '../ports/reads.js';
import type { BodyReads } from '../core/body-reads.js';
export type { IssueNode, CommentNode, CommentLookup, BodyReads };

/**
 * Pull requests never get here: the queries read `Repository.issues`, which
 * holds issues only. `comments` are those read with the issue, if any: they
 * tell whether the bot's own write is the issue's latest change.
 */

/**
 * An item holding only what the policy reads of its body. An audit holds
 * every open issue at once: of forms of several kilobytes, mostly prose no
 * rule looks at, it keeps the few answers and boxes the rules judge. The kept
 * texts are copied, so nothing still points into the body and the body can
 * be freed with its page.
 */
export function policyItem(item: WorkItem, reads: BodyReads): WorkItem {
  const form = budgetForm(item.form, reads.headings);
  for (const key in form) form[key] = ownCopy(form[key]!);
  const checklist = item.checklist.filter((entry) => reads.checklist.has(normalizeHeading(entry.text))).map((entry) => ({ ...entry, text: ownCopy(entry.text) }));
  return { ...item, form, checklist };
}

/**
 * The same text in a string of its own. V8 may keep a part cut from a longer
 * string as a view of it, which keeps the whole of the longer one alive.
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** The answers of `form` under the given headings (normalized), in the form's order. */
function budgetForm(form: Readonly<Record<string, string>>, headings: ReadonlySet<string>): Record<string, string> {
  // Like the parser's own form: no prototype, so any heading is just an answer.
  const kept = Object.create(null) as Record<string, string>;
  for (const key in form) {
    if (Object.hasOwn(form, key) && headings.has(normalizeHeading(key))) kept[key] = form[key]!;
  }
  return kept;
}

/** `timeline`, when it was read, says who touched the issue and when (see timeline.ts). */
export function toWorkItem(node: IssueNode, comments: readonly (CommentNode | null)[] = [], timeline?: Timeline): WorkItem {
  const state = rememberedState(findBotComment(comments));
  const activityAt = humanActivityAt(node, comments, state, timeline);
  return workItemFromIssue({
    number: node.number,
    title: node.title,
    url: node.url,
    state: node.state,
    labels: (node.labels?.nodes ?? []).flatMap((label) => (label ? [label.name] : [])),
    ...(node.assignees ? { assignees: node.assignees.nodes ?? [] } : {}),
    author: node.author ?? null,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    closedAt: node.closedAt ?? null,
    stateReason: node.stateReason ?? null,
    ...(activityAt ? { activityAt } : {}),
    ...(state.warned ? { archiveWarnedAt: state.warned } : {}),
    milestone: node.milestone ?? null,
    body: node.body ?? null,
  });
}

/**
 * A person's last touch, when the bot's own writes hide it from `updatedAt`.
 * The moment the bot recorded in its comment counts too: a touch it saw
 * before it last wrote. An archived issue reopened since was reopened by a
 * person: that is their touch, and `updatedAt` holds it (the timeline, when
 * read, names who reopened it).
 */
function humanActivityAt(node: IssueNode, comments: readonly (CommentNode | null)[], state: CommentState, timeline: Timeline | undefined): string | undefined {
  if (!timeline && state.archived && node.state === 'OPEN' && node.stateReason === 'REOPENED') return undefined;
  const seen = personActivityAt(node, comments, timeline);
  if (!seen || !state.touched) return seen;
  return Date.parse(state.touched) > Date.parse(seen) ? new Date(Date.parse(state.touched)).toISOString() : seen;
}

/**
 * Every comment or label the bot writes bumps the issue's `updatedAt`, which
 * would reset the staleness clock the backlog rule reads. So once the bot
 * has written on the issue, `updatedAt` is never taken as a touch: a
 * person's last touch is the issue's creation, its last body edit, the
 * latest comment by someone else, and, when the timeline was read, the
 * latest thing anyone but the bot did (a label put on or taken off, a
 * title, an assignee, a milestone, a reopening), told apart by who acted.
 * An issue the bot never wrote on and whose timeline was not read: its
 * `updatedAt` (undefined here).
 */
export function personActivityAt(node: IssueNode, comments: readonly (CommentNode | null)[], timeline?: Timeline): string | undefined {
  const time = (moment: string | null | undefined) => (moment ? Date.parse(moment) : Number.NaN);
  const ours = (c: CommentNode) => c.viewerDidAuthor || c.byEarlierIdentity === true;
  const botWrote = comments.some((c) => !!c && ours(c));
  if (!botWrote && !timeline) return undefined;
  const people = comments.filter((c): c is CommentNode => !!c && !ours(c)).map((c) => time(c.updatedAt ?? c.createdAt));
  const touched = timeline ? time(lastTouchByPeople(timeline)) : Number.NaN;
  // lastEditedAt is null for a body never edited.
  const latest = Math.max(...[time(node.createdAt), time(node.lastEditedAt), touched, ...people].filter(Number.isFinite));
  return Number.isFinite(latest) ? new Date(latest).toISOString() : undefined;
}

/**
 * The bot's comment: carries the hidden marker AND was written by this token's
 * identity. Anyone can paste the marker; only the author check stops them from
 * hijacking or hiding the bot's comment. The oldest wins if there are several;
 * the others were posted by runs that raced each other, and are listed so a
 * run can remove them once the kept one holds what they remember. Comments
 * with the marker written by a login the product acted as before (a token
 * change) are listed the same way: adopted, trail included, never duplicated.
 * When only those exist, the bot has no comment of its own yet (`id` null,
 * `adopting`): the next comment it posts takes over their record. Comments
 * arrive oldest first; a comment read twice (the first and the last few
 * overlap on a short thread) counts once.
 */
export function findBotComment(comments: readonly (CommentNode | null)[]): BotComment | null {
  const marked = (comment: CommentNode | null): comment is CommentNode => !!comment?.body.includes(COMMENT_MARKER);
  const own = comments.filter((comment): comment is CommentNode => marked(comment) && comment.viewerDidAuthor);
  const earlier = comments.filter((comment): comment is CommentNode => marked(comment) && !comment.viewerDidAuthor && comment.byEarlierIdentity === true);
  const [oldest] = own;
  const id = oldest ? usableId(oldest) : null;
  const extras = new Map<string, string>();
  for (const comment of [...own.slice(1), ...earlier]) {
    const extra = usableId(comment);
    if (extra !== null && extra !== id) extras.set(extra, comment.body);
  }
  const listed = extras.size ? { extras: [...extras].map(([extraId, body]) => ({ id: extraId, body })) } : {};
  if (oldest) return { id, body: oldest.body, ...listed };
  return extras.size ? { id: null, body: earlier[0]!.body, adopting: true, ...listed } : null;
}

/**
 * A budget read's issue as planned work: its author is read only to recognise
 * a dashboard an earlier identity opened, and a budget item carries none, as
 * the saved state keeps none.
 */
export function budgetWorkItem(node: IssueNode): WorkItem {
  return toWorkItem({ ...node, author: null });
}

/** Marks the comments written by a login the product acted as before this token. */
export function markEarlierComments<T extends CommentNode | null>(comments: readonly T[], earlierIdentities: readonly string[] | undefined): T[] {
  if (!earlierIdentities?.length) return [...comments];
  return comments.map((comment) => (comment && !comment.viewerDidAuthor && isIdentity(earlierIdentities, comment.author) ? { ...comment, byEarlierIdentity: true } : comment));
}

function usableId(comment: CommentNode): string | null {
  return isDatabaseId(comment.fullDatabaseId) ? comment.fullDatabaseId : null;
}

/** A database id as GitHub's `BigInt` arrives: a decimal string of digits. */
function isDatabaseId(id: string | null | undefined): id is string {
  return typeof id === 'string' && /^[1-9]\d*$/.test(id);
}

/** The dashboard issue is the bot's own report, not planned work. */
export function isDashboardIssue(
  node: Pick<IssueNode, 'viewerDidAuthor' | 'body' | 'title'> & { author?: GraphqlActor | null },
  dashboardTitle: string | undefined,
  earlierIdentities: readonly string[] = [],
): boolean {
  // A dashboard an earlier identity of the product opened (`previous-bot-logins`) is the product's too: adopted, not left open beside a new one.
  if (!node.viewerDidAuthor && !isIdentity(earlierIdentities, node.author)) return false;
  return (node.body ?? '').includes(DASHBOARD_MARKER) || (dashboardTitle !== undefined && dashboardTitle !== '' && node.title === dashboardTitle);
}

/** An issue as GitHub's REST or GraphQL APIs describe it, loosely: labels and people may be names or objects. */
export interface RawIssue {
  number: number;
  title: string;
  url: string;
  state: string;
  labels: (string | { name: string })[];
  author: string | { login: string } | null;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  /** GitHub's `stateReason`: COMPLETED, NOT_PLANNED, DUPLICATE (any case). */
  stateReason?: string | null;
  activityAt?: string;
  archiveWarnedAt?: string;
  milestone: string | { title: string } | null;
  /** Absent when they were not read. */
  assignees?: (string | { login: string } | null)[];
  body: string | null;
  fields?: Record<string, FieldValue>;
}

/** Normalizes one issue into a work item, reading its issue-form answers and checkboxes from the body. */
export function workItemFromIssue(issue: RawIssue): WorkItem {
  const { form, checklist } = parseIssueBody(issue.body);
  return {
    number: issue.number,
    title: issue.title,
    url: issue.url,
    state: issue.state.toLowerCase() === 'open' ? 'open' : 'closed',
    labels: issue.labels.map((label) => (typeof label === 'string' ? label : label.name)),
    author: typeof issue.author === 'string' || issue.author === null ? issue.author : issue.author.login,
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    closedAt: issue.closedAt,
    ...closeReason(issue.stateReason),
    ...(issue.activityAt ? { activityAt: issue.activityAt } : {}),
    ...(issue.archiveWarnedAt ? { archiveWarnedAt: issue.archiveWarnedAt } : {}),
    milestone: typeof issue.milestone === 'string' || issue.milestone === null ? issue.milestone : issue.milestone.title,
    ...(issue.assignees ? { assignees: issue.assignees.flatMap((person) => (person === null ? [] : [typeof person === 'string' ? person : person.login])) } : {}),
    form,
    checklist,
    fields: issue.fields ?? {},
  };
}

function closeReason(stateReason: string | null | undefined): Pick<WorkItem, 'closedAs'> {
  const reason = stateReason?.toLowerCase().replace(/_/g, '-');
  return reason === 'completed' || reason === 'not-planned' || reason === 'duplicate' ? { closedAs: reason } : {};
}
