import { getOctokit } from '@actions/github';
import { describe, expect, it } from 'vitest';

describe('the test network guard', () => {
  it('runs the suite on Node 24, the runtime GitHub uses for this action', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('fails an Octokit request that no mock intercepts instead of reaching GitHub', async () => {
    const octokit = getOctokit('test-token');
    await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'roadmap' })).rejects.toThrow(/Nock: Disallowed net connect/);
  });

  it('fails a plain fetch that no mock intercepts', async () => {
    await expect(fetch('https://api.github.com/zen')).rejects.toThrow();
  });
});
