// Where a loader block is built: its BPF program, the skeleton bpftool generates
// from the object, and the user-space program compiled against it, all in one
// private folder (a cache by content hash for lesson code, a scratch folder for
// edited code). The build itself runs in the session's pty (runs/recipes.ts) so
// that the compilers' messages stream as they come; the script then becomes the
// learner's program (`exec`), in the run's process group and cgroup.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bpfCflags, cacheFolder } from './c-build.ts';

/** The user-space compile: what libbpf-bootstrap uses, linked with libbpf only (libelf and zlib come with it). */
export const USER_CFLAGS = ['-O2', '-g', '-Wall'];
export const USER_LIBS = ['-lbpf'];

/** The names a loader's build uses, from its BPF program's file name (`execsnoop.bpf.c`) and its own (`execsnoop.c`). */
export interface LoaderNames {
  bpfSource: string;
  object: string;
  /** The header the loader includes: `execsnoop.skel.h`. */
  skeleton: string;
  /** The skeleton's name (`bpftool gen skeleton … name X`): `execsnoop_bpf` → `struct execsnoop_bpf`, `execsnoop_bpf__open()`. */
  name: string;
  source: string;
  binary: string;
}

export function loaderNames(bpfFileName: string, fileName: string): LoaderNames {
  const base = bpfFileName.replace(/\.bpf\.c$/, '');
  return {
    bpfSource: bpfFileName,
    object: `${base}.bpf.o`,
    skeleton: `${base}.skel.h`,
    name: `${base}_bpf`,
    source: fileName,
    binary: fileName.replace(/\.c$/, ''),
  };
}

export interface LoaderBuild {
  dir: string;
  names: LoaderNames;
  /** The program is already built: nothing to compile. */
  cached: boolean;
  /** What the learner would type. */
  display: string;
}

const ensureNewline = (code: string) => (code.endsWith('\n') ? code : code + '\n');

function writeSources(dir: string, names: LoaderNames, bpfCode: string, code: string): void {
  writeFileSync(join(dir, names.bpfSource), ensureNewline(bpfCode));
  writeFileSync(join(dir, names.source), ensureNewline(code));
}

/** The commands as a learner types them (the page shows this line). */
export function loaderDisplay(n: LoaderNames): string {
  return [
    `clang ${bpfCflags().join(' ')} -c ${n.bpfSource} -o ${n.object}`,
    `bpftool gen skeleton ${n.object} name ${n.name} > ${n.skeleton}`,
    `cc ${USER_CFLAGS.join(' ')} ${n.source} -o ${n.binary} ${USER_LIBS.join(' ')}`,
    `sudo ./${n.binary}`,
  ].join(' && ');
}

/**
 * A lesson's loader: a folder of the compile cache named by the hash of everything
 * that goes into the program (flags, both sources, their names).
 */
export function prepareLoaderBuild(
  bpf: { fileName: string; code: string },
  fileName: string,
  code: string,
  cacheRoot: string,
  flags: string[],
): LoaderBuild {
  const names = loaderNames(bpf.fileName, fileName);
  const dir = cacheFolder(cacheRoot, [
    'loader',
    flags.join(' '),
    USER_CFLAGS.concat(USER_LIBS).join(' '),
    bpf.fileName,
    bpf.code,
    fileName,
    code,
  ]);
  writeSources(dir, names, bpf.code, code);
  const bin = join(dir, names.binary);
  const cached = existsSync(bin) && statSync(bin).size > 0;
  return { dir, names, cached, display: loaderDisplay(names) };
}

/** The learner's edited loader: a fresh scratch folder (`newScratch`) the session removes afterwards. */
export function prepareScratchLoader(
  bpf: { fileName: string; code: string },
  fileName: string,
  code: string,
  newScratch: () => string,
): LoaderBuild {
  const names = loaderNames(bpf.fileName, fileName);
  const dir = newScratch();
  writeSources(dir, names, bpf.code, code);
  return { dir, names, cached: false, display: loaderDisplay(names) };
}

/**
 * The shell script that builds when needed and then becomes the program. Each
 * stage writes to a temporary name and renames it, so a failed or interrupted
 * build never leaves a half file that a later run would take as built; a stage
 * that fails prints its Spanish sentence (arguments 9–11) and exits 1.
 *
 *   $1 folder  $2 bpf source  $3 object  $4 skeleton  $5 skeleton name  $6 source  $7 binary
 *   $8 user-space flags (space separated)  $9–$11 messages  $12… clang flags
 */
export const LOADER_RUN_SCRIPT = [
  'cd "$1" || exit 1',
  'bpfsrc=$2; obj=$3; skel=$4; name=$5; src=$6; bin=$7; userflags=$8; msg_bpf=$9; msg_skel=${10}; msg_cc=${11}; shift 11',
  'fail() { printf \'\\033[1;31m%s\\033[0m\\n\' "$1"; exit 1; }',
  'if [ ! -s "$bin" ]; then',
  '  rm -f "$obj" "$skel"',
  '  clang "$@" -c "$bpfsrc" -o "$obj.tmp" || fail "$msg_bpf"',
  '  mv "$obj.tmp" "$obj"',
  '  bpftool gen skeleton "$obj" name "$name" > "$skel.tmp" || fail "$msg_skel"',
  '  mv "$skel.tmp" "$skel"',
  `  cc $userflags "$src" -o "$bin.tmp" ${USER_LIBS.join(' ')} || fail "$msg_cc"`,
  '  mv "$bin.tmp" "$bin"',
  'fi',
  'exec "./$bin"',
].join('\n');
