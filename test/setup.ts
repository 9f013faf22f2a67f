import nock from 'nock';
import { afterEach } from 'vitest';
import { forgetSecrets } from '../src/action/secrets.js';

// No test may reach the network: a request nothing intercepts fails the test.
// Loopback stays open for the local fake GitHub API used by end-to-end tests.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

// Loaded before any test changes the environment: Octokit's defaults read
// GITHUB_API_URL once, when the module is first imported, and test files
// share a worker's modules (vitest.config.ts); a run in process that loaded
// it first would leave every later default client pointed at its fake.
await import('@actions/github/lib/utils');

afterEach(() => {
  nock.cleanAll();
  // Tokens a test's runs registered would mask words in later tests' messages (files share modules).
  forgetSecrets();
});
