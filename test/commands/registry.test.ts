import { describe, expect, it } from 'vitest';
import { needsApprover } from '../../src/commands/decide.js';
import { parseCommand, SUB_COMMANDS, type CommandRequest } from '../../src/commands/parse.js';
import { commandList, COMMANDS } from '../../src/commands/registry.js';

const request = (body: string, actor: string): CommandRequest => ({ command: parseCommand(body)!, actor, commentId: 1, issueAuthor: 'pm-paula', assignees: ['dev-dana'] });

describe('the registry of /roadmap commands', () => {
  it('answers an unknown command with every command, each as typed', () => {
    expect(commandList().split('\n').slice(1)).toEqual(SUB_COMMANDS.map((name) => `- \`${COMMANDS[name].usage}\`: ${COMMANDS[name].help}`));
    expect(commandList()).toContain('- `/roadmap outcome <hit|missed|walked-away> <evidence>`: record how a bet turned out');
  });

  it('asks for an approver as the registry says who may use each command', () => {
    expect(needsApprover(request('/roadmap exempt Launch partner signed', 'pm-paula'))).toBe(true);
    expect(needsApprover(request('/roadmap revoke', 'dev-dana'))).toBe(true);
    expect(needsApprover(request('/roadmap outcome hit sold 3 seats', 'pm-paula'))).toBe(false);
    expect(needsApprover(request('/roadmap outcome hit sold 3 seats', 'Dev-Dana'))).toBe(false);
    expect(needsApprover(request('/roadmap outcome hit sold 3 seats', 'sales-sid'))).toBe(true);
    expect(needsApprover(request('/roadmap why', 'sales-sid'))).toBe(false);
    expect(needsApprover(request('/roadmap frobnicate', 'sales-sid'))).toBe(false);
  });

  it('parses every command it lists', () => {
    for (const name of SUB_COMMANDS) expect(parseCommand(COMMANDS[name].usage.replace(/<[^>]+>|\[[^\]]+\]/g, 'x y z'))?.name).toBe(name);
  });
});
