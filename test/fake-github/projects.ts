/**
 * Projects v2 boards as GitHub's GraphQL schema models them (`ProjectV2`,
 * `ProjectV2Item`, the `ProjectV2ItemField*Value` union members): fields of
 * type number, text, single select, date and iteration; items whose content
 * is an issue of any repository, a draft issue, or nothing at all (the
 * schema's `ProjectV2ItemType.REDACTED`: "Redacted Item", what a deleted or
 * unreadable issue leaves behind, with `content: null`).
 *
 * Who may read a board follows GitHub's docs on `GITHUB_TOKEN` ("cannot access
 * projects": organization and user projects are outside a repository-scoped
 * token): the workflow bot gets "Resource not accessible by integration"
 * (type FORBIDDEN); a token whose identity is not among the board's readers
 * gets the same NOT_FOUND answer as for a board that does not exist.
 */
import { GraphQLError } from 'graphql';
import { paginate, type ConnectionArgs } from './connection.js';
import { newDatabaseId, newNodeId, type FakeUser } from './state.js';

export type FakeFieldValue =
  | { type: 'number'; number: number }
  | { type: 'text'; text: string }
  | { type: 'single-select'; name: string }
  | { type: 'date'; date: string }
  | { type: 'iteration'; title: string; startDate: string; duration: number };

export interface FakeProjectField {
  name: string;
  /** `ProjectV2FieldType`. */
  dataType: 'NUMBER' | 'TEXT' | 'SINGLE_SELECT' | 'DATE' | 'ITERATION' | 'TITLE' | 'ASSIGNEES' | 'LABELS' | 'STATUS';
}

export type FakeItemContent =
  | { kind: 'issue'; owner: string; repo: string; number: number }
  | { kind: 'draft'; title: string; body: string; createdAt: string }
  /** The issue was deleted, or the reader cannot see it. */
  | { kind: 'redacted' };

export interface FakeProjectItem {
  databaseId: number;
  nodeId: string;
  content: FakeItemContent;
  values: Record<string, FakeFieldValue>;
}

export interface FakeProject {
  owner: string;
  ownerType: 'Organization' | 'User';
  number: number;
  title: string;
  fields: FakeProjectField[];
  items: FakeProjectItem[];
  /** Logins that may read the board. */
  readers: string[];
}

/** The fields every board has before anyone adds one (GitHub creates them with the project). */
export const DEFAULT_PROJECT_FIELDS: FakeProjectField[] = [
  { name: 'Title', dataType: 'TITLE' },
  { name: 'Assignees', dataType: 'ASSIGNEES' },
  { name: 'Status', dataType: 'SINGLE_SELECT' },
  { name: 'Labels', dataType: 'LABELS' },
];

export function fakeProjectItem(content: FakeItemContent, values: Record<string, FakeFieldValue> = {}): FakeProjectItem {
  const databaseId = newDatabaseId();
  return { databaseId, nodeId: newNodeId('PVTI', databaseId), content, values };
}

export function projectKey(owner: string, number: number): string {
  return `${owner.toLowerCase()}/${number}`;
}

/** What the board resolvers need from the rest of the fake. */
export interface ProjectViews {
  projects: Map<string, FakeProject>;
  viewer: FakeUser;
  /** Whether the viewer's token may read this repository (a fine-grained token names the ones it may). */
  canRead: (owner: string, repo: string) => boolean;
  /** The GraphQL view of an issue, or null when the repository or issue does not exist. */
  issue: (owner: string, repo: string, number: number) => unknown;
}

class TypedError extends GraphQLError {
  constructor(
    message: string,
    readonly type: string,
  ) {
    super(message);
  }
}

/** `organization(login:)`, `user(login:)` and `repositoryOwner(login:)`, each with `projectV2(number:)`. */
export function ownerView(login: string, wanted: 'Organization' | 'User' | 'any', views: ProjectViews) {
  const owned = [...views.projects.values()].filter((project) => project.owner.toLowerCase() === login.toLowerCase());
  const ownerType = owned[0]?.ownerType ?? (wanted === 'any' ? 'Organization' : wanted);
  if (wanted !== 'any' && ownerType !== wanted) {
    throw new TypedError(`Could not resolve to ${wanted === 'User' ? 'a User' : 'an Organization'} with the login of '${login}'.`, 'NOT_FOUND');
  }
  return {
    __typename: ownerType,
    login,
    projectV2: ({ number }: { number: number }) => {
      if (views.viewer.type === 'Bot' && views.viewer.login === 'github-actions[bot]') {
        throw new TypedError('Resource not accessible by integration', 'FORBIDDEN');
      }
      const project = views.projects.get(projectKey(login, number));
      if (!project || !canReadProject(project, views)) {
        throw new TypedError(`Could not resolve to a ProjectV2 with the number ${number}.`, 'NOT_FOUND');
      }
      return projectView(project, views);
    },
  };
}

function canReadProject(project: FakeProject, views: ProjectViews): boolean {
  return project.readers.some((reader) => reader.toLowerCase() === views.viewer.login.toLowerCase());
}

/**
 * `Issue.projectItems`: the issue's items on every board, in the order the
 * boards were made. The workflow token, which cannot read organization
 * boards, gets none (octokit/graphql-action#161: `projectItems.nodes` is `[]`
 * in Actions for an issue on a board); another token gets `null` in place of
 * an item on a board it cannot read (cli/cli#11703: `totalCount: 1`,
 * `nodes: [null]` for a fine-grained token without access).
 */
export function issueProjectItems(issue: { owner: string; repo: string; number: number }, args: ConnectionArgs, views: ProjectViews) {
  const isIssue = (content: FakeItemContent) =>
    content.kind === 'issue' && content.owner.toLowerCase() === issue.owner.toLowerCase() && content.repo.toLowerCase() === issue.repo.toLowerCase() && content.number === issue.number;
  const workflowToken = views.viewer.type === 'Bot' && views.viewer.login === 'github-actions[bot]';
  const found = workflowToken ? [] : [...views.projects.values()].flatMap((project) => project.items.filter((item) => isIssue(item.content)).map((item) => ({ project, item })));
  const page = paginate(found, args, 'projectItems');
  const view = ({ project, item }: { project: FakeProject; item: FakeProjectItem }) => (canReadProject(project, views) ? itemView(project, item, views) : null);
  return { ...page, nodes: page.nodes.map(view), edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: view(edge.node) })) };
}

function projectView(project: FakeProject, views: ProjectViews) {
  return {
    __typename: 'ProjectV2',
    id: projectNodeId(project),
    number: project.number,
    title: project.title,
    url: `https://github.com/${project.ownerType === 'User' ? 'users' : 'orgs'}/${project.owner}/projects/${project.number}`,
    fields: (args: ConnectionArgs) => {
      const page = paginate(project.fields, args, 'fields');
      const view = (field: FakeProjectField) => ({
        __typename: field.dataType === 'ITERATION' ? 'ProjectV2IterationField' : field.dataType === 'SINGLE_SELECT' ? 'ProjectV2SingleSelectField' : 'ProjectV2Field',
        name: field.name,
        dataType: field.dataType,
      });
      return { ...page, nodes: page.nodes.map(view), edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: view(edge.node) })) };
    },
    items: (args: ConnectionArgs) => {
      const page = paginate(project.items, args, 'items');
      const view = (item: FakeProjectItem) => itemView(project, item, views);
      return { ...page, nodes: page.nodes.map(view), edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: view(edge.node) })) };
    },
  };
}

const ITEM_TYPES = { issue: 'ISSUE', draft: 'DRAFT_ISSUE', redacted: 'REDACTED' } as const;

function itemView(project: FakeProject, item: FakeProjectItem, views: ProjectViews) {
  const content = item.content;
  return {
    __typename: 'ProjectV2Item',
    id: item.nodeId,
    fullDatabaseId: String(item.databaseId),
    type: ITEM_TYPES[content.kind],
    isArchived: false,
    project: () => projectView(project, views),
    content: () => {
      // A fine-grained token limited to some repositories reads the board, but not the issues of other
      // repositories on it: GitHub answers the page with those items' `content: null` and one error of
      // type FORBIDDEN each, beside the rest of the data (github/gh-aw#50835: "fails with FORBIDDEN when
      // the page includes content from an inaccessible repo"; the message as cli/cli#13281 shows it).
      if (content.kind === 'issue' && !views.canRead(content.owner, content.repo)) {
        throw new TypedError('Resource not accessible by personal access token', 'FORBIDDEN');
      }
      if (content.kind === 'issue') return views.issue(content.owner, content.repo, content.number);
      if (content.kind === 'draft') {
        return { __typename: 'DraftIssue', id: newNodeId('DI', item.databaseId), title: content.title, body: content.body, createdAt: content.createdAt, updatedAt: content.createdAt };
      }
      return null;
    },
    // GitHub matches the field name exactly; a name the board lacks, or an empty field, is null.
    fieldValueByName: ({ name }: { name: string }) => {
      if (!project.fields.some((field) => field.name === name)) return null;
      const value = item.values[name];
      return value ? fieldValueView(value) : null;
    },
  };
}

function fieldValueView(value: FakeFieldValue) {
  switch (value.type) {
    case 'number':
      return { __typename: 'ProjectV2ItemFieldNumberValue', number: value.number };
    case 'text':
      return { __typename: 'ProjectV2ItemFieldTextValue', text: value.text };
    case 'single-select':
      return { __typename: 'ProjectV2ItemFieldSingleSelectValue', name: value.name };
    case 'date':
      return { __typename: 'ProjectV2ItemFieldDateValue', date: value.date };
    case 'iteration':
      return { __typename: 'ProjectV2ItemFieldIterationValue', title: value.title, startDate: value.startDate, duration: value.duration };
  }
}

/** A board's node id, one per owner and number. */
function projectNodeId(project: FakeProject): string {
  return `PVT_${Buffer.from(projectKey(project.owner, project.number)).toString('base64url')}`;
}
