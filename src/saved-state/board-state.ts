/**
 * The saved board: a run that reads a Projects v2 board in full (an audit,
 * or an issue event that could not use the saved board) saves it to the
 * Actions cache; an issue event restores it and reads only its own issue's
 * place on the board fresh, in one request whatever the board's size.
 *
 * GitHub cannot list a board's items changed since a moment (items come in
 * board order only), so the rest of the board is as that full read saw it:
 * the reports say when, and a saved board older than `MAX_STATE_AGE_MS` is
 * read again in full. Whenever the saved board cannot stand for a full read
 * (none saved, another format, policy, board or reader, too old, a cache
 * fault), the event reads the board in full and says why; a failing cache
 * only ever costs that read.
 */
import { createHash } from 'node:crypto';
import { plural } from '../core/wording.js';
import type { BoardRead, BoardRef } from '../ports/reads.js';
import { CacheServiceError, getErrorMessage } from '../ports/errors.js';
import { BOARD_STATE_FORMAT, decodeBoard, encodeBoard, type SavedBoard } from './board-format.js';
import { MAX_STATE_BYTES, policyDigest, STATE_FORMAT, UnusableStateError } from './format.js';
import { RESTORE_ONLY_EVENTS, whyCacheUnused, whyOutOfDate, type SavedStateOptions } from './saved-state.js';

/** The issues' saved state's options, for the board read through `project-token` (`forge`). */
export interface BoardStateOptions extends Omit<SavedStateOptions, 'dashboardTitle'> {
  board: BoardRef;
}

/** A full read of the board, when it began by GitHub's clock. */
export interface FullBoardRead {
  read: BoardRead;
  readAt: string;
}

export interface BoardStateStore {
  /** Reads the board in full (`reason`: why, for the log) and saves it for the next issue events. */
  readInFull(read: () => Promise<BoardRead>, reason: string): Promise<FullBoardRead>;
  /**
   * The saved board and what `readFresh` (one request through `project-token`)
   * tells of the event's issue, or why they cannot stand for a full read.
   */
  restore<T extends { reader: string }>(readFresh: (saved: SavedBoard) => Promise<T>): Promise<{ saved: SavedBoard; fresh: T } | { unusable: string }>;
}

export function boardStateStore(options: BoardStateOptions): BoardStateStore {
  const env = options.env ?? process.env;
  const digest = policyDigest(options.policy, undefined);
  const boardName = `${options.board.owner}/${options.board.number}`.toLowerCase();
  const prefix = `roadmap-guard-board-${options.repo.owner}/${options.repo.name}-${boardName}-${digest}-`.toLowerCase();
  // A change to how an issue becomes a work item changes the issues' state format: the saved board follows it.
  const version = createHash('sha256').update(`roadmap-guard-board|gzip-json|${BOARD_STATE_FORMAT}|${STATE_FORMAT}`).digest('hex');
  const clock = options.clock ?? Date.now;
  const service = options.forge.stateStore(env);
  const cache = options.cache ?? (service.available ? service.cache : undefined);
  const unused = whyCacheUnused(options, service.available ? undefined : service.reason);
  const cacheRequests = () => plural(cache?.requests() ?? 0, 'cache request');
  // A cache that just failed is not asked to save as well.
  let cacheFailed = false;

  const save = async (full: FullBoardRead, reason: string): Promise<void> => {
    // Said once: the line before the read gave the reason already.
    if (unused && cache && reason !== unused) return options.log(`Saved board: not saved, ${unused}.`);
    if (!cache || unused || cacheFailed || RESTORE_ONLY_EVENTS.includes(options.eventName)) return;
    if (options.dryRun) return options.log('Saved board: not saved (dry run: nothing is written).');
    const { read } = full;
    if (!read.id || !read.reader) return options.log('Saved board: not saved, GitHub did not name the board or its reader.');
    const key = `${prefix}${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${clock()}`;
    const board: SavedBoard = {
      format: BOARD_STATE_FORMAT,
      board: boardName,
      boardId: read.id,
      reader: read.reader.toLowerCase(),
      policyDigest: digest,
      savedAt: full.readAt,
      title: read.title,
      fieldNames: read.fieldNames,
      redacted: read.redacted,
      forbidden: read.forbidden,
      pullRequests: read.pullRequests,
      items: read.items.map(({ repository, item }) => ({ repository, item })),
    };
    try {
      const data = encodeBoard(board);
      await cache.save(key, version, data);
      options.log(`Saved board: saved ${plural(board.items.length, 'item')} of ${boardName} (${Math.ceil(data.length / 1024)} KB) for the next issue events; ${cacheRequests()} in all.`);
    } catch (error) {
      options.log(`Saved board: not saved, ${getErrorMessage(error)}; the next issue event reads the whole board.`);
    }
  };

  const restoreSaved = async (): Promise<SavedBoard> => {
    const entry = await cache!.restore(prefix, version, MAX_STATE_BYTES);
    if (!entry) throw new UnusableStateError('none saved yet for this board and policy, an audit saves it');
    const saved = decodeBoard(entry.data);
    if (saved.policyDigest !== digest || saved.board !== boardName) throw new UnusableStateError('it was saved for another policy or board');
    return saved;
  };

  return {
    async readInFull(read, reason) {
      options.log(`Saved board: ${reason}; reading every item of the board.`);
      const timed = await options.forge.timedRead(read);
      const full = { read: timed.value, readAt: timed.startedAt };
      await save(full, reason);
      return full;
    },

    async restore(readFresh) {
      if (unused || !cache) return { unusable: unused ?? 'no cache' };
      let saved: SavedBoard;
      try {
        saved = await restoreSaved();
      } catch (error) {
        cacheFailed = error instanceof CacheServiceError;
        return { unusable: `not used, ${getErrorMessage(error)}` };
      }
      const fresh = await options.forge.timedRead(() => readFresh(saved));
      const unfit = whyNotCurrent(saved, fresh.value.reader, fresh.startedAt);
      if (unfit) return { unusable: `not used, ${unfit}` };
      options.log(`Saved board: ${plural(saved.items.length, 'item')} of ${boardName} read in full at ${saved.savedAt}; ${cacheRequests()}.`);
      return { saved, fresh: fresh.value };
    },
  };
}

/**
 * Why the saved board cannot stand for a full read now, if it cannot: too old
 * (by GitHub's clock, which also dated it), or read by another identity than
 * `project-token`'s now, which may see other items.
 */
function whyNotCurrent(saved: SavedBoard, reader: string, githubNow: string): string | undefined {
  const dated = whyOutOfDate(saved.savedAt, githubNow);
  if (dated) return dated;
  if (reader.toLowerCase() !== saved.reader) return `it was read by ${saved.reader}, and \`project-token\` is now ${reader.toLowerCase()}'s, which may see other items`;
  return undefined;
}
