/**
 * Errors the orchestration tells apart, whichever forge raised them, and the
 * text of anything thrown.
 */
import type { BoardRef } from './reads.js';

/** The token cannot see the board (or the board does not exist). */
export class BoardAccessError extends Error {
  constructor(
    readonly board: BoardRef,
    readonly reason: 'forbidden' | 'not-found',
    detail: string,
  ) {
    super(detail);
    this.name = 'BoardAccessError';
  }
}

/** The cache answered with an error, or not at all. `transient`: another try may get an answer. */
export class CacheServiceError extends Error {
  readonly transient: boolean;
  constructor(message: string, options?: ErrorOptions & { transient?: boolean }) {
    super(message, options);
    this.name = 'CacheServiceError';
    this.transient = options?.transient ?? false;
  }
}

/** The text of anything thrown, so a non-Error throw is never dropped. */
export function getErrorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
