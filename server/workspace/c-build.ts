// Where a C block is compiled: a cache folder per content hash, so that a block
// that did not change is not compiled again. The compile itself runs inside the
// session's pty (see runs/recipes.ts) so that clang's messages stream as they come.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { machine } from 'node:os';
import { join } from 'node:path';

/** libbpf's name for this CPU (`__TARGET_ARCH_…`), from Node's `os.machine()`. */
const TARGET_ARCH: Record<string, string> = {
  x86_64: 'x86',
  aarch64: 'arm64',
  armv7l: 'arm',
  riscv64: 'riscv',
  s390x: 's390',
  ppc64le: 'powerpc',
  ppc64: 'powerpc',
  loongarch64: 'loongarch',
  mips64: 'mips',
};

/**
 * The flags the lessons teach (see docs/kernel-notes.md, Compiling): BTF with -g, the multiarch include,
 * and the CPU for `<bpf/bpf_tracing.h>` (BPF_KPROBE, BPF_KRETPROBE, BPF_KSYSCALL read arguments from this
 * CPU's registers: without `__TARGET_ARCH_…` they do not compile).
 */
export function bpfCflags(): string[] {
  const arch = machine();
  return ['-O2', '-g', '-Wall', '-target', 'bpf', `-I/usr/include/${arch}-linux-gnu`, `-D__TARGET_ARCH_${TARGET_ARCH[arch] ?? arch}`];
}

export interface CBuild {
  dir: string;
  source: string;
  object: string;
  /** The object is already there: no compile needed. */
  cached: boolean;
  /** What the learner would type. */
  display: string;
}

/**
 * A folder of the compile cache (the server's private one: run-dirs.ts) named by the hash of everything
 * that makes its build: flags, file names, sources. Made private (0700) if it is not there yet.
 */
export function cacheFolder(cacheRoot: string, parts: string[]): string {
  const hash = createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
  const dir = join(cacheRoot, hash);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** `cacheRoot` is the server's private cache folder (see run-dirs.ts). */
export function prepareCBuild(code: string, fileName: string, cacheRoot: string, flags: string[] = bpfCflags()): CBuild {
  const dir = cacheFolder(cacheRoot, [flags.join(' '), fileName, code]);
  const object = fileName.replace(/\.c$/, '') + '.o';
  // Written whole and renamed: a compile of the same folder running now (the cache warm-up's, another
  // terminal's) never reads a half-written source.
  const tmp = join(dir, `.${fileName}.${process.pid}.tmp`);
  writeFileSync(tmp, code.endsWith('\n') ? code : code + '\n');
  renameSync(tmp, join(dir, fileName));
  const objPath = join(dir, object);
  const cached = existsSync(objPath) && statSync(objPath).size > 0;
  return {
    dir,
    source: fileName,
    object,
    cached,
    display: `clang ${bpfCflags().join(' ')} -c ${fileName} -o ${object}`,
  };
}

/** Writes one file of the learner's code into a fresh scratch folder (`newScratch`); the caller removes it. */
export function writeScratch(fileName: string, code: string, newScratch: () => string): string {
  const dir = newScratch();
  writeFileSync(join(dir, fileName), code.endsWith('\n') ? code : code + '\n');
  return dir;
}

/** A throw-away build folder for C code the learner edited. */
export function prepareScratchBuild(code: string, fileName: string, newScratch: () => string): CBuild {
  const dir = writeScratch(fileName, code, newScratch);
  const object = fileName.replace(/\.c$/, '') + '.o';
  return { dir, source: fileName, object, cached: false, display: `clang ${bpfCflags().join(' ')} -c ${fileName} -o ${object}` };
}

/**
 * The shell script that compiles and then becomes the runner (a cached object runs the runner directly:
 * runs/recipes.ts). clang writes its output to a temporary file and renames it, so two compiles of the
 * same block at once never leave half an object.
 * Arguments: folder, source, object, runner, N, then N runner options (`--max-events N`, `--set name=value`),
 * then clang's flags. Every one stays one argument ("$@"): no value is ever parsed by the shell.
 */
export const C_RUN_SCRIPT = [
  'cd "$1" || exit 1',
  'src=$2; obj=$3; runner=$4; n=$5; shift 5',
  '(shift "$n"; exec clang "$@" -c "$src" -o "$obj") || exit 1',
  // keep only the first n arguments (the runner's options)
  'i=0; for a; do shift; [ "$i" -lt "$n" ] && set -- "$@" "$a"; i=$((i+1)); done',
  'exec "$runner" --json "$@" "$obj"',
].join('\n');
