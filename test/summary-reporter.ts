import type { Reporter, TestModule } from 'vitest/node';

/** Ends every test run with the plain line "N passed, N failed" (and skipped, when any). */
export default class SummaryLineReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) counts[test.result().state] += 1;
      // A file that could not even load counts as a failure.
      if (module.state() === 'failed' && module.children.size === 0) counts.failed += 1;
    }
    counts.failed += unhandledErrors.length;
    const skipped = counts.skipped + counts.pending;
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}
