/**
 * `/roadmap` commands, read from an `issue_comment` event. Pure and strict:
 * only a comment whose first line starts with `/roadmap` is a command, so a
 * command quoted (`> /roadmap …`), in a code block or in the middle of a
 * sentence is not one. Who asked comes from the event payload, never from
 * the comment text; the text itself is untrusted and is only ever echoed
 * escaped.
 */
import { OUTCOMES, type Outcome } from '../core/outcomes.js';

export type Command =
  | { name: 'exempt'; reason: string }
  | { name: 'revoke'; reason: string }
  | { name: 'outcome'; outcome: Outcome | undefined; evidence: string }
  | { name: 'check' }
  | { name: 'why' }
  | { name: 'help'; asked: string }
  | { name: 'too-long' };

export const SUB_COMMANDS = ['exempt', 'revoke', 'outcome', 'check', 'why'] as const;

/** A command line longer than this is refused unread: a reason is a sentence, evidence a sentence or a link. */
export const MAX_COMMAND_CHARS = 500;

/** A command as the event brings it, with the identities GitHub vouches for. */
export interface CommandRequest {
  command: Command;
  /** The commenter's login, from `comment.user.login`. */
  actor: string;
  /** The command comment's id, for the reaction. */
  commentId: number;
  /** The issue's author and assignees, from the payload's issue. */
  issueAuthor: string | null;
  assignees: string[];
}

export type CommentEvent = { kind: 'command'; issueNumber: number; request: CommandRequest } | { kind: 'ignored'; notice: string };

const PREFIX = '/roadmap';

/** What an `issue_comment` event asks for: a command, or nothing (without a single API request). */
export function readCommentEvent(payload: Record<string, unknown>): CommentEvent {
  const action = stringOf(payload.action);
  if (action !== 'created') {
    // A comment edited later to add a command must grant nothing: only new comments are read.
    return ignored(`Roadmap Guard reads /roadmap commands only in new comments; "issue_comment.${action || 'unknown'}" is ignored.`);
  }
  const issue = objectOf(payload.issue);
  const comment = objectOf(payload.comment);
  const user = objectOf(comment.user);
  const login = stringOf(user.login);
  const issueNumber = positiveInteger(issue.number);
  const commentId = positiveInteger(comment.id);
  if (issue.pull_request) return ignored('Roadmap Guard commands work on issues, not on pull requests; this comment is ignored.');
  if (isBot(user)) return ignored(`Comments by bots (${login || 'unknown'}) are never read as commands.`);
  const command = parseCommand(stringOf(comment.body));
  if (!command) return ignored('The comment is not a /roadmap command; nothing to do.');
  if (!login || issueNumber === undefined || commentId === undefined) return ignored('The comment event lacks its author, issue or comment id; nothing to do.');
  return {
    kind: 'command',
    issueNumber,
    request: {
      command,
      actor: login,
      commentId,
      issueAuthor: stringOf(objectOf(issue.user).login) || null,
      assignees: arrayOf(issue.assignees).map((assignee) => stringOf(objectOf(assignee).login)).filter(Boolean),
    },
  };
}

/**
 * The command in a comment body, or undefined when the comment is not one.
 * Leading blank lines are skipped; the first line must begin with `/roadmap`
 * at its very start (an indented line is a code block in markdown).
 */
export function parseCommand(body: string): Command | undefined {
  const firstLine = body.replace(/^(?:[ \t]*\r?\n)+/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.startsWith(PREFIX)) return undefined;
  const rest = firstLine.slice(PREFIX.length);
  if (rest !== '' && !/^\s/.test(rest)) return undefined; // "/roadmapper" is not ours
  if (firstLine.length > MAX_COMMAND_CHARS) return { name: 'too-long' };
  const [name = '', ...words] = rest.trim().split(/\s+/).filter(Boolean);
  const text = words.join(' ');
  switch (name) {
    case 'exempt':
    case 'revoke':
      return { name, reason: text };
    case 'outcome': {
      const [first = '', ...evidence] = words;
      const outcome = OUTCOMES.find((candidate) => candidate === first.toLowerCase());
      return { name, outcome, evidence: outcome ? evidence.join(' ') : text };
    }
    case 'check':
    case 'why':
      return { name };
    default:
      return { name: 'help', asked: name };
  }
}

/** A bot account, the workflow's own token included (`github-actions[bot]`). */
function isBot(user: Record<string, unknown>): boolean {
  return user.type === 'Bot' || stringOf(user.login).endsWith('[bot]');
}

/** Words in a reason: at least a short sentence, not "ok". */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function ignored(notice: string): CommentEvent {
  return { kind: 'ignored', notice };
}

function objectOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
