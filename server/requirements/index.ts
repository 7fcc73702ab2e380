// The real machine's view and the cached results the server shares.
import { machine } from 'node:os';
import { realSystem, type SystemView } from './system.ts';
import { runChecks, type Check } from './checks.ts';
import { probeFentry, probeTool } from '../processes/tool-probe.ts';

export function thisMachine(runnerPath: string): SystemView {
  return realSystem({ tool: probeTool, fentry: () => probeFentry(runnerPath), machine: machine() });
}

export async function checkThisMachine(runnerPath: string): Promise<Check[]> {
  return runChecks(thisMachine(runnerPath));
}
