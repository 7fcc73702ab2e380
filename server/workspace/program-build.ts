// Where a program block is built: a plain user-space C program (no BPF object, no
// runner) compiled with `cc` in a private folder (a cache by content hash for lesson
// code, a scratch folder for edited code). The compile runs in the session's pty
// (runs/recipes.ts) so that the compiler's messages stream as they come; the script
// then becomes the program (`exec`), in the run's process group and cgroup.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheFolder } from './c-build.ts';

/** The user-space compile: the same flags as a loader's, linked with the C library only. */
export const PROGRAM_CFLAGS = ['-O2', '-g', '-Wall'];

export interface ProgramBuild {
  dir: string;
  source: string;
  binary: string;
  /** The program is already built: nothing to compile. */
  cached: boolean;
  /** What the learner would type. */
  display: string;
}

const binaryOf = (fileName: string) => fileName.replace(/\.c$/, '');

/** The commands as a learner types them (the page shows this line). */
export function programDisplay(fileName: string): string {
  const bin = binaryOf(fileName);
  return `cc ${PROGRAM_CFLAGS.join(' ')} ${fileName} -o ${bin} && sudo ./${bin}`;
}

const ensureNewline = (code: string) => (code.endsWith('\n') ? code : code + '\n');

/** A lesson's program: a folder of the compile cache named by the hash of its flags, name and code. */
export function prepareProgramBuild(code: string, fileName: string, cacheRoot: string): ProgramBuild {
  const dir = cacheFolder(cacheRoot, ['program', PROGRAM_CFLAGS.join(' '), fileName, code]);
  writeFileSync(join(dir, fileName), ensureNewline(code));
  const binary = binaryOf(fileName);
  const bin = join(dir, binary);
  const cached = existsSync(bin) && statSync(bin).size > 0;
  return { dir, source: fileName, binary, cached, display: programDisplay(fileName) };
}

/** The learner's edited program: a fresh scratch folder (`newScratch`) the session removes afterwards. */
export function prepareScratchProgram(code: string, fileName: string, newScratch: () => string): ProgramBuild {
  const dir = newScratch();
  writeFileSync(join(dir, fileName), ensureNewline(code));
  return { dir, source: fileName, binary: binaryOf(fileName), cached: false, display: programDisplay(fileName) };
}

/**
 * The shell script that compiles when needed and then becomes the program. The
 * compiler writes to a temporary name that is renamed once complete, so a failed or
 * interrupted build never leaves a half binary that a later run would take as built;
 * a failed compile prints its Spanish sentence ($5) and exits 1.
 *
 *   $1 folder  $2 source  $3 binary  $4 flags (space separated)  $5 message
 */
export const PROGRAM_RUN_SCRIPT = [
  'cd "$1" || exit 1',
  'src=$2; bin=$3; flags=$4; msg_cc=$5',
  'if [ ! -s "$bin" ]; then',
  `  cc $flags "$src" -o "$bin.tmp" || { printf '\\033[1;31m%s\\033[0m\\n' "$msg_cc"; exit 1; }`,
  '  mv "$bin.tmp" "$bin"',
  'fi',
  'exec "./$bin"',
].join('\n');
