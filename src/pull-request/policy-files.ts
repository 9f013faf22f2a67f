/**
 * The files a pull request must touch for its policy preview to run: the
 * policy file, and every file of the same repository that it `extends`.
 */
import type { RepoRef } from '../ports/forge.js';

/** `sources` as the loader names them: the policy's own path, then `owner/name:path@ref` for each file it extends. */
export function policyFiles(policyPath: string, sources: readonly string[], repo: RepoRef): string[] {
  const here = `${repo.owner}/${repo.name}:`.toLowerCase();
  const extended = sources.filter((source) => source.toLowerCase().startsWith(here)).map((source) => source.slice(here.length).split('@')[0]!);
  return [policyPath.replace(/^\.?\//, ''), ...extended];
}
