/**
 * The saved board: a Projects v2 board as a full read gave it (every item
 * with the field values the policy names, of each body only what the policy
 * reads), which board and policy it was read for, by whom and when. Stored
 * as gzip'd JSON like the issues' saved state, and read back the same way:
 * bounded, checked field by field, refused whole on any doubt.
 */
import type { ChecklistEntry, FieldValue, WorkItem } from '../core/types.js';
import type { BoardItem, BoardRead } from '../ports/reads.js';
import { gunzipJson, gzipJson, ISO_TIME, isChecklist, isRecord, isStringList, UnusableStateError } from './format.js';

/** Bump when the saved board's shape changes (a change to how an issue becomes a work item bumps `STATE_FORMAT`, which the cache version includes). */
export const BOARD_STATE_FORMAT = 1;

/** A login (a bot's with its `[bot]`). */
const LOGIN = /^[a-z\d](?:[a-z\d-]{0,38})(?:\[bot\])?$/i;

export interface SavedBoard {
  format: typeof BOARD_STATE_FORMAT;
  /** `owner/number`, lower case. */
  board: string;
  /** The board's node id, which an issue's board items name. */
  boardId: string;
  /** Who read it (`project-token`'s viewer), lower case. */
  reader: string;
  /** Digest of the policy the items were read under. */
  policyDigest: string;
  /** GitHub's time when the full read began. */
  savedAt: string;
  title: string;
  fieldNames: string[];
  redacted: number;
  forbidden: number;
  pullRequests: number;
  items: { repository: string | null; item: WorkItem }[];
}

export function encodeBoard(board: SavedBoard): Buffer {
  return gzipJson(board);
}

export function decodeBoard(data: Buffer): SavedBoard {
  const value = gunzipJson(data);
  if (!isRecord(value)) throw new UnusableStateError('it is not a JSON object');
  if (value.format !== BOARD_STATE_FORMAT) throw new UnusableStateError(`it has format ${JSON.stringify(value.format)}, this version reads ${BOARD_STATE_FORMAT}`);
  const strings = ['board', 'boardId', 'reader', 'policyDigest', 'savedAt', 'title'] as const;
  // The time and the reader reach the log, the job summary and comments: nothing but a time and a login gets through.
  if (!strings.every((key) => typeof value[key] === 'string') || !ISO_TIME.test(value.savedAt as string) || !LOGIN.test(value.reader as string)) {
    throw new UnusableStateError('its board, reader, policy digest or time is missing');
  }
  const counts = ['redacted', 'forbidden', 'pullRequests'] as const;
  if (!counts.every((key) => isCount(value[key])) || !isStringList(value.fieldNames) || !Array.isArray(value.items)) throw new UnusableStateError('its counts, fields or items are missing');
  return {
    format: BOARD_STATE_FORMAT,
    board: value.board as string,
    boardId: value.boardId as string,
    reader: value.reader as string,
    policyDigest: value.policyDigest as string,
    savedAt: value.savedAt as string,
    title: value.title as string,
    fieldNames: value.fieldNames,
    redacted: value.redacted as number,
    forbidden: value.forbidden as number,
    pullRequests: value.pullRequests as number,
    items: value.items.map(checkEntry),
  };
}

/** The board read back as a full read would have given it. */
export function boardReadOf(saved: SavedBoard): BoardRead {
  const items: BoardItem[] = saved.items.map((entry) => ({ ...entry, comments: [] }));
  return { title: saved.title, id: saved.boardId, reader: saved.reader, fieldNames: saved.fieldNames, items, redacted: saved.redacted, forbidden: saved.forbidden, pullRequests: saved.pullRequests };
}

function checkEntry(value: unknown, index: number): { repository: string | null; item: WorkItem } {
  const entry = isRecord(value) ? value : {};
  if (entry.repository !== null && typeof entry.repository !== 'string') throw new UnusableStateError(`item ${index + 1} has no repository`);
  return { repository: entry.repository, item: checkItem(entry.item, index) };
}

const OPTIONAL_TIMES = ['activityAt', 'archiveWarnedAt'] as const;
const CLOSED_AS = ['completed', 'not-planned', 'duplicate'];

/** One board item, rebuilt field by field so nothing but a work item's fields comes through. */
function checkItem(value: unknown, index: number): WorkItem {
  const item = isRecord(value) ? value : {};
  const where = `item ${index + 1}`;
  const problem = itemProblem(item);
  if (problem) throw new UnusableStateError(`${where} ${problem}`);
  return {
    number: item.number as number,
    title: item.title as string,
    url: item.url as string,
    state: item.state as WorkItem['state'],
    labels: item.labels as string[],
    ...(item.assignees ? { assignees: item.assignees as string[] } : {}),
    author: item.author as string | null,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    closedAt: item.closedAt as string | null,
    ...(item.closedAs ? { closedAs: item.closedAs as WorkItem['closedAs'] } : {}),
    ...(item.activityAt ? { activityAt: item.activityAt as string } : {}),
    ...(item.archiveWarnedAt ? { archiveWarnedAt: item.archiveWarnedAt as string } : {}),
    milestone: item.milestone as string | null,
    // Like the issue-form parser's own: no prototype, so any heading is just an answer.
    form: Object.assign(Object.create(null) as Record<string, string>, item.form),
    checklist: (item.checklist as ChecklistEntry[]).map((entry) => ({ text: entry.text, checked: entry.checked })),
    fields: checkFields(item.fields as Record<string, unknown>, where),
  };
}

/** What is wrong with an item read back, if anything. */
function itemProblem(item: Record<string, unknown>): string | undefined {
  const strings = ['title', 'url', 'createdAt', 'updatedAt'] as const;
  if (!Number.isSafeInteger(item.number) || (item.state !== 'open' && item.state !== 'closed') || !strings.every((key) => typeof item[key] === 'string')) return 'is not an issue or a draft';
  const nullable = [item.author, item.closedAt, item.milestone].every((text) => text === null || typeof text === 'string');
  const times = OPTIONAL_TIMES.every((key) => item[key] === undefined || typeof item[key] === 'string');
  if (!nullable || !times) return 'has an unreadable author, milestone or time';
  return contentProblem(item);
}

/** What is wrong with an item's labels, answers and fields, if anything. */
function contentProblem(item: Record<string, unknown>): string | undefined {
  const assignees = item.assignees === undefined || isStringList(item.assignees);
  const closedAs = item.closedAs === undefined || CLOSED_AS.includes(item.closedAs as string);
  if (!isStringList(item.labels) || !assignees || !closedAs) return 'has unreadable labels or assignees';
  const form = isRecord(item.form) && Object.values(item.form).every((answer) => typeof answer === 'string');
  if (!form || !isChecklist(item.checklist) || !isRecord(item.fields)) return 'has unreadable form answers or fields';
  return undefined;
}

function checkFields(fields: Record<string, unknown>, where: string): Record<string, FieldValue> {
  const checked = Object.create(null) as Record<string, FieldValue>;
  for (const [name, value] of Object.entries(fields)) {
    const field = checkField(value);
    if (!field) throw new UnusableStateError(`${where} has an unreadable value of the field ${JSON.stringify(name.slice(0, 100))}`);
    checked[name] = field;
  }
  return checked;
}

function checkField(value: unknown): FieldValue | undefined {
  if (!isRecord(value)) return undefined;
  if (value.type === 'number') return typeof value.value === 'number' && Number.isFinite(value.value) ? { type: 'number', value: value.value } : undefined;
  if (value.type === 'text' || value.type === 'single-select' || value.type === 'date') return typeof value.value === 'string' ? { type: value.type, value: value.value } : undefined;
  if (value.type !== 'iteration') return undefined;
  const { title, startDate, durationDays } = value;
  return typeof title === 'string' && typeof startDate === 'string' && typeof durationDays === 'number' ? { type: 'iteration', title, startDate, durationDays } : undefined;
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
