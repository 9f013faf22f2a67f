// The action's composition root: GitHub as the forge, the Actions runner as the runner. No logic here, see action/run.ts.
import { run } from './action/run.js';
import { workflowRunner } from './action/workflow-commands.js';

await run({
  // Loaded only for runs that call GitHub: the client's package parses the event payload when it is imported, and a broken payload must be reported rather than crash the step.
  connect: async (options) => (await import('./github/forge.js')).connectGitHub(options),
  runner: workflowRunner(),
});
