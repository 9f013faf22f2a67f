/**
 * Creating is not idempotent. GitHub can apply a `POST …/comments` and still
 * answer 502, or the connection can drop after the comment landed; sending
 * it again would post it twice. So creates go out without the client's
 * automatic retries, and after a failure that may have landed we look for
 * the result (the marker, written by this token) and send again only when it
 * is not there.
 */
import { httpStatus } from './errors.js';

export interface CreateOnceOptions {
  /** Sends the create, with no automatic retries. */
  create: () => Promise<unknown>;
  /** True when what the create makes is already on GitHub. */
  landed: () => Promise<boolean>;
  /** Waits before the next try (back-off). */
  pause: (attempt: number) => Promise<void>;
  /** Tries in all, the first included. */
  tries?: number;
}

/** `created`: this call made it; `found`: a try that answered with an error had made it after all. */
export async function createOnce(options: CreateOnceOptions): Promise<'created' | 'found'> {
  const tries = options.tries ?? 4;
  for (let attempt = 1; ; attempt++) {
    try {
      await options.create();
      return 'created';
    } catch (error) {
      if (!mayHaveLanded(error) || attempt >= tries) throw error;
      await options.pause(attempt);
      if (await options.landed()) return 'found';
    }
  }
}

/**
 * A 5xx, or no answer at all (Octokit reports those as 500 without a
 * response), says nothing about whether GitHub applied the request. A 4xx
 * says it did not.
 */
function mayHaveLanded(error: unknown): boolean {
  const status = httpStatus(error);
  const name = (error as { name?: unknown } | null)?.name;
  return (status !== undefined && status >= 500) || name === 'AbortError' || name === 'TimeoutError';
}
