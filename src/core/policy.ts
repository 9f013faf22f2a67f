/**
 * The policy as the engine reads it: every section present, defaults
 * applied, names in camelCase. This is what a rule may rely on; how a person
 * writes it down (`.github/roadmap-policy.yml`, its YAML, its defaults and
 * error messages) is the policy file's business, in `src/policy/`.
 *
 * The engine owns this type and the file layer produces it, so dependencies
 * run one way: `policy/` imports `core/`, never the reverse. The engine can
 * then be run on a policy built in code (tests, benchmarks) without the file
 * reader, and a change to the YAML's spelling never reaches a rule.
 */
import type { FindingKind } from './finding-kinds.js';
import type { Share } from './share.js';

export interface Policy {
  version: 1;
  work: WorkRule;
  /** In the order written: the first category that matches an item wins; unmatched work is "other". */
  categories: CategoryRule[];
  customer: CustomerRule;
  businessCase: BusinessCaseRule;
  forbiddenLabels: ForbiddenLabel[];
  bets: BetsRule;
  backlog: BacklogRule;
  /** Absent: no exceptions can be granted. */
  exemptions?: ExemptionsRule;
  enforcement: Enforcement;
  pullRequests: { requireLinkedIssue: boolean; keywordsOnOtherBases: boolean };
  execution: ExecutionRule;
}

/** The execution report: which cycles an audit looks back on, and how far. */
export interface ExecutionRule {
  /** milestones: each closed milestone with a due date is a cycle. off: no report. */
  cycles: 'milestones' | 'off';
  /** Cycles whose due date falls in the last this many calendar months (UTC), the current one included. */
  months: number;
}

/** What counts as planned work, and how big each item is. */
export interface WorkRule {
  /** open: every open item. iteration: every item of the board's current iteration. */
  include: 'open' | 'iteration';
  /** Label globs of items that are not planned work. */
  excludeLabels: string[];
  /** The Projects v2 board the work is read from, if any. */
  project?: { owner: string; number: number; iterationField?: string };
  size: {
    /** The field or issue-form heading holding the size. */
    field?: string;
    /** Size per label, used when the field is empty. */
    labels: Record<string, number>;
    /** The size of unestimated work; without it, such work counts 1 and is flagged. */
    default?: number;
  };
  /** points: shares are computed from sizes. issues: every item counts 1. */
  unit: 'points' | 'issues';
}

/** A kind of work: which items belong to it and how much capacity it may take. */
export interface CategoryRule {
  name: string;
  /** Any label glob matching, or any field holding its value, puts an item here. */
  match: { labels: string[]; fields: Record<string, string> };
  maxShare?: Share;
  minShare?: Share;
  /** The largest share of this category's work any one customer may take (per-customer.max-share-of-category). */
  perCustomerMaxShare?: Share;
  /** The largest share of all planned work any one customer may take through this category (per-customer.max-share-of-planned-work). */
  perCustomerMaxPlannedShare?: Share;
}

/** How the customer behind an item is named: the part of a label matched by `*`, or a field. */
export interface CustomerRule {
  labels: string[];
  field?: string;
}

/** What a request must say before it is planned: one business case per category that has one. */
export interface BusinessCaseRule {
  /** The categories the file's `business-case.applies-to` names: the customer-driven ones, which carry the shared case. */
  appliesTo: string[];
  /** Every field of every category's case, each heading once, in policy order. */
  fields: BusinessCaseField[];
  /** Every checklist entry of every category's case, once each. */
  checklist: string[];
  /** What an item of each category must say; a category not listed needs no business case. */
  byCategory: CategoryCase[];
  /** Whether an open request in an `appliesTo` category must have an assignee (finding missing-owner). */
  requireAssignee: boolean;
}

/** One category's business case: the shared fields that apply to it, then its own. */
export interface CategoryCase {
  category: string;
  fields: BusinessCaseField[];
  /** Checklist items that must be ticked in the issue body. */
  checklist: string[];
}

/** An issue-form answer every business case must give. */
export interface BusinessCaseField {
  heading: string;
  minWords?: number;
  /** Allowed answers, compared without case. */
  oneOf?: string[];
  /** Answers that fail the business case. */
  failOn?: string[];
  /** Why the field matters, shown with the finding. */
  message?: string;
  type: 'text' | 'date';
  /** false: an empty answer is fine, a wrong one is still flagged. */
  required: boolean;
}

/** A label (or glob) no planned item may carry. */
export interface ForbiddenLabel {
  name: string;
  message?: string;
}

/** Deal work as a bet: reviewed by its date, judged by its outcome once delivered. */
export interface BetsRule {
  reviewField?: string;
  /** Category names; the business case's categories unless the file says otherwise. */
  appliesTo: string[];
  outcomeDueDays?: number;
}

export interface BacklogRule {
  /** Open items no person touched for longer are stale. */
  maxAgeDays?: number;
  /** Present when stale items are archived, not only flagged. */
  archive?: { graceDays: number; keepLabels: string[]; closeReason: 'not-planned' };
}

/** Deliberate, approved exceptions to the policy. */
export interface ExemptionsRule {
  label: string;
  /** Logins or @org/team; empty: anyone who can label. */
  approvers: string[];
  maxOpen?: number;
  expiresAfterDays?: number;
}

/** What happens when the policy is not met. */
export interface Enforcement {
  /** Finding kinds that fail the check; the others are warnings. */
  failOn: FindingKind[];
  /** Comment on issues with findings. */
  comment: boolean;
  /** Labels the bot keeps in sync; an absent one is not put on. */
  labels: {
    nonCompliant?: string;
    overBudget?: string;
    outcome: { hit: string; missed: string; 'walked-away': string };
  };
}
