// "Ver bytecode": the instructions the kernel kept after verification, with the
// source lines BTF carries (`bpftool prog dump xlated id N linum`).
import { execFile } from 'node:child_process';

export function dumpXlated(id: number): Promise<string | null> {
  if (!Number.isInteger(id) || id <= 0) return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile('bpftool', ['prog', 'dump', 'xlated', 'id', String(id), 'linum'], { timeout: 3000, maxBuffer: 1 << 20, encoding: 'utf8' }, (err, stdout) =>
      resolve(err ? null : stdout),
    );
  });
}
