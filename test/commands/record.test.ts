import { describe, expect, it } from 'vitest';
import { decisionsFromFacts, lacksDecision, restoreRecord, type RecordFact } from '../../src/commands/record.js';
import { MAX_TRAIL_ENTRIES, type TrailEntry } from '../../src/memory/trail.js';
import { policy, workItem } from '../fixtures.js';

const LABEL = 'roadmap-exempt';
const NOW = '2026-11-25T00:00:00.000Z';

function command(login: string, body: string, postedAt: string, reactions: string[] = ['THUMBS_UP'], edited = false): RecordFact {
  return { type: 'comment', actor: { login }, byProduct: false, command: { postedAt, body, edited, productReactions: reactions } };
}

function label(type: 'labeled' | 'unlabeled', name = LABEL, byProduct = true): RecordFact {
  return { type, actor: { login: byProduct ? 'github-actions[bot]' : 'lead-lena' }, byProduct, label: name };
}

const GRANT = command('lead-lena', '/roadmap exempt Launch partner signed in March', '2026-11-20T12:00:00Z');

describe('decisionsFromFacts', () => {
  it('a grant is the command, the bot’s 👍 on it and the label the bot put on after it', () => {
    expect(decisionsFromFacts([GRANT, label('labeled')], LABEL)).toEqual([{ at: '2026-11-20T12:00:00Z', actor: 'lead-lena', action: 'exempt', reason: 'Launch partner signed in March' }]);
  });

  it.each<[string, RecordFact[]]>([
    ['no 👍 (refused, or never answered)', [command('lead-lena', '/roadmap exempt Launch partner signed in March', '2026-11-20T12:00:00Z', ['CONFUSED']), label('labeled')]],
    ['no label put on by the bot ("already exempt")', [GRANT]],
    ['the label put on by a person, not the bot', [GRANT, label('labeled', LABEL, false)]],
    ['another label', [GRANT, label('labeled', 'deal')]],
    ['the comment edited since it was posted', [command('lead-lena', '/roadmap exempt Launch partner signed in March', '2026-11-20T12:00:00Z', ['THUMBS_UP'], true), label('labeled')]],
    ['the comment is the bot’s own', [{ ...GRANT, byProduct: true }, label('labeled')]],
    ['a quoted command', [command('lead-lena', '> /roadmap exempt Launch partner signed in March', '2026-11-20T12:00:00Z'), label('labeled')]],
  ])('proves nothing with %s', (_, facts) => {
    expect(decisionsFromFacts(facts, LABEL)).toEqual([]);
  });

  it('pairs each command with the bot’s write before the next command it answered', () => {
    const again = command('lead-lena', '/roadmap exempt Launch partner signed in March', '2026-11-21T12:00:00Z');
    const revoke = command('lead-lena', '/roadmap revoke partner walked away', '2026-11-22T12:00:00Z');
    const regrant = command('lead-lena', '/roadmap exempt partner came back in May', '2026-11-23T12:00:00Z');
    const facts = [GRANT, label('labeled'), again, revoke, label('unlabeled'), regrant, label('labeled')];
    // The second exempt answered "already exempt": the bot put nothing on for it, so it is no grant.
    expect(decisionsFromFacts(facts, LABEL).map((entry) => [entry.action, entry.at])).toEqual([
      ['exempt', '2026-11-20T12:00:00Z'],
      ['revoke', '2026-11-22T12:00:00Z'],
      ['exempt', '2026-11-23T12:00:00Z'],
    ]);
  });

  it('an outcome needs only the command and the 👍', () => {
    expect(decisionsFromFacts([command('pm-paula', '/roadmap outcome missed adoption stalled', '2026-11-20T12:00:00Z')], LABEL)).toEqual([
      { at: '2026-11-20T12:00:00Z', actor: 'pm-paula', action: 'outcome', outcome: 'missed', reason: 'adoption stalled' },
    ]);
  });
});

describe('restoreRecord', () => {
  const kept: TrailEntry = { at: '2026-11-20T12:00:05.000Z', actor: 'lead-lena', action: 'exempt', reason: 'Launch partner signed in March' };

  it('adds nothing when the bot’s trail holds the decision (recorded a moment after the command)', () => {
    expect(restoreRecord({ trail: [kept], facts: [GRANT, label('labeled')], exemptionLabel: LABEL, now: NOW })).toEqual({ trail: [kept], restored: [] });
  });

  it('restores what the trail lacks, and a row that says from what', () => {
    const { trail, restored } = restoreRecord({ trail: [], facts: [GRANT, label('labeled')], exemptionLabel: LABEL, now: NOW });
    expect(restored).toHaveLength(1);
    expect(trail.map((entry) => entry.action)).toEqual(['exempt', 'restore']);
    expect(trail[1]!.reason).toContain("lead-lena's /roadmap exempt of 2026-11-20");
  });

  it('the same reason granted twice is two grants: one row answers for one', () => {
    const revoke = command('lead-lena', '/roadmap revoke partner walked away', '2026-11-21T12:00:00Z');
    const twice = command('lead-lena', '/roadmap exempt Launch partner signed in March', '2026-11-22T12:00:00Z');
    const facts = [GRANT, label('labeled'), revoke, label('unlabeled'), twice, label('labeled')];
    const { restored } = restoreRecord({ trail: [kept], facts, exemptionLabel: LABEL, now: NOW });
    expect(restored.map((entry) => [entry.action, entry.at])).toEqual([
      ['revoke', '2026-11-21T12:00:00Z'],
      ['exempt', '2026-11-22T12:00:00Z'],
    ]);
  });

  it('a full trail does not restore the decisions that gave way past its cap', () => {
    const full = Array.from({ length: MAX_TRAIL_ENTRIES }, (_, n): TrailEntry => ({ at: `2026-11-21T00:00:${String(n).padStart(2, '0')}.000Z`, actor: 'pm-paula', action: 'outcome', outcome: 'hit', reason: `note ${n}` }));
    expect(restoreRecord({ trail: full, facts: [GRANT, label('labeled')], exemptionLabel: LABEL, now: NOW }).restored).toEqual([]);
  });
});

describe('lacksDecision', () => {
  const rules = policy({ exemptions: { label: LABEL, approvers: ['lead-lena'] } });

  it('an exempt issue with no grant in force, an outcome label with no outcome recorded', () => {
    expect(lacksDecision(rules, workItem({ labels: [LABEL] }), [])).toBe(true);
    expect(lacksDecision(rules, workItem({ labels: [LABEL] }), [{ at: NOW, actor: 'lead-lena', action: 'exempt', reason: 'x y z' }])).toBe(false);
    const outcome = rules.enforcement.labels.outcome.hit;
    expect(lacksDecision(rules, workItem({ labels: [outcome] }), [])).toBe(true);
    expect(lacksDecision(rules, workItem({ labels: [outcome] }), [{ at: NOW, actor: 'pm-paula', action: 'outcome', outcome: 'hit', reason: 'x' }])).toBe(false);
    expect(lacksDecision(rules, workItem({ labels: ['deal'] }), [])).toBe(false);
  });
});

describe('restoreRecord on facts read in part', () => {
  it('cannot tell when the timeline holds more events than were read, and says so beside what it could restore', () => {
    const restored = restoreRecord({ trail: [], facts: [GRANT, label('labeled')], exemptionLabel: LABEL, now: NOW, cutOff: true });
    expect(restored.restored).toHaveLength(1);
    expect(restored.cannotTell).toBe("the issue's timeline holds more events than the last 100 GitHub gave");
  });

  it('cannot tell when the 👍 on a decision command may be beyond the reactors GitHub listed; a proven 👍 or another command leaves it told', () => {
    const unsure: RecordFact = { ...GRANT, command: { ...GRANT.command!, productReactions: [], unsureReactions: ['THUMBS_UP'] } };
    expect(restoreRecord({ trail: [], facts: [unsure, label('labeled')], exemptionLabel: LABEL, now: NOW })).toEqual({
      trail: [],
      restored: [],
      cannotTell: "lead-lena's exempt command of 2026-11-20 has more 👍 than GitHub lists",
    });
    const check: RecordFact = { ...unsure, command: { ...unsure.command!, body: '/roadmap check' } };
    expect(restoreRecord({ trail: [], facts: [check], exemptionLabel: LABEL, now: NOW }).cannotTell).toBeUndefined();
    expect(restoreRecord({ trail: [], facts: [GRANT, label('labeled')], exemptionLabel: LABEL, now: NOW }).cannotTell).toBeUndefined();
  });
});
