// What compiling the lessons' C needs: kernel BTF, headers (kernel, uapi) and libbpf's headers.
import type { Check, CheckContext } from './context.ts';
import { atLeast, parseKernelRelease } from './kernel-facts.ts';
import { versionAtLeast } from '../../../lib/protocol.ts';
import { fill } from '../../../lib/messages/fill.mjs';
import { requirements as t } from '../../../lib/messages/es/requirements.mjs';

export function headerChecks({ view, release, btf, fix }: CheckContext): Check[] {
  const checks: Check[] = [];
  checks.push(
    btf
      ? {
          id: 'btf',
          status: 'ok',
          title: t['btf.title'],
          detail: t['btf.ok'],
          fix: '',
        }
      : {
          id: 'btf',
          status: 'warn',
          title: t['btf.title'],
          detail: t['btf.missing'],
          fix: t['btf.missing.fix'],
        },
  );
  const headers = release ? view.exists(`/lib/modules/${release}/build`) : false;
  checks.push(
    headers
      ? {
          id: 'kernel-headers',
          status: 'ok',
          title: t['kernelHeaders.title'],
          detail: fill(t['kernelHeaders.ok'], { release }),
          fix: '',
        }
      : {
          id: 'kernel-headers',
          status: 'warn',
          title: t['kernelHeaders.title'],
          detail: fill(t['kernelHeaders.missing'], { release: release || '…' }),
          fix: btf ? fill(t['kernelHeaders.optionalFix'], { command: fix('kernel-headers') }) : fix('kernel-headers'),
        },
  );
  const arch = `${view.machine}-linux-gnu`;
  const uapi = view.exists('/usr/include/linux/bpf.h');
  const multiarch = view.exists(`/usr/include/${arch}/asm/types.h`);
  const asmTypes = multiarch || view.exists('/usr/include/asm/types.h');
  checks.push(
    uapi && asmTypes
      ? {
          id: 'uapi-headers',
          status: 'ok',
          title: t['uapi.title'],
          detail: multiarch ? fill(t['uapi.okMultiarch'], { arch }) : t['uapi.ok'],
          fix: '',
        }
      : {
          id: 'uapi-headers',
          status: 'fail',
          title: t['uapi.title'],
          detail: fill(t['uapi.missing'], { file: !uapi ? 'linux/bpf.h' : 'asm/types.h' }),
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
          title: t['libbpf.title'],
          detail: lv ? fill(t['libbpf.okVersion'], { version: `${lv[1]}.${lv[2]}` }) : t['libbpf.ok'],
          fix: '',
        }
      : {
          id: 'libbpf',
          status: 'fail',
          title: t['libbpf.title'],
          detail: t['libbpf.missing'],
          fix: fix('libbpf'),
        },
  );
  checks.push(tcxCheck(release, lv ? `${lv[1]}.${lv[2]}` : null));
  return checks;
}

/** tcx (tc attached by BPF links): the kernel from 6.6, libbpf from 1.3 (it knows `SEC("tcx/…")`). */
function tcxCheck(release: string | null, libbpf: string | null): Check {
  const kv = release ? parseKernelRelease(release) : null;
  const kernelOk = kv ? atLeast(kv, 6, 6) : false;
  const libbpfOk = libbpf ? versionAtLeast(libbpf, '1.3') : false;
  const ok = kernelOk && libbpfOk;
  return {
    id: 'tcx',
    status: ok ? 'ok' : 'warn',
    title: t['tcx.title'],
    detail: ok ? t['tcx.ok'] : fill(t['tcx.missing'], { kernel: kv?.release ?? '?', libbpf: libbpf ?? '?' }),
    fix: ok ? '' : t['tcx.missing.fix'],
  };
}
