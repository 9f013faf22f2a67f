import { describe, expect, it } from 'vitest';
import { MAX_COMMAND_CHARS, parseCommand, readCommentEvent } from '../../src/commands/parse.js';

describe('parseCommand', () => {
  it.each([
    ['/roadmap exempt Launch partner signed in March', { name: 'exempt', reason: 'Launch partner signed in March' }],
    ['\n\n/roadmap revoke', { name: 'revoke', reason: '' }],
    ['/roadmap outcome hit 7 accounts use it\nmore discussion', { name: 'outcome', outcome: 'hit', evidence: '7 accounts use it' }],
    ['/roadmap outcome WALKED-AWAY churned', { name: 'outcome', outcome: 'walked-away', evidence: 'churned' }],
    ['/roadmap outcome great stuff', { name: 'outcome', outcome: undefined, evidence: 'great stuff' }],
    ['/roadmap check', { name: 'check' }],
    ['/roadmap   why  ', { name: 'why' }],
    ['/roadmap', { name: 'help', asked: '' }],
    ['/roadmap approve now', { name: 'help', asked: 'approve' }],
  ])('%j', (body, command) => {
    expect(parseCommand(body)).toEqual(command);
  });

  it.each([
    'Looks good',
    '> /roadmap exempt quoted',
    '```\n/roadmap exempt in a block\n```',
    '    /roadmap exempt indented code',
    'Please /roadmap exempt this',
    '/roadmapper exempt',
    '/ROADMAP exempt shouting',
  ])('%j is not a command', (body) => {
    expect(parseCommand(body)).toBeUndefined();
  });

  it('refuses a first line longer than the cap without reading it', () => {
    expect(parseCommand(`/roadmap exempt ${'word '.repeat(MAX_COMMAND_CHARS)}`)).toEqual({ name: 'too-long' });
  });
});

describe('readCommentEvent', () => {
  const base = { action: 'created', issue: { number: 7, user: { login: 'pm-paula' }, assignees: [{ login: 'dev-dana' }] }, comment: { id: 5_000_000_001, body: '/roadmap why', user: { login: 'Lena', type: 'User' } } };

  it('takes the identities from the payload', () => {
    expect(readCommentEvent(base)).toEqual({
      kind: 'command',
      issueNumber: 7,
      request: { command: { name: 'why' }, actor: 'Lena', commentId: 5_000_000_001, issueAuthor: 'pm-paula', assignees: ['dev-dana'] },
    });
  });

  it.each([
    ['an edited comment', { ...base, action: 'edited' }, /only in new comments/],
    ['a pull request', { ...base, issue: { ...base.issue, pull_request: { url: 'x' } } }, /not on pull requests/],
    ['a bot', { ...base, comment: { ...base.comment, user: { login: 'renovate[bot]', type: 'Bot' } } }, /bots/],
    ['a plain comment', { ...base, comment: { ...base.comment, body: 'thanks' } }, /not a \/roadmap command/],
  ])('ignores %s', (_name, payload, notice) => {
    const event = readCommentEvent(payload);
    expect(event.kind).toBe('ignored');
    expect(event.kind === 'ignored' && event.notice).toMatch(notice);
  });
});
