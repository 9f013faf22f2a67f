import nock from 'nock';
import { afterEach } from 'vitest';

// No test may reach the network: a request nothing intercepts fails the test.
// Loopback stays open for the local fake GitHub API used by end-to-end tests.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});
