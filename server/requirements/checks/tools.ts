// The tools the lessons run: clang (with its bpf backend), llvm-strip, bpftool, bpftrace.
import type { SystemView } from '../system.ts';
import { installCommand, type Distro, type Need } from '../distro.ts';
import type { Check, CheckContext, Status } from './context.ts';

const TOOLS = ['clang', 'llvm-strip', 'bpftool', 'bpftrace'];

export async function toolChecks({ view, distro, root }: CheckContext): Promise<Check[]> {
  return Promise.all(TOOLS.map((n) => toolCheck(view, n, distro, root)));
}

async function toolCheck(view: SystemView, name: string, distro: Distro, root: boolean): Promise<Check> {
  const info = await view.tool(name);
  const needed = name !== 'llvm-strip';
  if (!info) {
    return {
      id: `tool-${name}`,
      status: needed ? 'fail' : 'warn',
      title: name,
      detail: `${name} no está instalado.`,
      fix: installCommand(distro, name as Need, root),
    };
  }
  let detail = `${info.version ?? 'versión desconocida'} (${info.path}).`;
  let status: Status = 'ok';
  if (name === 'clang' && info.bpfTarget === false) {
    status = 'fail';
    detail += ' Este clang no tiene el backend «bpf»: no puede compilar programas eBPF.';
  }
  if (name === 'bpftrace') {
    const m = /v?(\d+)\.(\d+)/.exec(info.version ?? '');
    if (m) {
      // bpftrace 0.19 made `args` a struct (args.campo); args->campo still works there, silently.
      const dotSyntax = Number(m[1]) > 0 || Number(m[2]) >= 19;
      detail += dotSyntax
        ? ' Entiende args.campo, la forma más reciente, y también args->campo, la de las lecciones, que funciona en todas las versiones.'
        : ' Entiende args->campo, la forma de las lecciones, que funciona en todas las versiones (args.campo llegó en la 0.19).';
    }
  }
  return { id: `tool-${name}`, status, title: name, detail, fix: status === 'ok' ? '' : installCommand(distro, name as Need, root) };
}
