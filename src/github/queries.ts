/**
 * Every GraphQL document the action sends. All are reads (writes go through
 * typed REST methods), and each is validated against GitHub's published
 * schema by a test, so a typo fails CI instead of a user's workflow.
 */

/**
 * What a work item needs from an issue, body aside (fetched only when the
 * policy reads it). Assignees only when the policy asks for owners: on a page
 * of 100 issues they are one more nested connection, a GraphQL point per page.
 * GitHub allows at most 10 assignees per issue, so one page holds them all.
 * Every operation spreading this fragment declares `$withAssignees`.
 */
export const ISSUE_FIELDS = /* GraphQL */ `
  fragment RoadmapIssueFields on Issue {
    number
    title
    url
    state
    createdAt
    updatedAt
    lastEditedAt
    closedAt
    stateReason(enableDuplicate: true)
    viewerDidAuthor
    author { __typename login }
    milestone { title }
    labels(first: 100) { nodes { name } }
    assignees(first: 10) @include(if: $withAssignees) { nodes { login } }
  }
`;

/**
 * Comment ids are read as `fullDatabaseId`, a `BigInt` GitHub sends as a
 * decimal string, and stay strings until they are a REST path. The older
 * `databaseId` is a 32-bit `Int`: comment ids passed 2^31 long ago, so
 * GitHub answers it with an error instead of the id.
 *
 * Enough comments to find the bot's own without another request in the
 * common case (most issues have fewer than 13 comments), and the latest
 * comments people wrote, which tell whether an issue is stale. One window
 * only: GitHub charges a page of 100 issues one point per nested connection
 * (labels, comments), so a second window would make every audit page cost
 * 3 points instead of 2. An issue with more comments than the window is
 * looked at again only when needed.
 */
const COMMENT_WINDOW = /* GraphQL */ `
  fragment RoadmapCommentWindow on Issue {
    recentComments: comments(last: 13) { totalCount nodes { fullDatabaseId viewerDidAuthor body author { __typename login } createdAt updatedAt } }
  }
`;

/** The labels the bot manages, to create them (with a colour) only when missing. */
const MANAGED_LABELS = /* GraphQL */ `
  fragment RoadmapManagedLabels on Repository {
    nonCompliantLabel: label(name: $nonCompliantLabel) @include(if: $withLabels) { name }
    overBudgetLabel: label(name: $overBudgetLabel) @include(if: $withLabels) { name }
  }
`;

/**
 * The milestones, for the execution report: on the audit's first page, so
 * the list costs no request of its own (nor a point: one node among 200).
 * Latest due date first, so the cycles of the window come first.
 */
const MILESTONES = /* GraphQL */ `
  fragment RoadmapMilestones on Repository {
    milestones(first: 100, orderBy: { field: DUE_DATE, direction: DESC }) @include(if: $withMilestones) {
      totalCount
      nodes { number title state dueOn closedAt createdAt }
    }
  }
`;

/** Audit: one page of 100 issues with everything the engine and the comment sync need. */
export const AUDIT_ISSUES_QUERY = /* GraphQL */ `
  query RoadmapAuditIssues(
    $owner: String!
    $name: String!
    $states: [IssueState!]!
    $since: DateTime
    $labels: [String!]
    $after: String
    $withBody: Boolean!
    $withComments: Boolean!
    $withLabels: Boolean!
    $withAssignees: Boolean = false
    $nonCompliantLabel: String!
    $overBudgetLabel: String!
    $withMilestones: Boolean = false
  ) {
    repository(owner: $owner, name: $name) {
      ...RoadmapManagedLabels
      ...RoadmapMilestones
      issues(first: 100, after: $after, states: $states, labels: $labels, filterBy: { since: $since }, orderBy: { field: CREATED_AT, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          ...RoadmapIssueFields
          body @include(if: $withBody)
          ...RoadmapCommentWindow @include(if: $withComments)
        }
      }
    }
  }
  ${ISSUE_FIELDS}
  ${COMMENT_WINDOW}
  ${MANAGED_LABELS}
  ${MILESTONES}
`;

/**
 * The execution report: the issues now in one milestone, 50 a page, each with
 * its milestone and closing history. One point a page: 1 + 50 label
 * connections + 50 timelines, over 100. An issue with more than 100 such
 * events is read up to its 100th, and the report says so (`totalCount`).
 */
export const CYCLE_ITEMS_QUERY = /* GraphQL */ `
  query RoadmapCycleItems($owner: String!, $name: String!, $number: Int!, $after: String, $withBody: Boolean!, $withAssignees: Boolean = false) {
    repository(owner: $owner, name: $name) {
      milestone(number: $number) {
        issues(first: 50, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
          pageInfo { hasNextPage endCursor }
          nodes {
            ...RoadmapIssueFields
            body @include(if: $withBody)
            timelineItems(first: 100, itemTypes: [MILESTONED_EVENT, DEMILESTONED_EVENT, CLOSED_EVENT, REOPENED_EVENT]) {
              totalCount
              nodes {
                __typename
                ... on MilestonedEvent { createdAt milestoneTitle }
                ... on DemilestonedEvent { createdAt milestoneTitle }
                ... on ClosedEvent { createdAt stateReason }
                ... on ReopenedEvent { createdAt }
              }
            }
          }
        }
      }
    }
  }
  ${ISSUE_FIELDS}
`;

/** Issue mode: the event's issue with its body and a page of its comments. */
export const FOCUS_ISSUE_QUERY = /* GraphQL */ `
  query RoadmapFocusIssue(
    $owner: String!
    $name: String!
    $number: Int!
    $commentsAfter: String
    $withLabels: Boolean!
    # One issue: its assignees cost nothing more, so they are always read.
    $withAssignees: Boolean = true
    $nonCompliantLabel: String!
    $overBudgetLabel: String!
  ) {
    repository(owner: $owner, name: $name) {
      ...RoadmapManagedLabels
      issue(number: $number) {
        ...RoadmapIssueFields
        body
        comments(first: 100, after: $commentsAfter) {
          totalCount
          pageInfo { hasNextPage endCursor }
          nodes { fullDatabaseId viewerDidAuthor body author { __typename login } createdAt updatedAt }
        }
      }
    }
  }
  ${ISSUE_FIELDS}
  ${MANAGED_LABELS}
`;

/**
 * Issue mode's budget read: the narrowest view of an issue that still
 * classifies and sizes it. Labels always; the body only when the policy
 * matches categories, customers or sizes by form fields.
 */
const BUDGET_FIELDS = /* GraphQL */ `
  fragment RoadmapBudgetFields on Issue {
    number
    title
    url
    state
    createdAt
    updatedAt
    viewerDidAuthor
    author { __typename login }
    labels(first: 100) { nodes { name } }
    body @include(if: $withBody)
  }
`;

/** Every open issue, for the budgets. */
export const BUDGET_ITEMS_QUERY = /* GraphQL */ `
  query RoadmapBudgetItems($owner: String!, $name: String!, $after: String, $withBody: Boolean!) {
    repository(owner: $owner, name: $name) {
      issues(first: 100, after: $after, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { ...RoadmapBudgetFields }
      }
    }
  }
  ${BUDGET_FIELDS}
`;

/**
 * With a saved state: the issues updated since it was saved, open or closed
 * (`filterBy.since`: "issues that have been updated at or after the given
 * date"), and GitHub's count of open issues, which tells whether an issue
 * left without a trace (deleted or transferred). Ordered by creation, which
 * an edit during the read does not reorder.
 */
export const BUDGET_CHANGES_QUERY = /* GraphQL */ `
  query RoadmapBudgetChanges($owner: String!, $name: String!, $since: DateTime!, $after: String, $withBody: Boolean!) {
    repository(owner: $owner, name: $name) {
      open: issues(states: [OPEN]) { totalCount }
      changed: issues(first: 100, after: $after, states: [OPEN, CLOSED], filterBy: { since: $since }, orderBy: { field: CREATED_AT, direction: ASC }) {
        pageInfo { hasNextPage endCursor }
        nodes { ...RoadmapBudgetFields }
      }
    }
  }
  ${BUDGET_FIELDS}
`;

/** The rest of one issue's comments, when the window above did not show the bot's comment. */
export const ISSUE_COMMENTS_QUERY = /* GraphQL */ `
  query RoadmapIssueComments($owner: String!, $name: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        comments(first: 100, after: $after) {
          pageInfo { hasNextPage endCursor }
          nodes { fullDatabaseId viewerDidAuthor body author { __typename login } createdAt updatedAt }
        }
      }
    }
  }
`;

/**
 * What a comment shows of a `/roadmap` command the bot answered, for
 * rebuilding the record of exceptions and outcomes when the bot's own comment
 * is gone: its text, whether it was edited since it was posted, and who
 * reacted how (the bot's 👍 says it carried the command out). Whether this
 * token's identity reacted is `viewerHasReacted`, however many reacted;
 * `reactors` names the others, bots too (the `Reactor` union, unlike a
 * reaction's `user`), with `totalCount` to tell a list cut off at 100.
 */
const COMMAND_FACTS = /* GraphQL */ `
  fragment RoadmapCommandFacts on IssueComment {
    body
    lastEditedAt
    reactionGroups { content viewerHasReacted reactors(first: 100) { totalCount nodes { __typename ... on Bot { login } ... on User { login } } } }
  }
`;

/**
 * An issue's timeline, latest last, with who did each thing: who put a label
 * on or took it off (to tell who stands behind an exemption label), and the
 * last time a person, not the bot, touched the issue. `viewer` names the
 * token's identity, whose own writes (comments, labels) are never a
 * person's touch; it answers for an App's installation token too (see
 * fullsend-ai/fullsend#1953, joshjohanning/bulk-github-repo-settings-sync-action#194).
 */
export const ISSUE_TIMELINE_QUERY = /* GraphQL */ `
  query RoadmapIssueTimeline($owner: String!, $name: String!, $number: Int!, $withRecord: Boolean!) {
    viewer { login }
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        timelineItems(
          last: 100
          itemTypes: [ISSUE_COMMENT, LABELED_EVENT, UNLABELED_EVENT, RENAMED_TITLE_EVENT, REOPENED_EVENT, ASSIGNED_EVENT, UNASSIGNED_EVENT, MILESTONED_EVENT, DEMILESTONED_EVENT]
        ) {
          totalCount
          nodes {
            __typename
            ... on IssueComment {
              createdAt
              updatedAt
              viewerDidAuthor
              author { __typename login }
              ...RoadmapCommandFacts @include(if: $withRecord)
            }
            ... on LabeledEvent { createdAt actor { __typename login } label { name } }
            ... on UnlabeledEvent { createdAt actor { __typename login } label { name } }
            ... on RenamedTitleEvent { createdAt actor { __typename login } }
            ... on ReopenedEvent { createdAt actor { __typename login } }
            ... on AssignedEvent { createdAt actor { __typename login } }
            ... on UnassignedEvent { createdAt actor { __typename login } }
            ... on MilestonedEvent { createdAt actor { __typename login } }
            ... on DemilestonedEvent { createdAt actor { __typename login } }
          }
        }
      }
    }
  }
  ${COMMAND_FACTS}
`;

/**
 * The newest open issues, to tell whether a dashboard issue whose creation
 * answered with an error was created after all: it would be among them.
 */
export const NEWEST_ISSUES_QUERY = /* GraphQL */ `
  query RoadmapNewestIssues($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) {
      issues(last: 20, states: [OPEN], orderBy: { field: CREATED_AT, direction: ASC }) {
        nodes { number title body viewerDidAuthor }
      }
    }
  }
`;

/** A relayed board item's content by number: an issue, a pull request, or nothing (deleted). */
export const RELAYED_BY_NUMBER_QUERY = /* GraphQL */ `
  query RoadmapRelayedByNumber($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      issueOrPullRequest(number: $number) { __typename ... on Issue { number } }
    }
  }
`;

/** A relayed board item's content by node id (`content_node_id` of GitHub's own payload). */
export const RELAYED_BY_NODE_QUERY = /* GraphQL */ `
  query RoadmapRelayedByNode($id: ID!) {
    node(id: $id) { __typename ... on Issue { number repository { nameWithOwner } } }
  }
`;

/** Every document above, by name, for the schema test. */
export const ALL_QUERIES: Record<string, string> = {
  AUDIT_ISSUES_QUERY,
  FOCUS_ISSUE_QUERY,
  BUDGET_ITEMS_QUERY,
  BUDGET_CHANGES_QUERY,
  ISSUE_COMMENTS_QUERY,
  ISSUE_TIMELINE_QUERY,
  NEWEST_ISSUES_QUERY,
  RELAYED_BY_NUMBER_QUERY,
  RELAYED_BY_NODE_QUERY,
  CYCLE_ITEMS_QUERY,
};
