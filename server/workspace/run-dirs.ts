// This server's own folders, created fresh at start inside the private base
// (see private-dir.mjs) and removed at exit:
//   <base>/<pid>-XXXXXX/
//     trabajo/   the folder lesson commands run in (copies of bpf/ sources and objects)
//     cache/     compiled lesson blocks, by content hash
//     scratch-*  one per edited-code run (mkdtemp)
//     bin/sudo   lets lessons' `sudo …` work as written in every terminal
// Nothing lives at a fixed name in a shared folder, and two servers on one machine
// never share a file. A server that died leaves its folder; the next start removes it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateBase } from './private-dir.mjs';
import { isAlive } from '../proc.ts';
import { setup as t } from '../../lib/messages/es/setup.mjs';

export interface RunDirs {
  root: string;
  work: string;
  cache: string;
  /** Put first in PATH of every command. */
  bin: string;
  /** A fresh scratch folder (the caller removes it). */
  scratch(): string;
  /**
   * Records the lesson pins this server's learner may be using (they exist after one of its runs), so
   * that another workshop server on the machine does not remove them as leftovers.
   */
  claimPins(pins: string[]): void;
  /** Pins claimed by other workshop servers that are still running. */
  pinsOfOthers(): Set<string>;
  remove(): void;
}

const OWNED = /^(\d+)-[A-Za-z0-9]{6}$/;

/**
 * `sudo` inside the workshop. When the server is root, `sudo cmd` runs `cmd`
 * (whether or not the sudo binary exists). Otherwise it refuses with the same
 * Spanish explanation the page shows: a password is never asked in the page.
 */
function sudoShim(root: boolean, refusal: string): string {
  const quoted = refusal.replace(/'/g, `'\\''`);
  return root
    ? [
        '#!/bin/sh',
        '# The workshop already runs as root: run the command as written.',
        'while [ $# -gt 0 ]; do',
        '  case "$1" in',
        '    -E|-H|-n|-S|-k|--preserve-env|--preserve-env=*|--non-interactive) shift ;;',
        '    --) shift; break ;;',
        `    -*) echo "${t['sudoShim.option']} $1" >&2; exit 1 ;;`,
        '    *) break ;;',
        '  esac',
        'done',
        `[ $# -gt 0 ] || { echo "${t['sudoShim.usage']}" >&2; exit 1; }`,
        'exec "$@"',
        '',
      ].join('\n')
    : ['#!/bin/sh', `echo '${quoted}' >&2`, 'exit 1', ''].join('\n');
}

export function createRunDirs(opts: { bpfDir: string; root: boolean; sudoRefusal: string; base?: string | null }): RunDirs {
  const base = opts.base === undefined ? privateBase() : opts.base;
  if (base) removeStale(base);
  const root = mkdtempSync(base ? join(base, `${process.pid}-`) : join(tmpdir(), `taller-ebpf-${process.pid}-`));
  const work = join(root, 'trabajo');
  const cache = join(root, 'cache');
  const bin = join(root, 'bin');
  for (const d of [work, cache, bin]) mkdirSync(d, { mode: 0o700 });
  writeFileSync(join(bin, 'sudo'), sudoShim(opts.root, opts.sudoRefusal), { mode: 0o755 });
  copyLessonFiles(opts.bpfDir, work);
  return {
    root,
    work,
    cache,
    bin,
    scratch: () => mkdtempSync(join(root, 'scratch-')),
    claimPins: (pins) => writeFileSync(join(root, PINS_FILE), JSON.stringify(pins)),
    pinsOfOthers: () => (base ? claimsOfOthers(base) : new Set()),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The lesson's sources (trace.bpf.c …) and the objects `make -C bpf` built from them. */
function copyLessonFiles(bpfDir: string, work: string): void {
  for (const f of readdirSync(bpfDir)) {
    if (/\.(bpf\.c|h|bt)$/.test(f)) cpSync(join(bpfDir, f), join(work, f));
  }
  const built = join(bpfDir, '.output');
  if (existsSync(built)) {
    for (const f of readdirSync(built)) if (f.endsWith('.bpf.o')) cpSync(join(built, f), join(work, f));
  }
}

const PINS_FILE = 'pins.json';

function claimsOfOthers(base: string): Set<string> {
  const out = new Set<string>();
  for (const name of readdirSync(base)) {
    const pid = Number(OWNED.exec(name)?.[1]);
    if (!pid || pid === process.pid || !isAlive(pid)) continue;
    try {
      for (const p of JSON.parse(readFileSync(join(base, name, PINS_FILE), 'utf8')) as unknown[]) if (typeof p === 'string') out.add(p);
    } catch {
      /* no claims yet */
    }
  }
  return out;
}

/** Folders of servers that are gone. The base is private, so everything in it is ours. */
function removeStale(base: string): void {
  for (const name of readdirSync(base)) {
    const m = OWNED.exec(name);
    if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) rmSync(join(base, name), { recursive: true, force: true });
  }
}
