import { describe, expect, it } from 'vitest';
import { unreadBoardWarnings } from '../../src/action/unread-board.js';
import { parsePolicy } from '../../src/policy/schema.js';

describe('a policy that names a Projects v2 board', () => {
  it('says nothing when the policy names no board', () => {
    expect(unreadBoardWarnings(parsePolicy({ version: 1, work: { include: 'open' } }))).toEqual([]);
  });

  it('warns that the board is not read', () => {
    const warnings = unreadBoardWarnings(parsePolicy({ version: 1, work: { project: { owner: 'acme', number: 7 } } }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/acme\/7.*does not read/);
  });

  it('warns that iteration scope leaves every budget empty', () => {
    const warnings = unreadBoardWarnings(
      parsePolicy({ version: 1, work: { include: 'iteration', project: { owner: 'acme', number: 7, 'iteration-field': 'Sprint' } } }),
    );
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/include: open/);
  });
});
