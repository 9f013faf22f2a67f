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
    // One worker per core, not vitest's default of one fewer: the main
    // process only hands out files, and the end-to-end files wait on sockets.
    maxWorkers: '100%',
  },
});
