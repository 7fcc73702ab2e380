// The real machine's view and the cached results the server shares.
import { machine } from 'node:os';
import { realSystem, type SystemView } from './system.ts';
import { runChecks, type Check } from './checks.ts';
import { probeFentry, probeTool, type ToolInfo } from '../processes/tool-probe.ts';
import { bpftraceVersion } from './checks/tools.ts';

export function thisMachine(runnerPath: string): SystemView {
  return realSystem({ tool: probeTool, fentry: () => probeFentry(runnerPath), machine: machine() });
}

export async function checkThisMachine(runnerPath: string): Promise<Check[]> {
  return runChecks(thisMachine(runnerPath));
}

/** The checks, and the installed bpftrace's version read by the same probe (readiness picks snippet forms by it). */
export async function assessThisMachine(runnerPath: string): Promise<{ checks: Check[]; bpftrace: string | null }> {
  let bpftrace: ToolInfo | null = null;
  const view = realSystem({
    tool: async (name) => {
      const info = await probeTool(name);
      if (name === 'bpftrace') bpftrace = info;
      return info;
    },
    fentry: () => probeFentry(runnerPath),
    machine: machine(),
  });
  const checks = await runChecks(view);
  return { checks, bpftrace: bpftraceVersion((bpftrace as ToolInfo | null)?.version) };
}
