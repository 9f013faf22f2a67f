import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/reliability/figures-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    testTimeout: 20_000,
    // Test files share each worker's modules instead of loading them afresh:
    // GitHub's GraphQL schema, which the fake builds once per process, takes
    // seconds, and most files use the fake. Tests restore what they change
    // (environment, stdout, nock, the fake's state is per instance).
    isolate: false,
    // Two workers per core: the end-to-end and fault files spend half their
    // time waiting (on the fake's sockets, on timeouts they provoke), which a
    // worker per core leaves idle: 68 s against 54 s for the suite on 2 cores.
    maxWorkers: availableParallelism() * 2,
  },
});
