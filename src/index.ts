// The action's entry point: no logic here, see action/run.ts.
import { run } from './action/run.js';

await run();
