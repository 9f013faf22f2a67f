/**
 * The parts of an `extends` reference, `owner/repo:path@ref`, checked as the
 * names GitHub and git allow, so that `..` or a stray `/` can never make the
 * contents request read somewhere the author did not mean.
 */

export interface ExtendsParts {
  owner: string;
  repo: string;
  path: string;
  ref?: string;
}

/** `owner/repo:path@ref` → its parts. The caller has checked the overall shape. */
export function parseExtends(target: string): ExtendsParts {
  const colon = target.indexOf(':');
  const [owner = '', repo = ''] = target.slice(0, colon).split('/');
  const [path = '', ref] = target.slice(colon + 1).split('@');
  return { owner, repo, path, ...(ref ? { ref } : {}) };
}

// Account names: letters, digits and hyphens, not starting with a hyphen, at most 39
// characters (GitHub's sign-up form; older accounts may have a trailing or double hyphen).
const OWNER = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
// Repository names: letters, digits, `.`, `-` and `_`, at most 100 characters; GitHub
// renames `.` and `..` on creation, so they never name a repository.
const REPOSITORY = /^[\w.-]{1,100}$/;

/** What is wrong with the reference's parts, in the author's terms; undefined when they are fine. */
export function extendsPartsProblem(target: string): string | undefined {
  const { owner, repo, path, ref } = parseExtends(target);
  if (!OWNER.test(owner)) return `"${owner}" is not a GitHub account name (letters, digits and hyphens, at most 39 characters)`;
  if (!REPOSITORY.test(repo) || repo === '.' || repo === '..') return `"${repo}" is not a repository name (letters, digits, ., - and _, not . or ..)`;
  const segments = path.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return `the path "${path}" must name a file inside the repository, without empty, . or .. parts`;
  }
  if (ref !== undefined && !isGitRefName(ref)) return `"${ref}" is not a branch, tag or commit name`;
  return undefined;
}

/** The rules of `git check-ref-format` that matter here: no `..`, control characters, `~^:?*[\`, `//`, leading or trailing `/`, or `.lock` ending. */
function isGitRefName(ref: string): boolean {
  return (
    // eslint-disable-next-line no-control-regex
    !/[\x00-\x20\x7f~^:?*[\\]|\.\.|\/\/|@\{/.test(ref) && !ref.startsWith('/') && !ref.endsWith('/') && !ref.endsWith('.') && !ref.endsWith('.lock')
  );
}
