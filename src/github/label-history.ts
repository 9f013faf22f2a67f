/**
 * Who last added a label to an issue, from its timeline: in audits, the
 * exemption label found on an issue is only as good as the person who
 * added it. One request per issue asked about; only exempt issues with no
 * recorded grant are asked about, and there are few by design (max-open).
 */
import type { GitHubClient } from './client.js';
import { LABEL_EVENTS_QUERY } from './queries.js';
import type { RepoRef } from './read.js';

interface LabelEventsPage {
  repository: {
    issue: {
      timelineItems: { nodes: ({ createdAt?: string; actor?: { __typename?: string; login: string } | null; label?: { name: string } } | null)[] | null };
    } | null;
  } | null;
}

export interface LabelAdder {
  login: string;
  isBot: boolean;
  at: string;
}

/** The person (or app) who added `label` most recently, or undefined when the timeline does not say (a deleted account, or more than 100 label events). */
export async function lastAddedBy(client: GitHubClient, repo: RepoRef, issue: number, label: string): Promise<LabelAdder | undefined> {
  const page = await client.graphql<LabelEventsPage>(LABEL_EVENTS_QUERY, { owner: repo.owner, name: repo.name, number: issue });
  const wanted = label.trim().toLowerCase();
  const events = page.repository?.issue?.timelineItems.nodes ?? [];
  const last = events.filter((event) => event?.label?.name.trim().toLowerCase() === wanted).at(-1);
  if (!last?.actor || !last.createdAt) return undefined;
  return { login: last.actor.login, isBot: last.actor.__typename === 'Bot' || last.actor.login.endsWith('[bot]'), at: last.createdAt };
}
