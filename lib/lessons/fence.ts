// A lesson fence as both the build (src/lib/remark-runnable.ts) and the server
// (server/runs/table.ts) read it.
import { readFileSync } from 'node:fs';
import { bpfFileFromMeta, describeRunnable, fileFromMeta } from './runnable.ts';
import { fill } from '../messages/fill.mjs';
import { lessons as t } from '../messages/es/lessons.mjs';

const ROOT = new URL('../../', import.meta.url);

/** Reads a `file="bpf/…"` include; a missing file fails the build with its name. */
export function readIncluded(file: string, lesson: string): string {
  try {
    return readFileSync(new URL(file, ROOT), 'utf8').replace(/\s+$/, '');
  } catch {
    throw new Error(fill(t['include.missing'], { lesson, file }));
  }
}

/**
 * A fence as both the build and the server read it: its code (with a
 * `file="bpf/…"` include resolved) and, when it is marked `run="id"`, its block.
 */
export function readFence(lang: string | null | undefined, meta: string | null | undefined, value: string, lesson: string) {
  const included = fileFromMeta(meta);
  const code = included ? readIncluded(included, lesson) : value;
  // A loader (user-space C) names its BPF program: `bpf="bpf/x.bpf.c"`.
  const bpfFile = bpfFileFromMeta(meta);
  const bpf = bpfFile ? { fileName: bpfFile.split('/').pop()!, code: readIncluded(bpfFile, lesson) } : undefined;
  return { code, block: describeRunnable(lang, meta, code, lesson, bpf) };
}
