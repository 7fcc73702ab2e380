// Which runs get a sandbox (processes/sandbox.ts): the programs that act on packets, sockets or
// a cgroup, the enforcement programs (they act only on the run's own cgroup), and the shell or
// bpftrace blocks that name the sandbox. Read from the lesson's code, never from the learner's
// edit: an edit keeps its block's sandbox (or its absence).
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';

const SANDBOX_SECTIONS = /SEC\("(xdp|tc|tcx\/|classifier|socket|cgroup\/|cgroup_skb\/|sockops|lsm\/)/;
const SANDBOX_NAMES = /\bcgroup_objetivo\b|\bTALLER_NS_|\bTALLER_CGROUP\b/;
const NETWORK_SECTIONS =
  /SEC\("(xdp|tc|tcx\/|classifier|socket|cgroup\/(connect|sendmsg|recvmsg|bind|getpeername|getsockname|sock_)|cgroup_skb\/|sockops)/;

export function needsSandbox(block: RunnableBlock): boolean {
  const code = block.bpf ? `${block.bpf.code}\n${block.code}` : block.code;
  return SANDBOX_SECTIONS.test(code) || SANDBOX_NAMES.test(code);
}

/** Programs that see packets or connections: their blocks get the network workloads. */
export function usesNetwork(code: string): boolean {
  return NETWORK_SECTIONS.test(code) || /\bTALLER_NS_/.test(code);
}

/** The global the server sets to the sandbox cgroup's id (enforcement acts only on the run's processes). */
export const CGROUP_GLOBAL = 'cgroup_objetivo';

/** Does the code declare the cgroup global (so the runner gets `--set cgroup_objetivo=<id>`)? */
export function declaresCgroupGlobal(code: string): boolean {
  return new RegExp(`\\b${CGROUP_GLOBAL}\\b`).test(code);
}
