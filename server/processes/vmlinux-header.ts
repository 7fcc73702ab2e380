// vmlinux.h for C blocks: every type of the running kernel, generated from its
// BTF (`bpftool btf dump file /sys/kernel/btf/vmlinux format c`) and precompiled
// once with the lessons' flags, so that `#include "vmlinux.h"` works in lesson
// blocks, edited code, exercises and the live diagnostics.
//
// Cache key: the SHA-256 of /sys/kernel/btf/vmlinux itself (5 MB, ~15 ms to hash,
// once per boot: the key is remembered in the cache with the boot id). The BTF describes exactly the kernel that is running, so it
// changes whenever the kernel does (a new build, an update, another config), and
// only then; a release string (`uname -r`) can stay the same across rebuilds.
// The precompiled header also depends on clang and the flags: its name carries a
// hash of both. Both files live in the server's private compile cache
// (`<cache>/vmlinux-<key>/`), written to a temporary name and renamed, so two
// compiles at once never see half a file. See docs/kernel-notes.md, vmlinux.h.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_PATH } from './short-run.ts';
import { bpfCflags } from '../workspace/c-build.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { terminal } from '../../lib/messages/es/terminal.mjs';

export const BTF_PATH = '/sys/kernel/btf/vmlinux';
export const HEADER_NAME = 'vmlinux.h';

/** Does this C source include vmlinux.h (as "vmlinux.h" or <vmlinux.h>)? */
export function usesVmlinux(code: string): boolean {
  return /^[ \t]*#[ \t]*include[ \t]*["<]vmlinux\.h[">]/m.test(code);
}

export type VmlinuxResult =
  | { ok: true; dir: string; header: string; pch: string | null; generated: boolean }
  | { ok: false; reason: 'btf' | 'bpftool' | 'failed'; detail: string };

const keys = new Map<string, string>();

/** Changes at every boot; the running kernel's BTF cannot change without one. */
const BOOT_ID = '/proc/sys/kernel/random/boot_id';
/** In the compile cache: the running kernel's key for this boot (saves hashing 5 MB at each server start). */
const KEY_MEMO = 'kernel-key.json';

function readMemo(cacheRoot: string, boot: string, size: number): string | null {
  try {
    const m = JSON.parse(readFileSync(join(cacheRoot, KEY_MEMO), 'utf8')) as { boot?: unknown; size?: unknown; key?: unknown };
    return m.boot === boot && m.size === size && typeof m.key === 'string' && /^[0-9a-f]{24}$/.test(m.key) ? m.key : null;
  } catch {
    return null;
  }
}

function writeMemo(cacheRoot: string, boot: string, size: number, key: string): void {
  const file = join(cacheRoot, KEY_MEMO);
  const tmp = tmpName(file);
  try {
    writeFileSync(tmp, JSON.stringify({ boot, size, key }), { mode: 0o600, flag: 'wx' });
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/**
 * The cache key of the running kernel: the hash of its BTF (null without BTF). With `cacheRoot`, the
 * key of the running kernel's own BTF is remembered there for the current boot (a server started
 * again on the same boot does not hash it again).
 */
export function kernelKey(btfPath = BTF_PATH, cacheRoot?: string): string | null {
  const known = keys.get(btfPath);
  if (known) return known;
  if (!existsSync(btfPath)) return null;
  let boot: string | null = null;
  let size = 0;
  if (cacheRoot && btfPath === BTF_PATH) {
    try {
      boot = readFileSync(BOOT_ID, 'utf8').trim();
      size = statSync(btfPath).size;
    } catch {
      boot = null;
    }
    const memo = boot ? readMemo(cacheRoot, boot, size) : null;
    if (memo) {
      keys.set(btfPath, memo);
      return memo;
    }
  }
  const key = createHash('sha256').update(readFileSync(btfPath)).digest('hex').slice(0, 24);
  keys.set(btfPath, key);
  if (boot && cacheRoot) writeMemo(cacheRoot, boot, size, key);
  return key;
}

/** The folder that holds (or will hold) vmlinux.h for this kernel: what every C compile gets as `-I`. */
export function vmlinuxDir(cacheRoot: string, btfPath = BTF_PATH): string | null {
  const key = kernelKey(btfPath, cacheRoot);
  return key ? join(cacheRoot, `vmlinux-${key}`) : null;
}

let clangId: string | null = null;
function clangVersion(): string {
  if (clangId === null) {
    try {
      clangId = execFileSync('clang', ['--version'], { encoding: 'utf8', env: { PATH: SYSTEM_PATH }, timeout: 10_000 });
    } catch {
      clangId = '';
    }
  }
  return clangId;
}

/** The precompiled header's name: one per clang version and flag set. */
export function pchName(flags: string[]): string {
  const h = createHash('sha256').update(clangVersion()).update('\0').update(flags.join(' ')).digest('hex').slice(0, 12);
  return `${HEADER_NAME}-${h}.pch`;
}

function nonEmptyFile(p: string): boolean {
  try {
    const st = lstatSync(p);
    return st.isFile() && st.size > 0;
  } catch {
    return false;
  }
}

/** A private folder of ours (0700, a real directory, not a symlink). */
function ensureOwnDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  if (st.isSymbolicLink() || !st.isDirectory()) throw new Error(`${dir} is not a directory`);
}

const tmpName = (p: string) => `${p}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.tmp`;

/**
 * vmlinux.h (and its precompiled form for `flags`) for the running kernel, generated
 * when missing. Synchronous: the first CO-RE compile on a kernel waits ~1.5 s, every
 * later one finds both files. A failed precompile leaves `pch: null` (plain include).
 */
export function ensureVmlinux(cacheRoot: string, flags: string[], btfPath = BTF_PATH): VmlinuxResult {
  const dir = vmlinuxDir(cacheRoot, btfPath);
  if (!dir) return { ok: false, reason: 'btf', detail: btfPath };
  const header = join(dir, HEADER_NAME);
  let generated = false;
  try {
    ensureOwnDir(dir);
    if (!nonEmptyFile(header)) {
      const tmp = tmpName(header);
      try {
        const text = execFileSync('bpftool', ['btf', 'dump', 'file', btfPath, 'format', 'c'], {
          env: { PATH: SYSTEM_PATH },
          maxBuffer: 256 * 1024 * 1024,
          timeout: 60_000,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        writeFileSync(tmp, text, { mode: 0o644, flag: 'wx' });
        renameSync(tmp, header);
        generated = true;
      } catch (err) {
        rmSync(tmp, { force: true });
        const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
        if (e.code === 'ENOENT') return { ok: false, reason: 'bpftool', detail: 'bpftool' };
        return { ok: false, reason: 'failed', detail: (e.stderr?.toString() || e.message).trim().slice(0, 500) };
      }
    }
  } catch (err) {
    return { ok: false, reason: 'failed', detail: (err as Error).message };
  }
  const pch = join(dir, pchName(flags));
  // A header newer than its PCH (regenerated) makes clang refuse the PCH: build it again.
  const pchFresh = nonEmptyFile(pch) && statSync(pch).mtimeMs >= statSync(header).mtimeMs;
  if (!pchFresh) {
    const tmp = tmpName(pch);
    try {
      execFileSync('clang', [...flags, '-x', 'c-header', header, '-o', tmp], {
        env: { PATH: SYSTEM_PATH },
        timeout: 120_000,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      renameSync(tmp, pch);
    } catch {
      rmSync(tmp, { force: true });
      return { ok: true, dir, header, pch: null, generated };
    }
  }
  return { ok: true, dir, header, pch, generated };
}

/** The extra clang flags for one compile: `-I` the header's folder, and its PCH when the source includes it. */
export function vmlinuxFlags(v: VmlinuxResult | null, dir: string | null, includes: boolean): string[] {
  const out: string[] = [];
  const d = v?.ok ? v.dir : dir;
  if (d) out.push(`-I${d}`);
  if (includes && v?.ok && v.pch) out.push('-include-pch', v.pch);
  return out;
}

export type CFlags = { ok: true; flags: string[] } | { ok: false; message: string };

/**
 * The flags of one C compile: the lessons' flags, `-I` the folder of this kernel's
 * vmlinux.h (every compile), and its precompiled header when the code includes it
 * (generated on first use; see vmlinux-header.ts). Without BTF, code that includes
 * vmlinux.h gets a Spanish reason instead.
 */
export function cCompileFlags(code: string, cacheRoot: string, btfPath = BTF_PATH): CFlags {
  const base = bpfCflags();
  if (!usesVmlinux(code)) return { ok: true, flags: [...base, ...vmlinuxFlags(null, vmlinuxDir(cacheRoot, btfPath), false)] };
  const v = ensureVmlinux(cacheRoot, base, btfPath);
  if (!v.ok) {
    const key = v.reason === 'btf' ? 'vmlinux.noBtf' : v.reason === 'bpftool' ? 'vmlinux.noBpftool' : 'vmlinux.failed';
    return { ok: false, message: fill(terminal[key], { path: btfPath, detail: v.detail }) };
  }
  return { ok: true, flags: [...base, ...vmlinuxFlags(v, v.dir, true)] };
}
