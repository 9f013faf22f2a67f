/**
 * One issue's place on a board, read fresh: which boards hold it
 * (`Issue.projectItems`, archived items included as the board's own `items`
 * include them) and the values of the fields the policy names, in one query
 * through `project-token`, whatever the board's size.
 */
import type { GitHubClient } from './client.js';
import { FIELD_VALUE, fieldValues } from './board.js';
import type { RepoRef } from '../ports/forge.js';
import type { IssueOnBoard } from '../ports/reads.js';

/** An issue is on few boards: one page of them, and a page that does not settle it is said so. */
const ITEMS_PER_ISSUE = 50;

export function issueBoardItemsQuery(fieldCount: number): string {
  const variables = Array.from({ length: fieldCount }, (_, i) => `$field${i}: String!`).join(' ');
  const values = Array.from({ length: fieldCount }, (_, i) => `field${i}: fieldValueByName(name: $field${i}) { ${FIELD_VALUE} }`).join('\n');
  return /* GraphQL */ `
    query RoadmapIssueBoardItems($owner: String!, $name: String!, $number: Int! ${variables}) {
      viewer { login }
      repository(owner: $owner, name: $name) {
        issue(number: $number) {
          projectItems(first: ${ITEMS_PER_ISSUE}) {
            pageInfo { hasNextPage }
            nodes {
              project { id }
              ${values}
            }
          }
        }
      }
    }
  `;
}


/**
 * Whether the issue is on the board is unknown: none of the items read is on
 * it, and more did not fit in the page, or GitHub gave some as null (items on
 * boards the token may not read, cli/cli#11703): the board itself may be one.
 */
export class UnsettledBoardItemsError extends Error {}

interface IssueItemsPage {
  viewer: { login: string };
  repository: {
    issue: {
      projectItems: { pageInfo: { hasNextPage: boolean }; nodes: ({ project: { id: string } } & Record<string, unknown> | null)[] | null };
    } | null;
  } | null;
}

/** Whether the issue is on the board whose node id is `boardId`, and its values of `fieldNames` there. */
export async function readIssueOnBoard(client: GitHubClient, repo: RepoRef, issueNumber: number, board: { id: string; fieldNames: readonly string[] }): Promise<IssueOnBoard> {
  const fieldVariables = Object.fromEntries(board.fieldNames.map((name, i) => [`field${i}`, name]));
  const page = await client.graphql<IssueItemsPage>(issueBoardItemsQuery(board.fieldNames.length), { owner: repo.owner, name: repo.name, number: issueNumber, ...fieldVariables });
  const items = page.repository?.issue?.projectItems;
  if (!items) throw new Error(`GitHub gave no board items for #${issueNumber}`);
  const nodes = items.nodes ?? [];
  const item = nodes.find((node) => node?.project.id === board.id);
  if (!item && items.pageInfo.hasNextPage) throw new UnsettledBoardItemsError(`#${issueNumber} is on more than ${ITEMS_PER_ISSUE} boards and none of the first is this one`);
  if (!item && nodes.includes(null)) throw new UnsettledBoardItemsError(`GitHub hides some of #${issueNumber}'s board items from \`project-token\``);
  return { reader: page.viewer.login, fields: item ? fieldValues(item, board.fieldNames) : null };
}
