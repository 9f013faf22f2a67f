/**
 * Reads policy files for the policy loader: the repository's own file from
 * the checked-out workspace when it is there, otherwise (and for `extends`
 * to other repositories) through the contents API.
 */
import { open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { PolicyError } from '../policy/errors.js';
import { MAX_POLICY_BYTES, PolicyFileTooLargeError, type PolicyFileReader } from '../policy/load.js';
import type { GitHubClient } from './client.js';
import { describeFailure } from './describe-failure.js';
import { httpStatus, isPrimaryRateLimit, GitHubReadError } from './errors.js';
import type { RepoRef } from './read.js';

export interface PolicyReaderOptions {
  client: GitHubClient;
  repo: RepoRef;
  /** The checked-out repository, when the workflow ran actions/checkout. */
  workspace?: string;
  /** The commit the workspace holds. */
  sha?: string;
  /**
   * Read the repository's own files at this commit through the API instead of
   * the default branch (a pull request's base or merge commit). Without a
   * workspace, they are never read from the checkout.
   */
  atCommit?: string;
  /** Told where each file came from, for the log. */
  onRead?: (description: string) => void;
}

export function createPolicyReader(options: PolicyReaderOptions): PolicyFileReader {
  return async ({ repo, path, ref }) => {
    if (repo === null && options.workspace) {
      const local = await readWorkspaceFile(options.workspace, path);
      if (local !== null) {
        options.onRead?.(`${path} from the checked-out workspace`);
        return { text: local, ...(options.sha ? { commit: options.sha } : {}) };
      }
    }
    const target = repo === null ? options.repo : parseRepo(repo);
    const at = ref ?? (repo === null ? options.atCommit : undefined);
    const text = await readRepositoryFile(options.client, target, path, at);
    if (text !== null) options.onRead?.(`${path} from ${target.owner}/${target.name}${at ? `@${at}` : ' (default branch)'} through the API`);
    if (text === null) return null;
    return { text, ...(repo === null && options.atCommit ? { commit: options.atCommit } : {}) };
  };
}

/**
 * Reads only policies in other repositories (an `extends` target), through
 * the contents API; the command line reads the repository's own file from disk.
 */
export function createExtendsReader(client: GitHubClient): PolicyFileReader {
  return async ({ repo, path, ref }) => {
    if (repo === null) return null;
    const text = await readRepositoryFile(client, parseRepo(repo), path, ref);
    return text === null ? null : { text };
  };
}

/**
 * The policy file from the checkout, or null when it is not there. The
 * checkout may be a fork's (a policy preview on a pull request), so a path or
 * a symbolic link that leads out of the workspace is refused, not followed:
 * `/proc/self/environ` holds the tokens.
 */
async function readWorkspaceFile(workspace: string, path: string): Promise<string | null> {
  const root = await realpath(workspace).catch(() => resolve(workspace));
  const full = resolve(root, path);
  if (isAbsolute(path) || isOutside(root, full)) throw refused(path, 'names a file outside the repository; give a path inside it, like .github/roadmap-policy.yml');
  const real = await realpath(full).catch(() => null);
  if (real === null) return null;
  if (isOutside(root, real)) throw refused(path, 'is a symbolic link to a file outside the repository; Roadmap Guard reads the policy only from inside the checkout');
  // Checked before opening: opening a named pipe or a device could block or never end.
  const stats = await stat(real);
  if (!stats.isFile()) throw refused(path, 'is not a regular file');
  if (stats.size > MAX_POLICY_BYTES) throw new PolicyFileTooLargeError(stats.size);
  return readAtMost(real, MAX_POLICY_BYTES + 1);
}

function isOutside(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside === '..' || inside.startsWith('../') || isAbsolute(inside);
}

function refused(path: string, why: string): PolicyError {
  return new PolicyError([{ file: path, message: `the policy path ${why}` }]);
}

/** Reads no more than `limit` bytes, however large the file has grown since it was checked. */
async function readAtMost(path: string, limit: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(limit);
    const { bytesRead } = await handle.read(buffer, 0, limit, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** A file's text at `ref` (the default branch when absent); null when there is no such file. */
async function readRepositoryFile(client: GitHubClient, repo: RepoRef, path: string, ref?: string): Promise<string | null> {
  const data = await getContent(client, repo, path, ref);
  if (data === null || Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
  // Above 1 MB GitHub leaves `content` empty; the size is always given.
  if (data.size > MAX_POLICY_BYTES) throw new PolicyFileTooLargeError(data.size);
  return Buffer.from(data.content, 'base64').toString('utf8');
}

async function getContent(client: GitHubClient, repo: RepoRef, path: string, ref?: string) {
  try {
    const response = await client.octokit.rest.repos.getContent({ owner: repo.owner, repo: repo.name, path, ...(ref ? { ref } : {}) });
    return response.data;
  } catch (error) {
    const status = httpStatus(error);
    if (status === 404) return null;
    // Only a refusal is about the token's access; a 5xx or a dropped connection is not.
    const advice = status === 403 && !isPrimaryRateLimit(error) ? ' The token needs `contents: read` on that repository.' : '';
    throw new GitHubReadError(`Could not read ${path} from ${repo.owner}/${repo.name}: ${describeFailure(error)}${advice}`, { cause: error });
  }
}

function parseRepo(repo: string): RepoRef {
  const [owner = '', name = ''] = repo.split('/');
  return { owner, name };
}
