// What makes a code block runnable, shared by the build (remark plugin) and the
// server (which rebuilds the same table from the lesson sources at start).
//
// A lesson marks a block as runnable with a `run="id"` fence meta:
//   ```bash run="contar-syscalls"
// The id is the only thing a page ever sends; the server looks the command up.
import { fill } from '../messages/fill.mjs';
import { lessons as t } from '../messages/es/lessons.mjs';
import { configFromMeta, type ConfigVar } from './config.ts';

export type RunKind = 'shell' | 'bpftrace' | 'c';

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
  /** Global variables the page may set before load (fence meta `config="…"`, lib/lessons/config.ts). */
  config?: ConfigVar[];
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

const RUN_META = /(?:^|\s)run=(?:"([^"]*)"|'([^']*)'|(\S+))/;
const EXPECT_META = /(?:^|\s)expect=(?:"([^"]*)"|'([^']*)')/;
const FILE_META = /(?:^|\s)file=(?:"([^"]*)"|'([^']*)'|(\S+))/;
const SAFE_FILE = /^bpf\/[A-Za-z0-9_.-]+\.(?:bpf\.c|c|h|bt|sh)$/;

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
): RunnableBlock | null {
  const id = runIdFromMeta(meta);
  if (id === null) return null;
  if (!RUN_ID.test(id)) {
    throw new Error(fill(t['block.badId'], { lesson, id }));
  }
  const kind = KIND_BY_LANG[(lang ?? '').toLowerCase()];
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
  const block: RunnableBlock = { id, kind, lang: String(lang), code: code.replace(/\s+$/, ''), lesson, fileName: sourceName(meta) };
  const config = configFromMeta(meta, { lesson, id, kind });
  if (config.length) block.config = config;
  return expect === undefined ? block : { ...block, expect };
}
