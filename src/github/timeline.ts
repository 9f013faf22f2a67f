/**
 * An issue's timeline as who did what and when: the one place that tells the
 * product's own writes from people's, by who acted (the timeline's actor, a
 * comment's author), never by how close in time something happened to a
 * write of the bot's. One request per issue asked about: audits ask only
 * about the few issues whose answer matters (exempt issues, stale ones).
 */
import { isIdentity, type GraphqlActor } from './identity.js';
import type { GitHubClient } from './client.js';
import { ISSUE_TIMELINE_QUERY } from './queries.js';
import type { TimelineEvent, CommandFacts, Timeline } from '../ports/reads.js';
export type { TimelineEvent, CommandFacts, Timeline };

type Actor = { __typename?: string; login: string } | null | undefined;

interface TimelineNode {
  __typename?: string;
  createdAt?: string;
  updatedAt?: string;
  viewerDidAuthor?: boolean;
  author?: Actor;
  actor?: Actor;
  label?: { name: string } | null;
  body?: string;
  lastEditedAt?: string | null;
  reactionGroups?: ReactionGroupNode[] | null;
}

interface ReactionGroupNode {
  content: string;
  viewerHasReacted?: boolean;
  reactors?: { totalCount?: number; nodes: (Actor | Record<string, never>)[] | null } | null;
}

interface TimelinePage {
  viewer?: { login: string } | null;
  repository: { issue: { timelineItems: { totalCount?: number; nodes: (TimelineNode | null)[] | null } } | null } | null;
}

/**
 * The timeline, with the product's own doings marked: this token's identity (GitHub's `viewer`) and the earlier ones the client was given.
 * `withRecord` also reads each comment's text and reactions, to rebuild the record of exceptions and outcomes (exempt and outcome-labelled issues only).
 */
export async function readTimeline(client: GitHubClient, repo: { owner: string; name: string }, issue: number, options: { withRecord?: boolean } = {}): Promise<Timeline> {
  const page = await client.graphql<TimelinePage>(ISSUE_TIMELINE_QUERY, { owner: repo.owner, name: repo.name, number: issue, withRecord: options.withRecord === true });
  const identities = [page.viewer?.login, ...(client.earlierIdentities ?? [])];
  const ours = (actor: GraphqlActor | null | undefined) => isIdentity(identities, actor);
  const items = page.repository?.issue?.timelineItems;
  const nodes = items?.nodes ?? [];
  const reactions = { ours, earlier: (client.earlierIdentities ?? []).length > 0 };
  // A webhook's sender is a REST user: its login is spelt as the identities are.
  return { events: nodes.flatMap((node) => (node ? toEvent(node, reactions) : [])), isProduct: (login) => ours({ login }), cutOff: (items?.totalCount ?? 0) > nodes.length };
}

interface ReactionReader {
  ours: (actor: GraphqlActor | null | undefined) => boolean;
  /** The product acted as other identities before: `viewerHasReacted` does not answer for them. */
  earlier: boolean;
}

function toEvent(node: TimelineNode, reactions: ReactionReader): TimelineEvent[] {
  const { ours } = reactions;
  const comment = node.__typename === 'IssueComment';
  const at = comment ? (node.updatedAt ?? node.createdAt) : node.createdAt;
  if (!at || Number.isNaN(Date.parse(at))) return [];
  const who = comment ? node.author : node.actor;
  const actor = who ? { login: who.login, isBot: who.__typename === 'Bot' || who.login.endsWith('[bot]') } : null;
  const type = comment ? 'comment' : eventType(node.__typename);
  const byProduct = (comment && node.viewerDidAuthor === true) || ours(who);
  return [{ type, at, actor, byProduct, ...(node.label ? { label: node.label.name } : {}), ...commandFacts(node, reactions) }];
}

function eventType(typename: string | undefined): TimelineEvent['type'] {
  return typename === 'LabeledEvent' ? 'labeled' : typename === 'UnlabeledEvent' ? 'unlabeled' : 'other';
}

/** A comment read with `withRecord`: its text as posted and the product's reactions on it. */
function commandFacts(node: TimelineNode, reactions: ReactionReader): { command?: CommandFacts } {
  if (node.__typename !== 'IssueComment' || node.body === undefined || !node.createdAt) return {};
  const listed = (group: ReactionGroupNode) => group.reactors?.nodes ?? [];
  const reacted = (group: ReactionGroupNode) => group.viewerHasReacted === true || listed(group).some((reactor) => reactions.ours(reactor as GraphqlActor));
  const cutOff = (group: ReactionGroupNode) => reactions.earlier && (group.reactors?.totalCount ?? 0) > listed(group).length;
  const groups = node.reactionGroups ?? [];
  const productReactions = groups.filter(reacted).map((group) => group.content);
  const unsureReactions = groups.filter((group) => !reacted(group) && cutOff(group)).map((group) => group.content);
  return { command: { postedAt: node.createdAt, body: node.body, edited: !!node.lastEditedAt, productReactions, unsureReactions } };
}

/** The last time anyone but the product touched the issue, as far as the timeline shows; undefined when it shows nothing of the kind. */
export function lastTouchByPeople(timeline: Timeline): string | undefined {
  const moments = timeline.events.filter((event) => !event.byProduct).map((event) => Date.parse(event.at));
  return moments.length ? new Date(Math.max(...moments)).toISOString() : undefined;
}

