// Blocks that need another one first: a shell block that reads a map or a
// program by name (`bpftool map dump name my_map`, `bpftool prog show name f`)
// needs the C block that defines it to be running; one that reads a pin
// (`/sys/fs/bpf/trace`) needs the shell block that creates it. Derived from the
// run table, so that a failing block can say which one to run first.
import { existsSync } from 'node:fs';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import type { RunTable } from './table.ts';

export type Need = { kind: 'map' | 'prog' | 'pin'; name: string };

export interface MissingNeed {
  need: Need;
  /** The block that provides it. */
  provider: RunnableBlock;
}

/** Kernel object names are cut to 15 characters (BPF_OBJ_NAME_LEN). */
const KERNEL_NAME = 15;
const sameName = (a: string, b: string) =>
  a === b || (a.length >= KERNEL_NAME && b.length >= KERNEL_NAME && a.slice(0, KERNEL_NAME) === b.slice(0, KERNEL_NAME));

const withoutComments = (code: string) => code.replace(/(^|\s)#.*$/gm, '$1');

const PIN = /\/sys\/fs\/bpf\/[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*/g;
/** bpftool commands that create the pin named last on their line. */
const PIN_MAKER = /\bbpftool\s+(?:-\S+\s+)*(?:prog\s+load(?:all)?|(?:prog|map|link)\s+pin)\b/;

/** What a shell block reads by name: maps, programs, pins. */
export function needsOf(block: RunnableBlock): Need[] {
  if (block.kind !== 'shell') return [];
  const out: Need[] = [];
  for (const line of withoutComments(block.code).split('\n')) {
    if (!/\bbpftool\b/.test(line) || PIN_MAKER.test(line)) continue;
    // Names may hold dots: a global variables' section is the map «<object>.rodata» (or .data, .bss).
    for (const m of line.matchAll(/\bbpftool\s+(?:-\S+\s+)*(map|prog)\s+\w+\s+(?:[\w-]+\s+)*?name\s+([A-Za-z_][\w.]*)/g)) {
      out.push({ kind: m[1] as 'map' | 'prog', name: m[2] });
    }
    for (const m of line.matchAll(PIN)) out.push({ kind: 'pin', name: m[0] });
  }
  return out;
}

/** What a block makes exist while (or after) it runs. */
export function providesOf(block: RunnableBlock): Need[] {
  const out: Need[] = [];
  if (block.kind === 'c') {
    const code = block.code.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/.*$/gm, '');
    // BTF-defined maps: `struct { … } my_map SEC(".maps");`; legacy: `struct bpf_map_def SEC("maps") my_map`.
    for (const m of code.matchAll(/\b([A-Za-z_]\w*)\s+SEC\(\s*"\.maps"\s*\)/g)) out.push({ kind: 'map', name: m[1] });
    for (const m of code.matchAll(/SEC\(\s*"maps"\s*\)\s*([A-Za-z_]\w*)/g)) out.push({ kind: 'map', name: m[1] });
    // Global variables: libbpf makes one array map per data section, named after the object
    // (the file name up to its first dot, cut so that the whole name fits in 15 characters).
    if (/^(?:static\s+)?(?:const\s+)?(?:volatile\s+)?(?:const\s+)?[A-Za-z_][\w ]*?[\s*]\w+\s*(?:\[[^\]]*\])?\s*(?:=[^;(]*)?;/m.test(code)) {
      const object = block.fileName.split('.')[0];
      for (const sec of ['.rodata', '.data', '.bss']) out.push({ kind: 'map', name: object.slice(0, 15 - sec.length) + sec });
    }
    // Programs: the function after a SEC("…") that is not a map or the licence.
    for (const m of code.matchAll(
      /SEC\(\s*"([^"]*)"\s*\)\s*((?:[\w*]+\s+)*?)(?:(?:BPF_PROG|BPF_KPROBE|BPF_KRETPROBE|BPF_KSYSCALL|BPF_UPROBE|BPF_URETPROBE)\s*\(\s*)?([A-Za-z_]\w*)\s*\(/g,
    )) {
      if (!/^\.?maps$|^license$|^version$/.test(m[1])) out.push({ kind: 'prog', name: m[3] });
    }
  } else if (block.kind === 'shell') {
    for (const line of withoutComments(block.code).split('\n')) {
      if (!PIN_MAKER.test(line)) continue;
      const pins = [...line.matchAll(PIN)];
      if (pins.length) out.push({ kind: 'pin', name: pins.at(-1)![0] });
    }
  }
  return out;
}

const provides = (block: RunnableBlock, need: Need) =>
  providesOf(block).some((p) => p.kind === need.kind && (need.kind === 'pin' ? p.name === need.name : sameName(p.name, need.name)));

export interface NeedContext {
  /** Ids of the blocks running now (in any terminal). */
  running: ReadonlySet<string>;
  /** Does this bpffs path exist? (Injectable for tests.) */
  exists?: (path: string) => boolean;
}

/**
 * Why a block that failed may have failed: something it reads by name that no
 * running block provides (maps, programs) or that does not exist (pins), and
 * the block to run first — the nearest one before it in the lessons, else the
 * first after it. Null when nothing is missing, or nothing in the lessons provides it.
 */
export function missingNeed(block: RunnableBlock, table: RunTable, ctx: NeedContext): MissingNeed | null {
  const exists = ctx.exists ?? existsSync;
  const all = [...table.values()];
  const here = all.findIndex((b) => b.id === block.id);
  for (const need of needsOf(block)) {
    const providers = all.filter((b) => b.id !== block.id && provides(b, need));
    if (providers.length === 0) continue;
    if (need.kind === 'pin' ? exists(need.name) : providers.some((p) => ctx.running.has(p.id))) continue;
    const before = providers.filter((p) => all.indexOf(p) < here);
    const provider = before.at(-1) ?? providers.find((p) => all.indexOf(p) > here) ?? providers[0];
    return { need, provider };
  }
  return null;
}

/** How the learner recognises a block: a C block by its file, a shell block by the command that matters. */
export function blockLabel(block: RunnableBlock, need?: Need): string {
  if (block.kind === 'c') return block.fileName;
  const lines = withoutComments(block.code)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const key = need?.kind === 'pin' ? lines.find((l) => PIN_MAKER.test(l) && l.includes(need.name)) : undefined;
  const line = key ?? lines[0] ?? block.id;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
