/**
 * The issues a pull request closes, read in full for the merge gate: GitHub's
 * closing references (keywords into the default branch, sidebar links into
 * any branch) and, into other branches when the policy asks, the closing
 * keywords of the description read here. Issues of other repositories are
 * noted and not checked.
 */
import type { Policy } from '../core/policy.js';
import type { WorkItem } from '../core/types.js';
import type { Forge, RepoRef } from '../ports/forge.js';
import type { ClosingReferences, LinkedIssueRead } from '../ports/reads.js';
import type { Runner } from '../ports/runner.js';
import { closingKeywords, MAX_KEYWORD_REFERENCES } from '../pull-request/closing-keywords.js';
import type { LinkedIssue, Linking } from '../pull-request/gate.js';

export interface LinkedWork {
  linked: LinkedIssue[];
  /** The linked issues as work items, read in full. */
  items: WorkItem[];
  linking?: Linking;
}

export interface LinkedPullRequest extends ClosingReferences {
  number: number;
  body: string;
  baseRef: string;
  defaultBranch: string | undefined;
}

/**
 * `known`: issues already read (for many pull requests at once), which are
 * not read again. `quiet`: no notices, for runs about other things than this
 * pull request.
 */
export async function readLinkedWork(
  forge: Forge,
  runner: Runner,
  repo: RepoRef,
  pr: LinkedPullRequest,
  policy: Policy,
  options: { known?: ReadonlyMap<number, LinkedIssueRead>; quiet?: boolean } = {},
): Promise<LinkedWork> {
  const otherBase = pr.defaultBranch !== undefined && pr.baseRef !== pr.defaultBranch;
  const keywordsRead = otherBase && policy.pullRequests.keywordsOnOtherBases;
  const known = options.known ?? new Map<number, LinkedIssueRead>();
  const fresh = await forge.readLinkedIssues(pr.closes.filter((reference) => !known.has(reference.number)));
  const read = new Map(pr.closes.flatMap((reference) => {
    const issue = known.get(reference.number) ?? fresh.get(reference.number);
    return issue ? [[reference.number, issue] as const] : [];
  }));
  const notice = options.quiet ? () => {} : (message: string) => runner.notice(message);
  const elsewhere = [...pr.closesElsewhere];
  if (keywordsRead) {
    const keywords = closingKeywords(pr.body, repo);
    if (keywords.truncated) {
      throw new Error(`Pull request #${pr.number}'s description names more than ${MAX_KEYWORD_REFERENCES} issues after closing keywords: the merge gate reads at most ${MAX_KEYWORD_REFERENCES}, and does not pass what it did not read. Split the pull request, or name fewer issues.`);
    }
    const byNumber = await forge.readIssuesByNumber(repo, keywords.closes.filter((number) => !read.has(number)));
    for (const [number, issue] of byNumber.read) read.set(number, issue);
    if (byNumber.notIssues.length) notice(`Pull request #${pr.number}'s description names ${byNumber.notIssues.map((n) => `#${n}`).join(', ')} after a closing keyword: no issue of this repository, so nothing to check.`);
    elsewhere.push(...keywords.closesElsewhere.filter((reference) => !elsewhere.includes(reference)));
  }
  if (elsewhere.length) notice(`Pull request #${pr.number} also closes ${elsewhere.join(', ')}: issues of other repositories are not this roadmap's planned work and are not checked.`);
  const issues = [...read.values()];
  return {
    linked: issues.map(linkedIssue),
    items: issues.map((issue) => issue.item),
    ...(pr.defaultBranch !== undefined ? { linking: { base: pr.baseRef, defaultBranch: pr.defaultBranch, keywordsRead } } : {}),
  };
}

function linkedIssue({ item, botCommentId }: LinkedIssueRead): LinkedIssue {
  return { number: item.number, title: item.title, url: item.url, ...(botCommentId ? { commentUrl: `${item.url}#issuecomment-${botCommentId}` } : {}) };
}
