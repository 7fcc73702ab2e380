// Code the learner edited: accepted only for the block kinds that compile or
// run it (C, bpftrace, a loader's user-space C, a plain user-space program),
// within size limits, as text, and (for C) including only system headers — a
// loader also its own skeleton header, which it must include. Every refusal is a
// Spanish sentence.
import type { RunKind } from '../../lib/lessons/runnable.ts';

import { MAX_SOURCE_BYTES } from '../limits.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { terminal } from '../../lib/messages/es/terminal.mjs';

export { MAX_SOURCE_BYTES };

export type SourceVerdict = { ok: true; source: string } | { ok: false; message: string };

const HEADER = /^[A-Za-z0-9_]+(?:\/[A-Za-z0-9_]+)*\.h$/;

/** What the preprocessor sees: line splices joined, comments blanked, digraphs spelled out. */
function preprocessorView(src: string): string {
  return src
    .replace(/\\\r?\n/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, '')
    .replace(/%:/g, '#')
    .replace(/\?\?=/g, '#');
}

/**
 * `skeleton`: for a loader, the one local header it may (and must) include, as
 * `#include "execsnoop.skel.h"`.
 */
export function validateLearnerSource(kind: RunKind, source: unknown, skeleton?: string): SourceVerdict {
  if (kind !== 'c' && kind !== 'bpftrace' && kind !== 'loader' && kind !== 'program') {
    return { ok: false, message: terminal['source.notEditable'] };
  }
  if (typeof source !== 'string') return { ok: false, message: terminal['source.notText'] };
  const bytes = Buffer.byteLength(source, 'utf8');
  const max = MAX_SOURCE_BYTES[kind === 'bpftrace' ? 'bpftrace' : 'c'];
  if (bytes > max) {
    return {
      ok: false,
      message: fill(terminal['source.tooLarge'], { size: Math.ceil(bytes / 1024), max: max / 1024 }),
    };
  }
  if (source.trim() === '') return { ok: false, message: terminal['source.empty'] };
  // Binary garbage: NUL and other control characters, or bytes that were not UTF-8 (U+FFFD).
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.test(source)) {
    return { ok: false, message: terminal['source.binary'] };
  }
  if (kind === 'c' || kind === 'loader' || kind === 'program') {
    const view = preprocessorView(source);
    let includesSkeleton = false;
    for (const m of view.matchAll(/^[ \t]*#[ \t]*(include|include_next|import|embed)\b[ \t]*(.*)$/gm)) {
      const [, directive, rest] = m;
      const target = /^(?:<([^>]*)>|"([^"]*)")/.exec(rest.trim());
      const name = target?.[1] ?? target?.[2];
      if (kind === 'loader' && directive === 'include' && target?.[2] !== undefined && name === skeleton) {
        includesSkeleton = true;
        continue;
      }
      if (directive !== 'include' || !name || !HEADER.test(name) || name.includes('..')) {
        return {
          ok: false,
          message: fill(terminal['source.include'], { directive, rest: rest.trim().slice(0, 60) }),
        };
      }
    }
    // The include targets were checked above: `<asm/unistd.h>` names a system header, not inline assembly.
    const code = view.replace(/^([ \t]*#[ \t]*include[ \t]*)(?:<[^>]*>|"[^"]*")/gm, '$1');
    if (/\b(asm|__asm__|__asm)\b|\.incbin|__has_include|_Pragma/.test(code)) {
      return { ok: false, message: terminal['source.asm'] };
    }
    if (kind === 'loader' && !includesSkeleton) {
      return { ok: false, message: fill(terminal['source.loaderSkeleton'], { skeleton: skeleton ?? '' }) };
    }
  }
  return { ok: true, source };
}
