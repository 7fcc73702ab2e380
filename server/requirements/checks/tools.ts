// The tools the lessons run: clang (with its bpf backend), llvm-strip, bpftool, bpftrace, and the
// C compiler that builds a loader's user-space half (cc, with libbpf-dev).
import type { SystemView } from '../system.ts';
import { installCommand, type Distro, type Need } from '../distro.ts';
import type { Check, CheckContext, Status } from './context.ts';
import { versionAtLeast } from '../../../lib/protocol.ts';
import { fill } from '../../../lib/messages/fill.mjs';
import { requirements as t } from '../../../lib/messages/es/requirements.mjs';

/** The bpftrace that made `args` a struct: `args.campo` from here on (CHANGELOG 0.19.0, #2578). */
const ARGS_DOT_SINCE = '0.19';

/** `ip` (iproute2) builds the networking lessons' sandbox: only those blocks need it (a warning elsewhere). */
const TOOLS = ['clang', 'llvm-strip', 'bpftool', 'bpftrace', 'cc', 'ip'];
const OPTIONAL = new Set(['llvm-strip', 'ip']);

/** The version in bpftrace's `--version` line (`bpftrace v0.17.0` → `0.17.0`), or null. */
export function bpftraceVersion(versionLine: string | null | undefined): string | null {
  return /v?(\d+\.\d+(?:\.\d+)?)/.exec(versionLine ?? '')?.[1] ?? null;
}

export async function toolChecks({ view, distro, root }: CheckContext): Promise<Check[]> {
  return Promise.all(TOOLS.map((n) => toolCheck(view, n, distro, root)));
}

async function toolCheck(view: SystemView, name: string, distro: Distro, root: boolean): Promise<Check> {
  const info = await view.tool(name);
  const needed = !OPTIONAL.has(name);
  if (!info) {
    return {
      id: `tool-${name}`,
      status: needed ? 'fail' : 'warn',
      title: name,
      detail: fill(t['tool.missing'], { name }),
      fix: installCommand(distro, name as Need, root),
    };
  }
  const sentences = [fill(t['tool.found'], { version: info.version ?? t['tool.unknownVersion'], path: info.path })];
  let status: Status = 'ok';
  if (name === 'clang' && info.bpfTarget === false) {
    status = 'fail';
    sentences.push(t['tool.clang.noBpf']);
  }
  if (name === 'bpftrace') {
    const v = bpftraceVersion(info.version);
    if (v) {
      // bpftrace 0.19 made `args` a struct (args.campo); args->campo still works there, silently.
      sentences.push(versionAtLeast(v, ARGS_DOT_SINCE) ? t['tool.bpftrace.dotSyntax'] : t['tool.bpftrace.arrowSyntax']);
    }
  }
  const detail = sentences.join(' ');
  return { id: `tool-${name}`, status, title: name, detail, fix: status === 'ok' ? '' : installCommand(distro, name as Need, root) };
}
