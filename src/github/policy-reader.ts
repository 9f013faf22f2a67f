/**
 * Reads policy files for the policy loader: the repository's own file from
 * the checked-out workspace when it is there, otherwise (and for `extends`
 * to other repositories) through the contents API.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { PolicyFileReader } from '../policy/load.js';
import type { GitHubClient } from './client.js';
import { getErrorMessage, httpStatus } from './errors.js';
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

async function readWorkspaceFile(workspace: string, path: string): Promise<string | null> {
  const full = join(workspace, path);
  // The policy input names a file inside the repository, never outside it.
  if (isAbsolute(path) || relative(workspace, full).startsWith('..')) return null;
  try {
    return await readFile(full, 'utf8');
  } catch {
    return null;
  }
}

/** A file's text at `ref` (the default branch when absent); null when there is no such file. */
async function readRepositoryFile(client: GitHubClient, repo: RepoRef, path: string, ref?: string): Promise<string | null> {
  try {
    const response = await client.octokit.rest.repos.getContent({ owner: repo.owner, repo: repo.name, path, ...(ref ? { ref } : {}) });
    const data = response.data;
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) return null;
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (httpStatus(error) === 404) return null;
    throw new Error(`Could not read ${path} from ${repo.owner}/${repo.name}: ${getErrorMessage(error)}. The token needs \`contents: read\` on that repository.`, {
      cause: error,
    });
  }
}

function parseRepo(repo: string): RepoRef {
  const [owner = '', name = ''] = repo.split('/');
  return { owner, name };
}
