/**
 * Reads a Projects v2 board: its field names once, then its items 100 a page
 * with only the fields the policy names (one `fieldValueByName` alias each,
 * through the `ProjectV2ItemField*Value` fragments), so N items cost
 * ceil(N/100) requests whatever the board's size in columns.
 */
import type { FieldValue, WorkItem } from '../core/types.js';
import type { GitHubClient } from './client.js';
import { getErrorMessage } from './errors.js';
import { ISSUE_FIELDS } from './queries.js';
import { policyItem, toWorkItem, type BodyReads, type IssueNode } from './work-items.js';
import type { BoardRef, BoardItem, BoardRead } from '../ports/reads.js';
import { BoardAccessError } from '../ports/errors.js';
export { BoardAccessError };
export type { BoardRef, BoardItem, BoardRead };


/** What the run reads of a field value, whatever its type (one fragment per type it reads). */
export const FIELD_VALUE = /* GraphQL */ `
  __typename
  ... on ProjectV2ItemFieldNumberValue { number }
  ... on ProjectV2ItemFieldTextValue { text }
  ... on ProjectV2ItemFieldSingleSelectValue { name }
  ... on ProjectV2ItemFieldDateValue { date }
  ... on ProjectV2ItemFieldIterationValue { title startDate duration }
`;

/**
 * The document for a board read with these field names. `repositoryOwner`
 * covers organization and user boards in one query (both are `ProjectV2Owner`s).
 */
export function boardQuery(fieldCount: number): string {
  const variables = Array.from({ length: fieldCount }, (_, i) => `$field${i}: String!`).join(' ');
  const values = Array.from({ length: fieldCount }, (_, i) => `field${i}: fieldValueByName(name: $field${i}) { ${FIELD_VALUE} }`).join('\n');
  return /* GraphQL */ `
    query RoadmapBoardItems($owner: String!, $number: Int!, $after: String, $withFields: Boolean!, $withAssignees: Boolean = false ${variables}) {
      viewer @include(if: $withFields) { login }
      repositoryOwner(login: $owner) {
        ... on ProjectV2Owner {
          projectV2(number: $number) {
            id
            title
            fields(first: 100) @include(if: $withFields) { nodes { ... on ProjectV2FieldCommon { name } } }
            items(first: 100, after: $after) {
              pageInfo { hasNextPage endCursor }
              nodes {
                type
                ${values}
                content {
                  __typename
                  ... on Issue { ...RoadmapIssueFields body repository { nameWithOwner } }
                  ... on DraftIssue { title body createdAt updatedAt }
                }
              }
            }
          }
        }
      }
    }
    ${ISSUE_FIELDS}
  `;
}

type RawFieldValue = {
  __typename: string;
  number?: number | null;
  text?: string | null;
  name?: string | null;
  date?: string | null;
  title?: string;
  startDate?: string;
  duration?: number;
} | null;

type RawContent =
  | (IssueNode & { __typename: 'Issue'; repository?: { nameWithOwner: string } })
  | { __typename: 'DraftIssue'; title: string; body: string; createdAt: string; updatedAt: string }
  | { __typename: 'PullRequest' }
  | null;

type RawItem = { type: string; content: RawContent } & Record<string, unknown>;

interface BoardPage {
  viewer?: { login: string };
  repositoryOwner: {
    projectV2?: {
      id?: string;
      title: string;
      fields?: { nodes: ({ name?: string } | null)[] | null };
      items: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: (RawItem | null)[] | null };
    } | null;
  } | null;
}

/**
 * Every item of the board, with the values of `fieldNames` (names as the
 * policy spells them) and, with `reads`, of each body only what the policy
 * reads: a board of 50,000 items is held at once.
 */
export async function readBoard(client: GitHubClient, board: BoardRef, fieldNames: readonly string[], options: { withAssignees?: boolean; reads?: BodyReads } = {}): Promise<BoardRead> {
  const { reads } = options;
  const document = boardQuery(fieldNames.length);
  const fieldVariables = Object.fromEntries(fieldNames.map((name, i) => [`field${i}`, name]));
  const read: BoardRead = { title: '', fieldNames: [], items: [], redacted: 0, forbidden: 0, pullRequests: 0 };
  let after: string | null = null;
  const counter = { drafts: 0 };
  do {
    const { page, forbiddenItems } = await readPage(client, board, document, { owner: board.owner, number: board.number, after, withFields: after === null, withAssignees: options.withAssignees ?? false, ...fieldVariables });
    const project = page.repositoryOwner?.projectV2;
    if (!project) throw new BoardAccessError(board, 'not-found', `Could not resolve to a ProjectV2 with the number ${board.number}.`);
    if (after === null) Object.assign(read, boardFacts(page, project));
    for (const [index, node] of (project.items.nodes ?? []).entries()) {
      if (forbiddenItems.has(index)) read.forbidden += 1;
      else if (node) addBoardItem(read, node, { fieldNames, counter, ...(reads ? { reads } : {}) });
    }
    after = project.items.pageInfo.hasNextPage ? project.items.pageInfo.endCursor : null;
  } while (after);
  return read;
}

/** What the first page tells of the board itself: its title, id, fields, and who reads it. */
function boardFacts(page: BoardPage, project: NonNullable<NonNullable<BoardPage['repositoryOwner']>['projectV2']>): Pick<BoardRead, 'title' | 'id' | 'reader' | 'fieldNames'> {
  return {
    title: project.title,
    ...(project.id ? { id: project.id } : {}),
    ...(page.viewer?.login ? { reader: page.viewer.login } : {}),
    fieldNames: (project.fields?.nodes ?? []).flatMap((node) => (node?.name ? [node.name] : [])),
  };
}

/** One board item: an issue or a draft is work; a pull request or an item the token cannot see is only counted. */
function addBoardItem(read: BoardRead, node: RawItem, options: { fieldNames: readonly string[]; counter: { drafts: number }; reads?: BodyReads }): void {
  const fields = fieldValues(node, options.fieldNames);
  const content = node.content;
  const kept = (item: WorkItem) => (options.reads ? policyItem(item, options.reads) : item);
  if (!content) read.redacted += 1;
  else if (content.__typename === 'PullRequest') read.pullRequests += 1;
  else if (content.__typename === 'DraftIssue') read.items.push({ repository: null, item: kept(draftItem(content, fields, (options.counter.drafts += 1))), comments: [] });
  else read.items.push({ repository: content.repository?.nameWithOwner ?? null, item: kept({ ...toWorkItem(content), fields }), comments: [] });
}

/** A page, and the positions of the items whose content the token may not read. */
async function readPage(client: GitHubClient, board: BoardRef, document: string, variables: Record<string, unknown>): Promise<{ page: BoardPage; forbiddenItems: Set<number> }> {
  try {
    return { page: await client.graphql<BoardPage>(document, variables), forbiddenItems: new Set() };
  } catch (error) {
    const partial = partialPage(error);
    if (partial) return partial;
    const types = graphqlErrorTypes(error);
    if (types.includes('FORBIDDEN')) throw new BoardAccessError(board, 'forbidden', graphqlErrorMessage(error));
    if (types.includes('NOT_FOUND')) throw new BoardAccessError(board, 'not-found', graphqlErrorMessage(error));
    throw error;
  }
}

/**
 * The page GitHub gave beside its errors, when every error is a FORBIDDEN on
 * one item's content (`…items.nodes.<i>.content`): the board itself was read.
 * Any other error, or no board in the data, is not a partial page.
 */
function partialPage(error: unknown): { page: BoardPage; forbiddenItems: Set<number> } | undefined {
  const errors = graphqlErrors(error);
  const page = (error as { data?: BoardPage } | null)?.data;
  if (!errors.length || !page?.repositoryOwner?.projectV2?.items) return undefined;
  const forbiddenItems = new Set<number>();
  for (const entry of errors) {
    const index = forbiddenItemIndex(entry);
    if (index === undefined) return undefined;
    forbiddenItems.add(index);
  }
  return { page, forbiddenItems };
}

/** The item's position in the page for a FORBIDDEN error on `…items.nodes.<i>.content`; undefined for any other error. */
function forbiddenItemIndex(entry: GraphqlErrorEntry): number | undefined {
  const path: unknown[] = Array.isArray(entry?.path) ? entry.path : [];
  const [items, nodes, index, content] = path.slice(-4);
  const onContent = entry?.type === 'FORBIDDEN' && items === 'items' && nodes === 'nodes' && content === 'content';
  return onContent && typeof index === 'number' ? index : undefined;
}

/** The `type` of each GraphQL error (Octokit's GraphqlResponseError keeps them in `errors`). */
function graphqlErrorTypes(error: unknown): string[] {
  return graphqlErrors(error).map((e) => String(e?.type ?? ''));
}

/** GitHub's own words ("Resource not accessible by integration"), not Octokit's wrapper text. */
function graphqlErrorMessage(error: unknown): string {
  return graphqlErrors(error).find((e) => typeof e?.message === 'string')?.message ?? getErrorMessage(error);
}

type GraphqlErrorEntry = { type?: unknown; message?: string; path?: unknown } | null;

function graphqlErrors(error: unknown): GraphqlErrorEntry[] {
  const errors = (error as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) ? (errors as GraphqlErrorEntry[]) : [];
}

/** The values of `fieldNames`, read through one `field<i>: fieldValueByName` alias each. */
export function fieldValues(node: Record<string, unknown>, fieldNames: readonly string[]): Record<string, FieldValue> {
  const fields: Record<string, FieldValue> = {};
  fieldNames.forEach((name, i) => {
    const value = toFieldValue(node[`field${i}`] as RawFieldValue | undefined);
    if (value) fields[name] = value;
  });
  return fields;
}

type FieldValueReader = (raw: NonNullable<RawFieldValue>) => FieldValue | undefined;

/** One reader per field value type the board query asks for; any other type (users, labels) is not read. */
const FIELD_VALUE_READERS = new Map<string, FieldValueReader>([
  ['ProjectV2ItemFieldNumberValue', (raw) => (typeof raw.number === 'number' ? { type: 'number', value: raw.number } : undefined)],
  ['ProjectV2ItemFieldTextValue', (raw) => (typeof raw.text === 'string' ? { type: 'text', value: raw.text } : undefined)],
  ['ProjectV2ItemFieldSingleSelectValue', (raw) => (typeof raw.name === 'string' ? { type: 'single-select', value: raw.name } : undefined)],
  ['ProjectV2ItemFieldDateValue', (raw) => (typeof raw.date === 'string' ? { type: 'date', value: raw.date } : undefined)],
  [
    'ProjectV2ItemFieldIterationValue',
    (raw) => (raw.startDate && typeof raw.duration === 'number' ? { type: 'iteration', title: raw.title ?? '', startDate: raw.startDate, durationDays: raw.duration } : undefined),
  ],
]);

function toFieldValue(raw: RawFieldValue | undefined): FieldValue | undefined {
  const read = raw ? FIELD_VALUE_READERS.get(raw.__typename) : undefined;
  return raw && read ? read(raw) : undefined;
}

/**
 * A draft issue has no number and no repository. It is planned work all the
 * same, under a key no issue can have (negative), and is never written to.
 */
function draftItem(content: { title: string; body: string; createdAt: string; updatedAt: string }, fields: Record<string, FieldValue>, ordinal: number): WorkItem {
  const item = toWorkItem({ number: -ordinal, title: content.title, url: '', state: 'OPEN', createdAt: content.createdAt, updatedAt: content.updatedAt, body: content.body });
  return { ...item, fields };
}
