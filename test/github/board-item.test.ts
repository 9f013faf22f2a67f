// An issue's place on one board, from `Issue.projectItems`: found, absent, or
// unknown when the page GitHub gave cannot settle it.
import { describe, expect, it } from 'vitest';
import { readIssueOnBoard, UnsettledBoardItemsError } from '../../src/github/board-item.js';
import type { GitHubClient } from '../../src/github/client.js';

type Node = { project: { id: string }; field0?: unknown } | null;

function answering(nodes: Node[], hasNextPage = false): GitHubClient {
  return { graphql: async () => ({ viewer: { login: 'roadmap-app[bot]' }, repository: { issue: { projectItems: { pageInfo: { hasNextPage }, nodes } } } }) } as unknown as GitHubClient;
}

const read = (client: GitHubClient) => readIssueOnBoard(client, { owner: 'acme', name: 'widgets' }, 113, { id: 'PVT_7', fieldNames: ['Estimate'] });

describe("an issue's place on the board", () => {
  it('gives the field values of its item on the board, and who read them', async () => {
    const onBoard = await read(answering([{ project: { id: 'PVT_1' } }, { project: { id: 'PVT_7' }, field0: { __typename: 'ProjectV2ItemFieldNumberValue', number: 5 } }]));
    expect(onBoard).toEqual({ reader: 'roadmap-app[bot]', fields: { Estimate: { type: 'number', value: 5 } } });
  });

  it('says it is not on the board when every item GitHub gave is on another', async () => {
    expect(await read(answering([{ project: { id: 'PVT_1' } }]))).toEqual({ reader: 'roadmap-app[bot]', fields: null });
  });

  it('cannot tell when more items did not fit in the page, or GitHub hid some', async () => {
    await expect(read(answering([{ project: { id: 'PVT_1' } }], true))).rejects.toThrow(UnsettledBoardItemsError);
    await expect(read(answering([null, { project: { id: 'PVT_1' } }]))).rejects.toThrow("GitHub hides some of #113's board items from `project-token`");
    // Found is found, whatever else the page holds.
    expect((await read(answering([null, { project: { id: 'PVT_7' } }], true))).fields).toEqual({});
  });
});
