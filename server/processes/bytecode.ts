// "Ver bytecode": the instructions the kernel kept after verification, with the
// source lines BTF carries (`bpftool prog dump xlated id N linum`).
import { SHORT_RUN } from '../limits.ts';
import { runShort } from './short-run.ts';

export async function dumpXlated(id: number): Promise<string | null> {
  if (!Number.isInteger(id) || id <= 0) return null;
  const r = await runShort('bpftool', ['prog', 'dump', 'xlated', 'id', String(id), 'linum'], { timeoutMs: SHORT_RUN.bytecodeMs });
  return r.ok ? r.stdout : null;
}
