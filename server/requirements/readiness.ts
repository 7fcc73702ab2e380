// Can this machine run a given block? The lesson's frontmatter declares what
// the lesson needs; the block's own code adds what it uses (a kprobe, fentry,
// bpftrace, clang…). Both are matched against the checks.
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import type { LessonRequires } from '../runs/table.ts';
import { needsSandbox, usesNetwork } from '../runs/sandbox-needs.ts';
import { atLeast, parseKernelRelease, type Check } from './checks.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { requirements as t } from '../../lib/messages/es/requirements.mjs';

import { versionAtLeast, type Missing, type Readiness } from '../../lib/protocol.ts';

export type { Missing, Readiness };

/** Which known events would make a block print something. */
export function workloadsFor(block: RunnableBlock): Readiness['workloads'] {
  if (block.kind !== 'c' && block.kind !== 'bpftrace' && block.kind !== 'loader' && !/\bbpftrace\s/.test(block.code)) return [];
  // A loader's events come from its BPF program.
  const code = block.bpf?.code ?? block.code;
  const out: Readiness['workloads'] = [];
  if (/execve|sched_process_exec|raw_syscalls/.test(code)) out.push('exec');
  if (/open(at2?)?\b|sys_enter_open/.test(code)) out.push('open');
  if (/_read\b|sys_enter_read|vfs_read/.test(code)) out.push('read');
  if (/unlink/.test(code)) out.push('unlink');
  if (/\bbash:readline\b/.test(code)) out.push('readline');
  // Programs that see packets or connections act on the sandbox's traffic; an LSM on mkdir, on the mkdir workload.
  if (usesNetwork(code)) out.push('ping', 'tcp', 'udp');
  if (/path_mkdir|inode_mkdir|\bmkdir/.test(code)) out.push('mkdir');
  return out;
}

type Need =
  | 'kprobes'
  | 'fentry'
  | 'lsm'
  | 'btf'
  | 'clang'
  | 'bpftool'
  | 'bpftrace'
  | 'privileges'
  | 'tracefs'
  | 'uapi'
  | 'libbpf'
  | 'cc'
  | 'ip'
  | 'tcx';

/** What a block's code itself uses. */
export function needsOf(block: RunnableBlock): Set<Need> {
  const needs = new Set<Need>();
  // A loader needs what its BPF program needs, plus bpftool (gen skeleton) and a C compiler with libbpf.
  const code = block.bpf?.code ?? block.code;
  const bpftraceUse = block.kind === 'bpftrace' || /\bbpftrace\s/.test(code);
  if (block.kind === 'loader') needs.add('bpftool').add('cc');
  if (block.kind === 'c' || block.kind === 'loader') {
    needs.add('clang').add('privileges').add('uapi').add('libbpf');
    if (/SEC\("(k(ret)?probe|ksyscall|kretsyscall)\//.test(code)) needs.add('kprobes');
    if (/SEC\("(fentry|fexit|fmod_ret)\//.test(code)) needs.add('fentry');
    if (/SEC\("lsm\//.test(code)) needs.add('fentry').add('lsm');
    if (/SEC\("tcx\//.test(code)) needs.add('tcx');
    if (/SEC\("tracepoint\/|SEC\("tp\//.test(code)) needs.add('tracefs');
    // The server generates vmlinux.h from the kernel's BTF with bpftool (processes/vmlinux-header.ts).
    if (/vmlinux\.h/.test(code)) needs.add('btf').add('bpftool');
  }
  if (bpftraceUse) {
    needs.add('bpftrace').add('privileges');
    if (/(^|[\s'{;])(kprobe|kretprobe|k|kr):/.test(code)) needs.add('kprobes');
    if (/(^|[\s'{;])(kfunc|kretfunc|fentry|fexit):/.test(code)) needs.add('fentry');
    if (/tracepoint:|(^|[\s'])t:/.test(code)) needs.add('tracefs');
  }
  if (/\bbpftool\s/.test(code)) needs.add('bpftool').add('privileges');
  if (/\bclang\s/.test(code)) needs.add('clang').add('uapi').add('libbpf');
  if (/\bbpftool\s+prog\s+load/.test(code)) needs.add('tracefs');
  // The run's sandbox (two network namespaces and a veth pair) is made with iproute2.
  if (needsSandbox(block)) needs.add('ip').add('privileges');
  return needs;
}

const NEED_CHECKS: Record<Need, string[]> = {
  kprobes: ['config-KPROBES', 'config-KPROBE_EVENTS'],
  fentry: ['function-tracing'],
  lsm: ['config-BPF_LSM'],
  btf: ['btf'],
  clang: ['tool-clang'],
  bpftool: ['tool-bpftool'],
  bpftrace: ['tool-bpftrace'],
  privileges: ['privileges'],
  tracefs: ['tracefs', 'config-BPF_EVENTS'],
  uapi: ['uapi-headers'],
  libbpf: ['libbpf'],
  cc: ['tool-cc'],
  ip: ['tool-ip'],
  tcx: ['tcx'],
};

/** Checks whose warning still blocks the block that needs them (kprobes missing is a warn overall). */
const BLOCKING_WHEN_WARN = new Set([
  'config-KPROBES',
  'config-KPROBE_EVENTS',
  'function-tracing',
  'config-BPF_LSM',
  'btf',
  'tcx',
  'tool-ip',
]);

/** Which kind of thing each check is about. */
function missingKind(id: string): Missing {
  if (id === 'privileges') return 'privileges';
  if (id.startsWith('tool-') || id === 'uapi-headers' || id === 'libbpf') return 'tools';
  if (id === 'tracefs') return 'system';
  return 'kernel';
}

export const MISSING_PREFIX: Record<Missing, string> = {
  kernel: t['readiness.missing.kernel'],
  tools: t['readiness.missing.tools'],
  privileges: t['readiness.missing.privileges'],
  system: t['readiness.missing.system'],
};

/** Kernel reasons in plain words; other checks speak for themselves (detail, fix). */
const KERNEL_REASON: Record<string, string> = {
  'config-KPROBES': t['readiness.kernel.kprobes'],
  'config-KPROBE_EVENTS': t['readiness.kernel.kprobeEvents'],
  'function-tracing': t['readiness.kernel.functionTracing'],
  'config-BPF_LSM': t['readiness.kernel.bpfLsm'],
  btf: t['readiness.kernel.btf'],
  tcx: t['readiness.kernel.tcx'],
};

function reasonFor(c: Check): { kind: Missing; text: string } {
  const kind = missingKind(c.id);
  const why =
    kind === 'privileges'
      ? c.fix
      : kind === 'kernel'
        ? (KERNEL_REASON[c.id] ?? fill(t['readiness.check'], { title: c.title, detail: c.detail }))
        : fill(t[c.fix ? 'readiness.checkWithFix' : 'readiness.check'], { title: c.title, detail: c.detail, fix: c.fix });
  return { kind, text: fill(t['readiness.reason'], { missing: MISSING_PREFIX[kind], why }) };
}

/** The release in the kernel-version check's title ("Kernel <release>"); the title itself when it names none. */
function releaseFromTitle(title: string): string {
  const [before, after = ''] = t['kernel.title'].split('{release}');
  return title.startsWith(before) && title.endsWith(after) ? title.slice(before.length, title.length - after.length) : title;
}

/**
 * Can this machine run the block? `bpftrace` is the installed version (`0.17.0`; null when unknown): a block
 * written for a newer one (`bpftrace-min`) is not ready on an older one, which the lesson gives another form.
 */
export function blockReadiness(
  block: RunnableBlock,
  lesson: LessonRequires | undefined,
  checks: Check[],
  bpftrace: string | null = null,
): Readiness {
  const byId = new Map(checks.map((c) => [c.id, c]));
  const reasons: string[] = [];
  const missing = new Set<Missing>();
  const needs = needsOf(block);
  if (lesson?.btf) needs.add('btf');
  for (const t of lesson?.tools ?? [])
    if (t === 'clang' || t === 'bpftool' || t === 'bpftrace')
      if (needs.has('privileges') || block.kind === 'c' || block.kind === 'loader') needs.add(t);
  for (const need of needs) {
    for (const id of NEED_CHECKS[need]) {
      const c = byId.get(id);
      if (!c) continue;
      if (c.status === 'fail' || (c.status === 'warn' && BLOCKING_WHEN_WARN.has(id))) {
        const r = reasonFor(c);
        reasons.push(r.text);
        missing.add(r.kind);
        break;
      }
    }
  }
  if (block.bpftraceMin && bpftrace && !versionAtLeast(bpftrace, block.bpftraceMin)) {
    const why = fill(t['readiness.bpftraceTooOld'], { need: block.bpftraceMin, have: bpftrace });
    reasons.push(fill(t['readiness.reason'], { missing: MISSING_PREFIX.tools, why }));
    missing.add('tools');
  }
  const kernelCheck = byId.get('kernel-version');
  const kv = kernelCheck ? parseKernelRelease(releaseFromTitle(kernelCheck.title)) : null;
  if (lesson?.kernel && kv && needs.size > 0) {
    const [maj, min] = lesson.kernel.split('.').map(Number);
    if (!atLeast(kv, maj, min)) {
      const why = fill(t['readiness.kernelTooOld'], { need: lesson.kernel, have: kv.release });
      reasons.push(fill(t['readiness.reason'], { missing: MISSING_PREFIX.kernel, why }));
      missing.add('kernel');
    }
  }
  // Privileges first: it is the one thing to fix before anything else can be tried.
  const order = (r: string) => (r.startsWith(MISSING_PREFIX.privileges) ? 0 : 1);
  return {
    ready: reasons.length === 0,
    reasons: [...new Set(reasons)].sort((a, b) => order(a) - order(b)),
    missing: [...missing],
    workloads: workloadsFor(block),
  };
}
