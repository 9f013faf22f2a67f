/**
 * The action's real ports, as its composition root (`src/index.ts`) wires
 * them, with client settings for tests: GitHub as the forge (reached at the
 * fake GitHub or through nock), the Actions runner's stdout and files as the
 * runner.
 */
import type { RunOptions } from '../../src/action/run.js';
import { workflowRunner } from '../../src/action/workflow-commands.js';
import type { ClientOptions } from '../../src/github/client.js';
import { connectGitHub } from '../../src/github/forge.js';

/** `settings`: the client's, beyond the token; a `warn` given here hears the client's warnings instead of the runner. */
export function githubPorts(settings: Partial<Omit<ClientOptions, 'token'>> = {}): Pick<RunOptions, 'connect' | 'runner'> {
  return { connect: async (options) => connectGitHub({ ...options, ...settings }), runner: workflowRunner() };
}
