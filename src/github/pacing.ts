/**
 * Spacing between writes, as GitHub's secondary-rate-limit guidance asks:
 * at least a second between writes, and more between requests that create
 * content and notify people (comments, issues). Reads are never paced.
 */
export interface PacingOptions {
  /** Least time between any two writes. */
  writeGapMs: number;
  /** Least time between two content-creating writes. */
  contentGapMs: number;
}

const DEFAULT_PACING: PacingOptions = { writeGapMs: 1000, contentGapMs: 3000 };

/**
 * For the project's own benchmark and smoke tests only, which run the built
 * action against a local fake GitHub: `ROADMAP_GUARD_UNPACED_WRITES=true`
 * sends writes without spacing. Not an option for workflows: on github.com
 * unpaced writes run into the secondary rate limit.
 */
export function pacingFromEnvironment(env: NodeJS.ProcessEnv): Partial<PacingOptions> {
  return env.ROADMAP_GUARD_UNPACED_WRITES === 'true' ? { writeGapMs: 0, contentGapMs: 0 } : {};
}

export class WritePacer {
  private readonly options: PacingOptions;
  private lastWrite = Number.NEGATIVE_INFINITY;
  private lastContent = Number.NEGATIVE_INFINITY;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: Partial<PacingOptions> = {}) {
    this.options = { ...DEFAULT_PACING, ...options };
  }

  /** Resolves when the next write may go; writes queue up in call order. */
  beforeWrite(createsContent: boolean): Promise<void> {
    const turn = this.queue.then(async () => {
      const now = Date.now();
      const earliest = Math.max(
        this.lastWrite + this.options.writeGapMs,
        createsContent ? this.lastContent + this.options.contentGapMs : 0,
      );
      if (earliest > now) await sleep(earliest - now);
      const sent = Date.now();
      this.lastWrite = sent;
      if (createsContent) this.lastContent = sent;
    });
    this.queue = turn;
    return turn;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
