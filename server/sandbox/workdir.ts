// The folder lesson commands run in: a copy of the lesson sources from bpf/
// (trace.bpf.c …), so that `clang … -c trace.bpf.c` works as the lesson says.
// It lives under a name the server owns and is recreated at every start.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const WORKDIR_NAME = 'taller-ebpf-trabajo';

export function prepareWorkDir(bpfDir: string, base = tmpdir()): string {
  const dir = join(base, WORKDIR_NAME);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const f of readdirSync(bpfDir)) {
    if (/\.(bpf\.c|h|bt)$/.test(f)) cpSync(join(bpfDir, f), join(dir, f));
  }
  // The objects `make -C bpf` built with the lesson's flags: loading works even
  // before the learner runs the compile block (which overwrites them).
  const built = join(bpfDir, '.output');
  if (existsSync(built)) {
    for (const f of readdirSync(built)) if (f.endsWith('.bpf.o')) cpSync(join(built, f), join(dir, f));
  }
  return dir;
}
