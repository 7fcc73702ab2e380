// What makes a code block runnable, shared by the build (remark plugin) and the
// server (which rebuilds the same table from the lesson sources at start).
//
// A lesson marks a block as runnable with a `run="id"` fence meta:
//   ```bash run="contar-syscalls"
// The id is the only thing a page ever sends; the server looks the command up.
import { fill } from '../messages/fill.mjs';
import { lessons as t } from '../messages/es/lessons.mjs';
import { configFromMeta, type ConfigVar } from './config.ts';

/**
 * `loader`: a user-space C program (a fence `c` with `bpf="bpf/x.bpf.c"`) built
 * against the skeleton of its paired BPF program (`bpftool gen skeleton`).
 * `program`: a plain user-space C program (a fence `c` whose file is `x.c`, not
 * `x.bpf.c`, without `bpf=`): compiled with `cc` and run as is (no BPF object, no runner).
 */
export type RunKind = 'shell' | 'bpftrace' | 'c' | 'loader' | 'program';

export interface RunnableBlock {
  id: string;
  kind: RunKind;
  lang: string;
  code: string;
  /** Lesson slug the block belongs to. */
  lesson: string;
  /** For C blocks: the source file name the compiler sees (errors name it). */
  fileName: string;
  /**
   * What running it shows, as a regular expression (fence meta `expect="…"`): the kernel lab
   * (lab/suite.ts) checks the block's output against it in every environment.
   */
  expect?: string;
  /** Loader blocks: the paired BPF program (fence meta `bpf="bpf/x.bpf.c"`), its file name and code. */
  bpf?: { fileName: string; code: string };
  /** The oldest bpftrace that accepts the block's syntax (fence meta `bpftrace-min="0.19"`): readiness says «no disponible» on older ones. */
  bpftraceMin?: string;
  /** Global variables the page may set before load (fence meta `config="…"`, lib/lessons/config.ts). */
  config?: ConfigVar[];
}

/**
 * Alternative forms of one snippet (fence metas `variant="grupo"`, `bpftrace-min="0.19"`,
 * `variant-note="…"`): every fence of a lesson with the same group is one form, and the page shows
 * the form with the newest `bpftrace-min` the learner's bpftrace reaches (a form without it works
 * on every version). Any fence can be a form, runnable or not.
 */
export interface VariantMeta {
  group: string;
  bpftraceMin: string | null;
  /** What this form uses, in a few words (`usa args->filename`), shown above it. */
  note: string | null;
}

const TITLE_META = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)')/;

/** `file="bpf/trace.bpf.c"` or `title="trace.bpf.c"` → `trace.bpf.c`. */
function sourceName(meta: string | null | undefined): string {
  const included = fileFromMeta(meta);
  if (included) return included.split('/').pop()!;
  const t = meta ? TITLE_META.exec(meta) : null;
  const title = t ? (t[1] ?? t[2] ?? '') : '';
  return /^[A-Za-z0-9_.-]+\.c$/.test(title) ? title : 'programa.bpf.c';
}

/** A user-space C file name (`seccomp.c`), not a BPF program's (`x.bpf.c`). */
export const isUserSource = (fileName: string) => /^[A-Za-z0-9_-]+\.c$/.test(fileName) && !fileName.endsWith('.bpf.c');

const RUN_META = /(?:^|\s)run=(?:"([^"]*)"|'([^']*)'|(\S+))/;
const EXPECT_META = /(?:^|\s)expect=(?:"([^"]*)"|'([^']*)')/;
const VARIANT_META = /(?:^|\s)variant=(?:"([^"]*)"|'([^']*)'|(\S+))/;
const BPFTRACE_MIN_META = /(?:^|\s)bpftrace-min=(?:"([^"]*)"|'([^']*)'|(\S+))/;
const VARIANT_NOTE_META = /(?:^|\s)variant-note=(?:"([^"]*)"|'([^']*)')/;
/** A bpftrace version as `bpftrace-min` takes it: major.minor. */
export const BPFTRACE_MIN = /^\d+\.\d+$/;
const FILE_META = /(?:^|\s)file=(?:"([^"]*)"|'([^']*)'|(\S+))/;
const SAFE_FILE = /^bpf\/[A-Za-z0-9_.-]+\.(?:bpf\.c|c|h|bt|sh)$/;
const BPF_META = /(?:^|\s)bpf=(?:"([^"]*)"|'([^']*)'|(\S+))/;
/** A loader's paired BPF program: `bpf/<name>.bpf.c`, a name that makes a C identifier (`<name>_bpf`). */
const SAFE_BPF_FILE = /^bpf\/[A-Za-z_][A-Za-z0-9_]*\.bpf\.c$/;

/** The paired BPF program a loader fence names (`bpf="bpf/x.bpf.c"`), or null. */
export function bpfFileFromMeta(meta: string | null | undefined): string | null {
  if (!meta) return null;
  const m = BPF_META.exec(meta);
  if (!m) return null;
  const f = m[1] ?? m[2] ?? m[3] ?? '';
  if (!SAFE_BPF_FILE.test(f)) throw new Error(fill(t['include.badBpf'], { file: f }));
  return f;
}

/** Returns the repository-relative file a fence includes (`file="bpf/x.bpf.c"`), or null. */
export function fileFromMeta(meta: string | null | undefined): string | null {
  if (!meta) return null;
  const m = FILE_META.exec(meta);
  if (!m) return null;
  const f = m[1] ?? m[2] ?? m[3] ?? '';
  if (!SAFE_FILE.test(f)) {
    throw new Error(fill(t['include.outsideBpf'], { file: f }));
  }
  return f;
}
export const RUN_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

const KIND_BY_LANG: Record<string, RunKind> = {
  bash: 'shell',
  sh: 'shell',
  shell: 'shell',
  console: 'shell',
  bpftrace: 'bpftrace',
  c: 'c',
};

function metaValue(re: RegExp, meta: string | null | undefined): string | null {
  const m = meta ? re.exec(meta) : null;
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

/** The oldest bpftrace a fence needs (`bpftrace-min="0.19"`), or null; a malformed one throws a Spanish error. */
export function bpftraceMinFromMeta(meta: string | null | undefined, lesson: string): string | null {
  const min = metaValue(BPFTRACE_MIN_META, meta);
  if (min !== null && !BPFTRACE_MIN.test(min)) throw new Error(fill(t['block.badBpftraceMin'], { lesson, min }));
  return min;
}

/** The variant group a fence belongs to (`variant="grupo"`), with its version and note; null when it is not a variant. */
export function variantFromMeta(meta: string | null | undefined, lesson: string): VariantMeta | null {
  const group = metaValue(VARIANT_META, meta);
  const bpftraceMin = bpftraceMinFromMeta(meta, lesson);
  if (group === null) return null;
  if (!RUN_ID.test(group)) throw new Error(fill(t['block.badVariant'], { lesson, group }));
  return { group, bpftraceMin, note: metaValue(VARIANT_NOTE_META, meta) };
}

/** Returns the run id declared in a fence's meta string, or null. */
export function runIdFromMeta(meta: string | null | undefined): string | null {
  if (!meta) return null;
  const m = RUN_META.exec(meta);
  if (!m) return null;
  return m[1] ?? m[2] ?? m[3] ?? null;
}

/** Validates one runnable fence and returns its description, or throws a Spanish error. */
export function describeRunnable(
  lang: string | null | undefined,
  meta: string | null | undefined,
  code: string,
  lesson: string,
  bpf?: { fileName: string; code: string },
): RunnableBlock | null {
  const id = runIdFromMeta(meta);
  if (id === null) return null;
  if (!RUN_ID.test(id)) {
    throw new Error(fill(t['block.badId'], { lesson, id }));
  }
  let kind = KIND_BY_LANG[(lang ?? '').toLowerCase()];
  if (bpf) {
    if (kind !== 'c') throw new Error(fill(t['block.loaderNotC'], { lesson, id }));
    kind = 'loader';
  }
  if (!kind) {
    throw new Error(fill(t['block.notRunnable'], { lesson, id, lang: lang ?? '', accepted: Object.keys(KIND_BY_LANG).join(', ') }));
  }
  const e = meta ? EXPECT_META.exec(meta) : null;
  const expect = e ? (e[1] ?? e[2]) : undefined;
  if (expect !== undefined) {
    try {
      new RegExp(expect, 'm');
    } catch {
      throw new Error(fill(t['block.badExpect'], { lesson, id, expect }));
    }
  }
  let block: RunnableBlock = { id, kind, lang: String(lang), code: code.replace(/\s+$/, ''), lesson, fileName: sourceName(meta) };
  if (bpf) {
    if (!/^[A-Za-z0-9_-]+\.c$/.test(block.fileName) || block.fileName.endsWith('.bpf.c')) {
      throw new Error(fill(t['block.loaderFile'], { lesson, id }));
    }
    block = { ...block, bpf };
  } else if (kind === 'c' && isUserSource(block.fileName)) {
    block = { ...block, kind: 'program' };
  }
  if (expect !== undefined) block.expect = expect;
  const bpftraceMin = bpftraceMinFromMeta(meta, lesson);
  if (bpftraceMin !== null) block.bpftraceMin = bpftraceMin;
  const config = configFromMeta(meta, { lesson, id, kind });
  if (config.length) block.config = config;
  return block;
}
