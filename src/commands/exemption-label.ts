/**
 * The exemption label outside `/roadmap exempt`: a label added by hand
 * exempts only when an approver added it, and an exception granted with
 * `exemptions.expires-after-days` lapses. Pure decisions, in the same shape
 * as a command's, so they are written and recorded the same way.
 *
 * Who may put the label on: a listed approver (a person, or a bot the policy
 * lists by its login), and the product itself when it applies a grant it
 * recorded. Every other person or bot is refused, whatever the trail holds:
 * a grant stands behind the label its approver or the product put on, not
 * behind one taken off and put back by someone else.
 */
import type { WorkItem } from '../core/types.js';
import type { Policy } from '../core/policy.js';
import { codeSpan } from '../report/escape.js';
import { markdownName } from '../report/format.js';
import { itemName } from '../core/item-name.js';
import { plural } from '../core/wording.js';
import type { ApproverCheck } from './approvers.js';
import { cannotTellNote, hasLabel, labelOn, type Decision } from './decide.js';
import { DAY_MS } from '../core/rules/context.js';
import { PRODUCT_ACTOR, grantedAt, type TrailEntry } from '../memory/trail.js';

/** Who added the exemption label, as the `issues.labeled` event (or the issue's timeline) names them. */
export interface LabelAdded {
  label: string;
  sender: string;
  senderIsBot: boolean;
  /** The sender is the product itself (its token's identity, or one it acted as before). Settled from GitHub, not from the event. */
  byProduct?: boolean;
}

/** True when the event added the policy's exemption label and the policy names approvers to check against. */
export function addsExemptionLabel(policy: Policy, added: LabelAdded | undefined): added is LabelAdded {
  const exemptions = policy.exemptions;
  return !!exemptions && exemptions.approvers.length > 0 && !!added && added.label.trim().toLowerCase() === exemptions.label.trim().toLowerCase();
}

/**
 * A label added by an approver is a grant, recorded as one (unless a grant
 * is in force already). A label the product added follows a grant it
 * recorded, and is removed when there is none. Anyone else's is removed,
 * with a reply that says who can grant an exception and how.
 */
export function decideHandLabel(input: { policy: Policy; added: LabelAdded; approver: ApproverCheck; trail: readonly TrailEntry[]; now: string; labeledAt?: string }): Decision {
  const { policy, added } = input;
  const label = policy.exemptions!.label;
  const none = { addLabels: [], removeLabels: [] };
  const inForce = grantedAt(input.trail) !== undefined;
  if (added.byProduct && inForce) return { status: 'done', ...none };
  if (!added.byProduct && input.approver.approved) {
    // Dated when the label went on (as the timeline shows), so a grant recorded again later keeps its expiry.
    return { status: 'done', ...none, ...(inForce ? {} : { entry: { at: input.labeledAt ?? input.now, actor: added.sender, action: 'exempt' as const, reason: 'added the label by hand' } }) };
  }
  const approvers = policy.exemptions!.approvers.map((text) => codeSpan(text)).join(', ');
  if (added.byProduct) {
    return {
      status: 'refused',
      unproven: true,
      addLabels: [],
      removeLabels: [added.label],
      entry: { at: input.now, actor: added.sender, action: 'label-removed', reason: 'no grant recorded' },
      reply:
        `**Label ${codeSpan(label)} removed: no grant by an approver is recorded on this issue.** It was added with this workflow's token, but neither the bot's Decisions trail nor an approver's ${codeSpan('/roadmap exempt')} comment answered with the bot's 👍 shows a grant: a deleted comment takes its record with it. ` +
        `Until an exception is granted again, this issue is checked like any other. Approvers (${approvers}): comment ${codeSpan('/roadmap exempt <reason>')} to grant it again.`,
    };
  }
  const unreadable = cannotTellNote(input.approver.unreadableTeams);
  return {
    status: 'refused',
    addLabels: [],
    removeLabels: [added.label],
    entry: { at: input.now, actor: added.sender, action: 'label-removed', reason: '' },
    reply: `**Label ${codeSpan(label)} removed:** ${codeSpan(added.sender)} added it, but only an approver (${approvers}) can grant an exception. Ask one of them to comment ${codeSpan('/roadmap exempt <reason>')}.${unreadable}`,
  };
}

/** An exception granted longer ago than `exemptions.expires-after-days` lapses: the label goes, and the trail says why. */
export function decideExpiry(input: { policy: Policy; item: WorkItem; trail: readonly TrailEntry[]; now: string }): Decision | undefined {
  const exemptions = input.policy.exemptions;
  const days = exemptions?.expiresAfterDays;
  if (!exemptions || days === undefined || input.item.state !== 'open') return undefined;
  const granted = grantedAt(input.trail);
  if (!hasLabel(input.item, exemptions.label) || granted === undefined || Date.parse(input.now) - Date.parse(granted) <= days * DAY_MS) return undefined;
  const label = labelOn(input.item, exemptions.label);
  return {
    status: 'done',
    addLabels: [],
    removeLabels: [label],
    entry: { at: input.now, actor: PRODUCT_ACTOR, action: 'expire', reason: `granted ${granted.slice(0, 10)}; exceptions lapse after ${plural(days, 'day')}` },
    reply: `**Exception expired:** granted on ${granted.slice(0, 10)}, it lapsed after ${plural(days, 'day')}, so label ${codeSpan(label)} was removed. An approver can grant it again with ${codeSpan('/roadmap exempt <reason>')}.`,
  };
}

/**
 * `exemptions.max-open` after the fact. Two grants made at the same moment
 * (two approvers, two issues) each saw the other's issue without its label
 * and were both allowed; the cap must still hold once they converge. The
 * exceptions open beyond the cap are revoked, the newest grants first (ties
 * go to the higher issue number), each with a reply and a Decisions entry that
 * say why. Issues something else was decided about in this run wait for the
 * next audit; an exception whose grant is not recorded counts as the oldest.
 */
export function capExemptions(input: {
  policy: Policy;
  items: readonly WorkItem[];
  trails: (issue: number) => readonly TrailEntry[];
  decided: readonly { issue: number; decision: Decision }[];
  now: string;
}): { issue: number; actor: string; decision: Decision }[] {
  const exemptions = input.policy.exemptions;
  if (exemptions?.maxOpen === undefined) return [];
  const labelOf = (item: WorkItem) => labelOn(item, exemptions.label);
  const removed = new Set(input.decided.filter(({ decision }) => decision.removeLabels.length > 0).map(({ issue }) => issue));
  const open = input.items.filter((item) => item.state === 'open' && hasLabel(item, exemptions.label) && !removed.has(item.number));
  if (open.length <= exemptions.maxOpen) return [];
  const decidedNow = new Set(input.decided.map(({ issue }) => issue));
  const granted = (item: WorkItem) => Date.parse(grantedAt(input.trails(item.number)) ?? '') || 0;
  const newestFirst = [...open].sort((a, b) => granted(b) - granted(a) || b.number - a.number);
  const over = newestFirst.slice(0, open.length - exemptions.maxOpen).filter((item) => !decidedNow.has(item.number));
  const keptNames = newestFirst.slice(open.length - exemptions.maxOpen).map(itemName);
  const kept = keptNames.join(', ');
  return over.map((item) => ({
    issue: item.number,
    actor: PRODUCT_ACTOR,
    decision: {
      status: 'done',
      addLabels: [],
      removeLabels: [labelOf(item)],
      entry: { at: input.now, actor: PRODUCT_ACTOR, action: 'revoke', reason: `over exemptions.max-open (${exemptions.maxOpen}); kept ${kept}` },
      reply: `**Exception revoked:** at most ${exemptions.maxOpen} may be open at a time, and this grant came after the ones kept (${keptNames.map(markdownName).join(', ')}); grants made at the same moment could not see each other. Label ${codeSpan(labelOf(item))} was removed. An approver can revoke another exception and grant this one again with ${codeSpan('/roadmap exempt <reason>')}.`,
    },
  }));
}
