// A loader (the learner's own user-space program) says nothing the server can
// parse: it is attached when it holds a BPF link. This watch reads the process's
// open files (/proc/PID/fd) a few times a second until a link appears, then tells
// the page (`attached`, one per program of its BPF source) and the exercise check,
// as the runner's `attached` events do for C blocks. Links are FD-based: they go
// away with the process, so nothing outlives a Detener.
import { bpfLinkFds, childrenOf } from '../proc.ts';
import { LOADER } from '../limits.ts';

export interface LoaderProgram {
  program: string;
  section: string;
}

/** The programs a BPF source defines: `SEC("tracepoint/…") int name(` → {program, section}. */
export function programsOf(bpfCode: string): LoaderProgram[] {
  const out: LoaderProgram[] = [];
  for (const m of bpfCode.matchAll(/SEC\("([^"]+)"\)\s*\n?\s*int\s+(?:BPF_PROG\s*\(\s*)?([A-Za-z_]\w*)/g)) {
    if (m[1] === 'license' || m[1].startsWith('.')) continue;
    out.push({ program: m[2], section: m[1] });
  }
  return out;
}

/**
 * Watches the run until the loader holds a BPF link; returns the function that stops the watch.
 * `pid` is the run's launcher (processes/pty-process.ts): the loader is its child (the build
 * script `exec`s it), or a process further down if the learner's program forks.
 */
export function watchLoaderAttach(pid: number, programs: LoaderProgram[], onAttached: (p: LoaderProgram) => void): () => void {
  const descendants = (root: number, depth = 3): number[] =>
    depth === 0 ? [] : childrenOf(root).flatMap((c) => [c, ...descendants(c, depth - 1)]);
  let timer: NodeJS.Timeout | null = setInterval(() => {
    const links = descendants(pid).flatMap(bpfLinkFds);
    if (links.length === 0) return;
    stop();
    const named = programs.length ? programs : [{ program: `prog ${links[0].progId ?? '?'}`, section: links[0].linkType }];
    for (const p of named) onAttached(p);
  }, LOADER.attachPollMs);
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
  return stop;
}
