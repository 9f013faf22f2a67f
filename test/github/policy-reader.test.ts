import nock from 'nock';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createPolicyReader } from '../../src/github/policy-reader.js';
import { PolicyError } from '../../src/policy/errors.js';
import { loadPolicy, MAX_POLICY_BYTES, PolicyFileTooLargeError } from '../../src/policy/load.js';
import { API, REPO, testClient } from './fixtures.js';

const POLICY_PATH = '.github/roadmap-policy.yml';
const SECRET = 'ghs_SecretTokenValue0123456789abcdef';

let dir: string;
let workspace: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'roadmap-guard-reader-'));
  workspace = join(dir, 'workspace');
  await mkdir(join(workspace, '.github'), { recursive: true });
  // What /proc/self/environ looks like: NUL-separated variables, tokens among them.
  await writeFile(join(dir, 'environ'), `HOME=/home/runner\0INPUT_GITHUB-TOKEN=${SECRET}\0INPUT_PROJECT-TOKEN=${SECRET}\0`);
});

const reader = () => createPolicyReader({ client: testClient(), repo: REPO, workspace });

async function failure(path: string): Promise<PolicyError> {
  const error = await loadPolicy(path, reader()).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PolicyError);
  return error as PolicyError;
}

describe('the policy in the checked-out workspace', () => {
  it('refuses a symbolic link that leads out of the workspace and never quotes the file it points at', async () => {
    await symlink(join(dir, 'environ'), join(workspace, POLICY_PATH));
    const error = await failure(POLICY_PATH);
    expect(error.message).toBe(`${POLICY_PATH}: the policy path is a symbolic link to a file outside the repository; Roadmap Guard reads the policy only from inside the checkout`);
    expect(error.message).not.toContain(SECRET);
  });

  it('refuses a link to a directory outside, and a path that climbs out', async () => {
    await symlink(dir, join(workspace, 'outside'));
    expect((await failure('outside/environ')).message).toMatch(/symbolic link to a file outside the repository/);
    expect((await failure('../environ')).message).toMatch(/names a file outside the repository/);
    expect((await failure(join(dir, 'environ'))).message).toMatch(/names a file outside the repository/);
  });

  it('follows a link that stays inside the workspace', async () => {
    await writeFile(join(workspace, 'policy.yml'), 'version: 1\n');
    await symlink(join(workspace, 'policy.yml'), join(workspace, POLICY_PATH));
    expect((await loadPolicy(POLICY_PATH, reader())).sources).toEqual([POLICY_PATH]);
  });

  it('refuses a directory where the file should be', async () => {
    await mkdir(join(workspace, POLICY_PATH));
    expect((await failure(POLICY_PATH)).message).toMatch(/is not a regular file/);
  });

  it(`refuses a file over ${MAX_POLICY_BYTES / 1024} KB, saying how large it is`, async () => {
    await writeFile(join(workspace, POLICY_PATH), `version: 1\n${'# padding\n'.repeat(30_000)}`);
    expect((await failure(POLICY_PATH)).message).toBe(`${POLICY_PATH}: the file is 293 KB; a policy file may be at most 256 KB (a complete policy is usually under 10 KB)`);
  });
});

describe('a policy read through the contents API', () => {
  it('refuses a file over the cap from its size, without decoding it', async () => {
    // GitHub's getContent: for a file above 1 MB `content` is empty and `encoding` is "none"; `size` is always there.
    nock(API)
      .get('/repos/acme/roadmap/contents/.github%2Froadmap-policy.yml')
      .times(2)
      .reply(200, { type: 'file', size: 12_800_000, name: 'roadmap-policy.yml', path: POLICY_PATH, content: '', encoding: 'none', sha: 'abc' });
    const read = createPolicyReader({ client: testClient(), repo: REPO });
    await expect(read({ repo: null, path: POLICY_PATH })).rejects.toBeInstanceOf(PolicyFileTooLargeError);
    expect(((await loadPolicy(POLICY_PATH, read).catch((e: unknown) => e)) as PolicyError).message).toMatch(/the file is 12\.2 MB; a policy file may be at most 256 KB/);
  });
});
