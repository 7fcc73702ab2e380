// Where a C block is compiled: a cache folder per content hash, so that a block
// that did not change is not compiled again. The compile itself runs inside the
// session's pty (see runs/recipes.ts) so that clang's messages stream as they come.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { machine, tmpdir } from 'node:os';
import { join } from 'node:path';

export const CACHE_NAME = 'taller-ebpf-cache';

/** The flags the lessons teach (see KERNEL-NOTES.md): BTF with -g, the multiarch include. */
export function bpfCflags(): string[] {
  return ['-O2', '-g', '-Wall', '-target', 'bpf', `-I/usr/include/${machine()}-linux-gnu`];
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

export function prepareCBuild(code: string, fileName: string, cacheRoot = join(tmpdir(), CACHE_NAME)): CBuild {
  const flags = bpfCflags();
  const hash = createHash('sha256').update(flags.join(' ')).update('\0').update(fileName).update('\0').update(code).digest('hex').slice(0, 32);
  const dir = join(cacheRoot, hash);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const object = fileName.replace(/\.c$/, '') + '.o';
  writeFileSync(join(dir, fileName), code.endsWith('\n') ? code : code + '\n');
  const objPath = join(dir, object);
  const cached = existsSync(objPath) && statSync(objPath).size > 0;
  return {
    dir,
    source: fileName,
    object,
    cached,
    display: `clang ${flags.join(' ')} -c ${fileName} -o ${object}`,
  };
}

/** A throw-away folder holding one file of the learner's code; the caller removes it. */
export function writeScratch(fileName: string, code: string): string {
  const dir = mkdtempSync(join(tmpdir(), SCRATCH_PREFIX));
  writeFileSync(join(dir, fileName), code.endsWith('\n') ? code : code + '\n');
  return dir;
}

/** A throw-away build folder for C code the learner edited. */
export function prepareScratchBuild(code: string, fileName: string): CBuild {
  const dir = writeScratch(fileName, code);
  const object = fileName.replace(/\.c$/, '') + '.o';
  const flags = bpfCflags();
  return { dir, source: fileName, object, cached: false, display: `clang ${flags.join(' ')} -c ${fileName} -o ${object}` };
}

export const SCRATCH_PREFIX = 'taller-ebpf-scratch-';

/** The shell script that compiles when needed (atomically) and then becomes the runner. */
export const C_RUN_SCRIPT = [
  'cd "$1" || exit 1',
  'src=$2; obj=$3; runner=$4; sudo=$5; shift 5',
  'if [ ! -s "$obj" ]; then',
  '  clang "$@" -c "$src" -o "$obj.tmp" || exit 1',
  '  mv "$obj.tmp" "$obj"',
  'fi',
  'if [ "$sudo" = sudo ]; then exec sudo "$runner" --json "$obj"; fi',
  'exec "$runner" --json "$obj"',
].join('\n');
