/**
 * The saved state: what an issue event needs to compute budgets beside its
 * own issue (every open issue, as narrowly as the budget read gives it),
 * when it was read, and which policy it was read for. Stored as gzip'd
 * JSON; read back as untrusted input: bounded, checked field by field, and
 * refused whole on any doubt, which costs one full read and nothing else.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Policy } from '../core/policy.js';
import type { ChecklistEntry, WorkItem } from '../core/types.js';

/**
 * Bump when the state's shape changes, or when an issue would become a
 * different work item (the issue-form parser, `toWorkItem`): older states are
 * then not used.
 */
export const STATE_FORMAT = 2;

/** The most bytes a saved state may take, compressed and not: 10,000 issues with long forms fit with room to spare. */
export const MAX_STATE_BYTES = 64 * 1024 * 1024;

export interface SavedState {
  format: typeof STATE_FORMAT;
  /** owner/name, lower case. */
  repository: string;
  /** Digest of the policy (and the inputs that change what is read) the items were read under. */
  policyDigest: string;
  /** GitHub's time when the read began: issues updated since then (less a margin) are read again. */
  savedAt: string;
  /** The open issues' budget items, as the budget read gives them. */
  items: WorkItem[];
  /** Open issues read that are not planned work (the bot's dashboard): counted, never evaluated. */
  skipped: number[];
}

/**
 * A time as the state writes it (ISO 8601, UTC). Only that: the time reaches
 * the log, and V8's `Date.parse` also reads a date followed by any text in
 * parentheses, line breaks included.
 */
export const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;

/** Why a state read back cannot be used, in words for the log. */
export class UnusableStateError extends Error {}

/** The state as stored; refused when it would be too large to be read back. */
export function encodeState(state: SavedState): Buffer {
  return gzipJson(state);
}

export function decodeState(data: Buffer): SavedState {
  return checkState(gunzipJson(data));
}

/** A value as gzip'd JSON, refused when it would be too large to be read back. */
export function gzipJson(value: unknown): Buffer {
  const text = JSON.stringify(value);
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_STATE_BYTES) throw new UnusableStateError(`it would take ${Math.ceil(bytes / 1048576)} MB, more than the ${MAX_STATE_BYTES / 1048576} MB a state may`);
  return gzipSync(text);
}

/** Gzip'd JSON back, bounded; what it holds is still to be checked. */
export function gunzipJson(data: Buffer): unknown {
  try {
    return JSON.parse(gunzipSync(data, { maxOutputLength: MAX_STATE_BYTES }).toString('utf8'));
  } catch (error) {
    throw new UnusableStateError(`it is not gzip'd JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** The digest of everything that decides what the budget read returns: the policy and the dashboard's title. */
export function policyDigest(policy: Policy, dashboardTitle: string | undefined): string {
  const text = JSON.stringify({ format: STATE_FORMAT, policy, dashboardTitle: dashboardTitle ?? '' }, (_key, value: unknown) =>
    value instanceof Set || value instanceof Map ? [...value] : value,
  );
  return createHash('sha256').update(text).digest('hex');
}

function checkState(value: unknown): SavedState {
  if (!isRecord(value)) throw new UnusableStateError('it is not a JSON object');
  if (value.format !== STATE_FORMAT) throw new UnusableStateError(`it has format ${JSON.stringify(value.format)}, this version reads ${STATE_FORMAT}`);
  const { repository, policyDigest: digest, savedAt, items, skipped } = value;
  if (typeof repository !== 'string' || typeof digest !== 'string' || typeof savedAt !== 'string' || !ISO_TIME.test(savedAt)) {
    throw new UnusableStateError('its repository, policy digest or time is missing');
  }
  if (!Array.isArray(items) || !Array.isArray(skipped) || !skipped.every(isIssueNumber)) throw new UnusableStateError('its items are missing');
  return { format: STATE_FORMAT, repository, policyDigest: digest, savedAt, items: items.map(checkItem), skipped };
}

/** One budget item, rebuilt field by field so nothing but a work item's fields comes through. */
function checkItem(value: unknown, index: number): WorkItem {
  const item = isRecord(value) ? value : {};
  const strings = ['title', 'url', 'createdAt', 'updatedAt'] as const;
  if (!isIssueNumber(item.number) || item.state !== 'open' || !strings.every((key) => typeof item[key] === 'string')) {
    throw new UnusableStateError(`item ${index + 1} is not an open issue`);
  }
  if (!isStringList(item.labels) || !isRecord(item.form) || !Object.values(item.form).every((answer) => typeof answer === 'string') || !isChecklist(item.checklist)) {
    throw new UnusableStateError(`item ${index + 1} (#${item.number}) has unreadable labels or form answers`);
  }
  return {
    number: item.number,
    title: item.title as string,
    url: item.url as string,
    state: 'open',
    labels: item.labels,
    author: null,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    closedAt: null,
    milestone: null,
    // Like the issue-form parser's own: no prototype, so any heading is just an answer.
    form: Object.assign(Object.create(null) as Record<string, string>, item.form),
    checklist: item.checklist.map((entry) => ({ text: entry.text, checked: entry.checked })),
    fields: {},
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isIssueNumber(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

export function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}

export function isChecklist(value: unknown): value is ChecklistEntry[] {
  return Array.isArray(value) && value.every((entry) => isRecord(entry) && typeof entry.text === 'string' && typeof entry.checked === 'boolean');
}
