/**
 * Where the command line reads a policy that another extends: a local copy
 * given with --extends-from, or GitHub's contents API when a token is set.
 */
import { readFile } from 'node:fs/promises';
import type { ConnectForge } from '../ports/forge.js';
import type { PolicyFileReader } from '../policy/load.js';
import { BadInput } from './io.js';

/** Where the extended policies come from: a local copy of the first one, then GitHub when there is a token. */
export function extendsReader(extendsFrom: string | undefined, env: NodeJS.ProcessEnv, connect: ConnectForge): { read: PolicyFileReader; how: string } | undefined {
  const token = env['GITHUB_TOKEN'] || env['GH_TOKEN'];
  const forge = token ? connect({ token, ...(env['GITHUB_API_URL'] ? { apiUrl: env['GITHUB_API_URL'] } : {}), warn: () => {} }) : undefined;
  const remote: PolicyFileReader | undefined = forge && (async (ref) => (await forge).extendsReader()(ref));
  if (extendsFrom === undefined) return remote && { read: remote, how: 'from GitHub' };
  let copyUsed = false;
  const read: PolicyFileReader = async (ref) => {
    if (copyUsed) {
      if (!remote) throw new Error('it is on GitHub; set GITHUB_TOKEN or GH_TOKEN to read it, or flatten the chain');
      return remote(ref);
    }
    copyUsed = true;
    const text = await readFile(extendsFrom, 'utf8').catch(() => null);
    if (text === null) throw new BadInput(`${extendsFrom}: no such file (given as --extends-from)`);
    return { text };
  };
  return { read, how: `from ${extendsFrom}` };
}

