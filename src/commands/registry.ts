/**
 * Every `/roadmap` command, and what the product says and decides per
 * command, in one table: the list the bot answers an unknown command with,
 * who must be an approver, and the table of `docs/commands.md` (written by
 * `npm run readme`) all read it. A command also has its case in
 * `parseCommand` (`parse.ts`) and in `decide` (`decide.ts`); adding a name to
 * `SUB_COMMANDS` is a type error here until it has an entry.
 */
import { SUB_COMMANDS } from './parse.js';

export type SubCommand = (typeof SUB_COMMANDS)[number];

/** Who may use a command: `approver` always needs one; `author` is the issue's author or an assignee, or else an approver. */
export type CommandUser = 'anyone' | 'approver' | 'author';

export interface CommandEntry {
  /** The command as typed, with its arguments. */
  usage: string;
  user: CommandUser;
  /** What it does, in the bot's list of commands (after "usage: "). */
  help: string;
  /** What it does, for `docs/commands.md` (markdown). */
  docs: string;
}

export const COMMANDS: Readonly<Record<SubCommand, CommandEntry>> = {
  exempt: {
    usage: '/roadmap exempt <reason>',
    user: 'approver',
    help: 'an approver grants an exception',
    docs: 'Adds `exemptions.label`. The reason needs at least 3 words. Refused, with the list of open exceptions, when `exemptions.max-open` are open already.',
  },
  revoke: {
    usage: '/roadmap revoke [reason]',
    user: 'approver',
    help: 'an approver removes it',
    docs: 'Removes `exemptions.label`.',
  },
  outcome: {
    usage: '/roadmap outcome <hit|missed|walked-away> <evidence>',
    user: 'author',
    help: 'record how a bet turned out',
    docs: 'Records how a bet turned out, on an open or closed item in a `bets.applies-to` category: puts the matching `enforcement.labels.outcome-*` label on it (and removes another outcome label). The evidence — a sentence, a link to a dashboard — is required.',
  },
  check: {
    usage: '/roadmap check',
    user: 'anyone',
    help: 'check this issue again now',
    docs: 'Checks the issue again now, for example after editing a project field (which fires no issue event).',
  },
  why: {
    usage: '/roadmap why',
    user: 'anyone',
    help: 'explain the evaluation in full',
    docs: 'Answers with the evaluation in full: the category and what put the issue there, the size and where it came from, the customer, and every rule with its result.',
  },
};

/** Who may use a command, in the docs' words. */
export const USER_WORDS: Record<CommandUser, string> = {
  anyone: 'anyone',
  approver: 'an approver',
  author: "the issue's author, an assignee, or an approver",
};

export function isSubCommand(name: string): name is SubCommand {
  return (SUB_COMMANDS as readonly string[]).includes(name);
}

/** The list the bot answers an unknown command with. */
export function commandList(): string {
  return `Commands:\n${SUB_COMMANDS.map((name) => `- \`${COMMANDS[name].usage}\`: ${COMMANDS[name].help}`).join('\n')}`;
}
