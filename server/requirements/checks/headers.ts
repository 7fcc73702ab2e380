// What compiling the lessons' C needs: kernel BTF, headers (kernel, uapi) and libbpf's headers.
import type { Check, CheckContext } from './context.ts';

export function headerChecks({ view, release, btf, fix }: CheckContext): Check[] {
  const checks: Check[] = [];
  checks.push(
    btf
      ? {
          id: 'btf',
          status: 'ok',
          title: 'BTF del kernel',
          detail: '/sys/kernel/btf/vmlinux existe: CO-RE y vmlinux.h funcionan sin cabeceras del kernel.',
          fix: '',
        }
      : {
          id: 'btf',
          status: 'warn',
          title: 'BTF del kernel',
          detail: 'No hay /sys/kernel/btf/vmlinux: los programas CO-RE (vmlinux.h) no funcionarán; los de las lecciones 2 a 4 sí.',
          fix: 'Usa un kernel compilado con CONFIG_DEBUG_INFO_BTF=y (lo traen las distribuciones actuales).',
        },
  );
  const headers = release ? view.exists(`/lib/modules/${release}/build`) : false;
  checks.push(
    headers
      ? { id: 'kernel-headers', status: 'ok', title: 'Cabeceras del kernel', detail: `/lib/modules/${release}/build existe.`, fix: '' }
      : {
          id: 'kernel-headers',
          status: 'warn',
          title: 'Cabeceras del kernel',
          detail: `No hay /lib/modules/${release || '…'}/build. Las lecciones no las necesitan (usan las cabeceras uapi y BTF); solo hacen falta para herramientas antiguas como BCC.`,
          fix: btf ? `Opcional: ${fix('kernel-headers')}` : fix('kernel-headers'),
        },
  );
  const arch = `${view.machine}-linux-gnu`;
  const uapi = view.exists('/usr/include/linux/bpf.h');
  const asmTypes = view.exists(`/usr/include/${arch}/asm/types.h`) || view.exists('/usr/include/asm/types.h');
  checks.push(
    uapi && asmTypes
      ? {
          id: 'uapi-headers',
          status: 'ok',
          title: 'Cabeceras uapi',
          detail: `linux/bpf.h y asm/types.h están instaladas${view.exists(`/usr/include/${arch}/asm/types.h`) ? ` (asm/ en /usr/include/${arch}: compila con -I/usr/include/${arch})` : ''}.`,
          fix: '',
        }
      : {
          id: 'uapi-headers',
          status: 'fail',
          title: 'Cabeceras uapi',
          detail: `Falta ${!uapi ? 'linux/bpf.h' : 'asm/types.h'}: los programas en C de las lecciones no compilarán.`,
          fix: fix('uapi-headers'),
        },
  );
  const libbpfVersion = view.read('/usr/include/bpf/libbpf_version.h');
  const lv = libbpfVersion ? /LIBBPF_MAJOR_VERSION\s+(\d+)[\s\S]*LIBBPF_MINOR_VERSION\s+(\d+)/.exec(libbpfVersion) : null;
  checks.push(
    view.exists('/usr/include/bpf/bpf_helpers.h')
      ? {
          id: 'libbpf',
          status: 'ok',
          title: 'Cabeceras de libbpf',
          detail: `bpf/bpf_helpers.h instalada${lv ? ` (libbpf ${lv[1]}.${lv[2]})` : ''}.`,
          fix: '',
        }
      : {
          id: 'libbpf',
          status: 'fail',
          title: 'Cabeceras de libbpf',
          detail: 'Falta bpf/bpf_helpers.h: SEC(), bpf_printk() y las macros de mapas vienen de ahí.',
          fix: fix('libbpf'),
        },
  );
  return checks;
}
