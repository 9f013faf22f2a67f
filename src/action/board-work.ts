/**
 * With `work.project`, planned work is the board's items: issues of this
 * repository (kept in sync: comment and labels), issues of other repositories
 * (counted in budgets and listed, never written to: the workflow's token can
 * write nowhere else) and draft issues. The board is read through
 * `project-token`; the repository read stays on `github-token`.
 */
import type { FieldValue, WorkItem } from '../core/types.js';
import { BoardAccessError, getErrorMessage } from '../ports/errors.js';
import type { BoardItem, BoardRead, BoardRef } from '../ports/reads.js';
import type { Forge, RepoRef } from '../ports/forge.js';
import type { Runner } from '../ports/runner.js';
import { policyReads } from '../core/body-reads.js';
import { boardReadOf } from '../saved-state/board-format.js';
import type { BoardStateStore } from '../saved-state/board-state.js';
import { closest } from '../policy/did-you-mean.js';
import { PolicyError, type PolicyProblem } from '../policy/errors.js';
import type { LoadedPolicy } from '../policy/load.js';
import type { Policy } from '../core/policy.js';
import type { KeyPath } from '../policy/yaml-source.js';
import { boardReadAtSentence } from '../report/board-read.js';
import { codeSpan, escapeText } from '../report/escape.js';
import { plural } from '../core/wording.js';
import type { Gathered } from './gather.js';

/** A field name the policy reads from the board, and where the policy names it. */
interface NamedField {
  name: string;
  path: KeyPath;
  target: 'key' | 'value';
}

/** Every board field the policy names, in policy order, each once per place. */
export function boardFieldsNamed(policy: Policy): NamedField[] {
  const named: NamedField[] = [];
  const add = (name: string | undefined, path: KeyPath, target: 'key' | 'value' = 'value') => name && named.push({ name, path, target });
  add(policy.work.project?.iterationField, ['work', 'project', 'iteration-field']);
  add(policy.work.size.field, ['work', 'size', 'field']);
  for (const category of policy.categories) {
    for (const name of Object.keys(category.match.fields)) add(name, ['categories', category.name, 'match', 'fields', name], 'key');
  }
  add(policy.customer.field, ['customer', 'field']);
  add(policy.bets.reviewField, ['bets', 'review-field']);
  return named;
}

/** The board fields the policy names, each once: what a board read asks for. */
function boardFieldNames(policy: Policy): string[] {
  return [...new Set(boardFieldsNamed(policy).map((field) => field.name))];
}

/** Fails when `project-token` is empty: the workflow token cannot read organization or user boards. */
export function requireProjectToken(policy: Policy, projectToken: string): void {
  const board = policy.work.project;
  if (board && !projectToken) throw new Error(boardTokenHelp(board, 'the `project-token` input is empty'));
}

/** The one-line reason and the workflow lines that fix it. */
function boardTokenHelp(board: BoardRef, problem: string): string {
  return [
    `Roadmap Guard cannot read the Projects v2 board ${board.owner}/${board.number} (work.project): ${problem}. The workflow token (GITHUB_TOKEN) cannot read organization or user projects; pass \`project-token\`: a fine-grained token with "Projects: read" (an organization permission for an organization board), or a GitHub App installation token with organization projects read.`,
    'Add to the workflow, for example:',
    '  - uses: actions/create-github-app-token@v2',
    '    id: board-token',
    '    with:',
    '      app-id: ${{ vars.ROADMAP_APP_ID }}',
    '      private-key: ${{ secrets.ROADMAP_APP_KEY }}',
    `      owner: ${board.owner}`,
    '  - uses: <this action>',
    '    with:',
    '      project-token: ${{ steps.board-token.outputs.token }}',
  ].join('\n');
}

/** Reads the board the policy names (`work.project`), checking that it has every field the policy names. */
export async function readPolicyBoard(forge: Forge, runner: Pick<Runner, 'warning'>, loaded: LoadedPolicy): Promise<BoardRead> {
  const board = loaded.policy.work.project!;
  let read: BoardRead;
  try {
    read = await forge.readBoard(board, boardFieldNames(loaded.policy), { withAssignees: loaded.policy.businessCase.requireAssignee, reads: policyReads(loaded.policy) });
  } catch (error) {
    if (!(error instanceof BoardAccessError)) throw error;
    const problem = error.reason === 'forbidden' ? `GitHub refused \`project-token\` (${error.message})` : `\`project-token\` cannot see it, or it does not exist (${error.message})`;
    throw new Error(boardTokenHelp(board, problem), { cause: error });
  }
  checkBoardRead(loaded, read, runner);
  return read;
}

/** The board has every field the policy names; items the token may not read are warned about. */
function checkBoardRead(loaded: LoadedPolicy, read: BoardRead, runner: Pick<Runner, 'warning'>): void {
  const problems = missingFieldProblems(loaded, boardFieldsNamed(loaded.policy), read);
  if (problems.length) throw new PolicyError(problems);
  if (read.forbidden) runner.warning(forbiddenItemsHelp(loaded.policy.work.project!, read.forbidden));
}

/** Where a run's board came from. */
export interface BoardSource {
  read: BoardRead;
  /** An issue event on the saved board: when the rest of the board was read in full. */
  savedAt?: string;
  /** An issue event that read the board in full: why it could not use the saved board. */
  fullReadBecause?: string;
}

/**
 * The board for this run. An audit reads it in full and saves it; an issue
 * event takes the saved board with its own issue's place on it read fresh
 * (`focus`: the issue as the event read it), or reads it in full and says why.
 */
export async function readRunBoard(options: { forge: Forge; runner: Pick<Runner, 'warning'>; loaded: LoadedPolicy; repo: RepoRef; store: BoardStateStore; focus?: WorkItem }): Promise<BoardSource> {
  const { forge, runner, loaded, repo, store, focus } = options;
  const readFull = () => readPolicyBoard(forge, runner, loaded);
  if (!focus) return { read: (await store.readInFull(readFull, 'audits save it')).read };
  const fieldNames = boardFieldNames(loaded.policy);
  const restored = await store
    .restore((saved) => forge.readIssueOnBoard(repo, focus.number, { id: saved.boardId, fieldNames }))
    .catch((error: unknown) => ({ unusable: `not used, #${focus.number}'s place on the board could not be read (${getErrorMessage(error)})` }));
  if ('unusable' in restored) return { read: (await store.readInFull(readFull, restored.unusable)).read, fullReadBecause: restored.unusable };
  const read = boardReadOf(restored.saved);
  checkBoardRead(loaded, read, runner);
  return { read: withIssueFresh(read, repo, focus, restored.fresh.fields), savedAt: restored.saved.savedAt };
}

/**
 * The board with one issue of this repository as it is now: its item
 * replaced in place, added at the end (added to the board since), or taken
 * out (removed since); `fields` null when it is not on the board.
 */
export function withIssueFresh(read: BoardRead, repo: RepoRef, issue: WorkItem, fields: Record<string, FieldValue> | null): BoardRead {
  const here = `${repo.owner}/${repo.name}`.toLowerCase();
  const isIssue = (entry: BoardItem) => entry.repository?.toLowerCase() === here && entry.item.number === issue.number;
  const index = read.items.findIndex(isIssue);
  // GitHub's spelling of the repository, as the saved item has it.
  const repository = read.items[index]?.repository ?? `${repo.owner}/${repo.name}`;
  const fresh: BoardItem[] = fields ? [{ repository, item: { ...issue, fields }, comments: [] }] : [];
  const items = index < 0 ? [...read.items, ...fresh] : [...read.items.slice(0, index), ...fresh, ...read.items.slice(index + 1).filter((entry) => !isIssue(entry))];
  return { ...read, items };
}

/** Items whose issues the token may not read: what is left out, and the scope that would count them. */
function forbiddenItemsHelp(board: BoardRef, count: number): string {
  return (
    `\`project-token\` may read the board ${board.owner}/${board.number} but not the issues of ${plural(count, 'item')} on it: they are in repositories the token was not given, so they are left out of the budgets. ` +
    'To count them, give the token "Issues: read" on every repository with issues on the board (a fine-grained token\'s "Repository access", or a GitHub App installed on those repositories).'
  );
}

/** A field the policy names that the board lacks: located where the policy names it, with the board's fields and a did-you-mean. */
function missingFieldProblems(loaded: LoadedPolicy, named: NamedField[], read: Pick<BoardRead, 'fieldNames'>): PolicyProblem[] {
  const board = loaded.policy.work.project!;
  return named
    .filter((field) => !read.fieldNames.includes(field.name))
    .map((field) => {
      const hint = closest(field.name, read.fieldNames);
      const place = loaded.locate?.(field.path, field.target) ?? { file: loaded.sources[0] ?? '' };
      return {
        ...place,
        field: field.path.map(String).join('.'),
        message: `the board ${board.owner}/${board.number} has no field "${field.name}"${hint ? `; did you mean "${hint}"?` : ''} Its fields: ${read.fieldNames.map((name) => `"${name}"`).join(', ')}`,
      };
    });
}

/** What the board adds to a run: the items, and the other repositories' items listed by `owner/repo#n`. */
export interface BoardItems {
  items: WorkItem[];
  /** Items of other repositories, as `owner/repo#n`, by their key in `items`. */
  elsewhere: Map<number, string>;
  drafts: number;
  redacted: number;
}

/**
 * The board's items as the engine's items. This repository's issues keep
 * their number (and the richer copy the repository read gave, with the
 * board's fields); other items get negative keys, which no issue has, so
 * they never collide with an issue number and are never written to.
 */
export function boardItems(read: BoardRead, repo: RepoRef, policy: Policy, known: readonly WorkItem[]): BoardItems {
  const here = `${repo.owner}/${repo.name}`.toLowerCase();
  const byNumber = new Map(known.map((item) => [item.number, item]));
  const elsewhere = new Map<number, string>();
  const items: WorkItem[] = [];
  let nextKey = -1;
  for (const entry of read.items) {
    if (policy.work.include === 'open' && entry.item.state !== 'open') continue;
    if (entry.repository?.toLowerCase() === here) {
      items.push({ ...(byNumber.get(entry.item.number) ?? entry.item), fields: entry.item.fields });
      continue;
    }
    const key = nextKey--;
    if (entry.repository) elsewhere.set(key, `${entry.repository}#${entry.item.number}`);
    items.push({ ...entry.item, number: key });
  }
  return { items, elsewhere, drafts: read.items.filter((entry) => entry.repository === null).length, redacted: read.redacted };
}

/** The run's gathered work with the board's items as planned work. */
export function gatheredWithBoardItems(gathered: Gathered, work: BoardItems, focus?: number): Gathered {
  const focusItem = focus === undefined ? undefined : gathered.items.find((item) => item.number === focus);
  const onBoard = work.items.find((item) => item.number === focus);
  const items = focusItem ? [...work.items.filter((item) => item.number !== focus), { ...focusItem, fields: onBoard?.fields ?? {} }] : work.items;
  return { ...gathered, items };
}

/** The board's part of the job summary: what was counted and the other repositories' items by name. */
export async function summarizeBoard(board: BoardRef, source: BoardSource, work: BoardItems, runner: Runner): Promise<void> {
  const { read } = source;
  const lines = [
    `### Board ${codeSpan(`${board.owner}/${board.number}`)}: ${escapeText(read.title, 100)}`,
    '',
    `${plural(work.items.length, 'item')} read from the board: ${work.elsewhere.size} from other repositories (counted, never written to), ${plural(work.drafts, 'draft')}${read.redacted ? `, and ${plural(read.redacted, 'item')} GitHub would not show (deleted, or not visible to \`project-token\`) left out` : ''}${read.forbidden ? `; ${plural(read.forbidden, 'item')} left out because their repositories are outside \`project-token\`'s repository access (give it "Issues: read" there)` : ''}.`,
  ];
  const when = boardReadWhen(source);
  if (when) lines.push('', when);
  const titles = new Map(work.items.map((item) => [item.number, item.title]));
  const listed = [...work.elsewhere].slice(0, 50);
  if (listed.length) lines.push('', ...listed.map(([key, ref]) => `- ${codeSpan(ref)} ${escapeText(titles.get(key) ?? '', 80)}`));
  if (work.elsewhere.size > listed.length) lines.push(`- and ${work.elsewhere.size - listed.length} more`);
  runner.info(`Board ${board.owner}/${board.number}: ${work.items.length} items (${work.elsewhere.size} from other repositories, ${work.drafts} drafts, ${read.redacted + read.forbidden} unreadable).`);
  await runner.appendSummary(`${lines.join('\n')}\n\n`);
}

/** When the board was read, for an issue event: the saved board's time, or why it was read in full. */
function boardReadWhen(source: BoardSource): string | undefined {
  if (source.savedAt) return `${boardReadAtSentence(source.savedAt)} The event's issue and its board fields were read now.`;
  return source.fullReadBecause ? `The board was read in full (saved board: ${escapeText(source.fullReadBecause, 300)}).` : undefined;
}

