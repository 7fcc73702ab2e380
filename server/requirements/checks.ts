// The requirements checks: each returns ok / warn / fail, a Spanish
// explanation, and a fix fitted to the detected distribution. They read the
// machine only through a SystemView, so tests run them on fixture trees.
import type { SystemView } from './system.ts';
import { detectDistro, installCommand, type Distro, type Need } from './distro.ts';
import { privilegeFixFor, sudoStatusOf } from './privilege-words.ts';

export type Status = 'ok' | 'warn' | 'fail';

export interface Check {
  id: string;
  status: Status;
  title: string;
  detail: string;
  /** What to do about it (empty when ok). */
  fix: string;
  /** Lessons (slugs) that need this. */
  lessons?: string[];
}

export interface KernelVersion {
  major: number;
  minor: number;
  release: string;
}

export function parseKernelRelease(release: string): KernelVersion | null {
  const m = /^(\d+)\.(\d+)/.exec(release.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), release: release.trim() } : null;
}

export const atLeast = (v: KernelVersion, major: number, minor: number) => v.major > major || (v.major === major && v.minor >= minor);

/** Kernel configuration from /proc/config.gz or /boot/config-<release>; null if unreadable. */
export function readKernelConfig(view: SystemView, release: string): Map<string, string> | null {
  const text = view.read('/proc/config.gz') ?? view.read(`/boot/config-${release}`);
  if (!text) return null;
  const config = new Map<string, string>();
  for (const line of text.split('\n')) {
    const set = /^CONFIG_(\w+)=(.*)$/.exec(line);
    if (set) config.set(set[1], set[2]);
    const unset = /^# CONFIG_(\w+) is not set/.exec(line);
    if (unset) config.set(unset[1], 'n');
  }
  return config;
}

function mountedAt(view: SystemView, type: string, path: string): boolean {
  const mounts = view.read('/proc/mounts') ?? view.read('/proc/self/mounts') ?? '';
  return mounts.split('\n').some((l) => {
    const [, mnt, fstype] = l.split(' ');
    return mnt === path && fstype === type;
  });
}

const CAP = { SYS_ADMIN: 21, PERFMON: 38, BPF: 39, DAC_READ_SEARCH: 2 };

function effectiveCaps(view: SystemView): bigint {
  const status = view.read('/proc/self/status') ?? '';
  const m = /^CapEff:\s*([0-9a-f]+)/m.exec(status);
  return m ? BigInt(`0x${m[1]}`) : 0n;
}

const has = (caps: bigint, bit: number) => (caps & (1n << BigInt(bit))) !== 0n;

interface ConfigOption {
  name: string;
  /** Without it, these lessons cannot run: fail. Otherwise warn. */
  needed: boolean;
  /** What the option gives (shown whether it is on or off). */
  what: string;
  /** What stops working without it (shown only when it is off). */
  without?: string;
  lessons?: string[];
}

const CONFIG_OPTIONS: ConfigOption[] = [
  { name: 'BPF_SYSCALL', needed: true, what: 'la llamada al sistema bpf()', without: 'Sin ella no hay eBPF', lessons: ['primer-programa', 'bpftrace', 'mapas'] },
  { name: 'BPF_JIT', needed: false, what: 'el compilador JIT', without: 'Sin él los programas se interpretan, más despacio' },
  { name: 'DEBUG_INFO_BTF', needed: false, what: 'BTF del kernel (/sys/kernel/btf/vmlinux), la base de CO-RE', without: 'Los programas CO-RE (vmlinux.h) no funcionarán' },
  { name: 'BPF_EVENTS', needed: true, what: 'programas en tracepoints, kprobes y uprobes', without: 'Los programas de las lecciones no se pueden enganchar', lessons: ['primer-programa', 'bpftrace', 'mapas'] },
  { name: 'FTRACE_SYSCALLS', needed: true, what: 'los tracepoints syscalls:sys_enter_* que usan las lecciones', without: 'Los ejemplos de las lecciones no tienen dónde engancharse', lessons: ['primer-programa', 'bpftrace', 'mapas'] },
  { name: 'KPROBES', needed: false, what: 'kprobes, sondas en casi cualquier función del kernel', without: 'Los ejemplos con kprobe: no funcionarán' },
  { name: 'KPROBE_EVENTS', needed: false, what: 'eventos kprobe de tracefs, que usan bpftrace y libbpf para las kprobes', without: 'Las sondas kprobe: de bpftrace no funcionarán' },
  { name: 'UPROBE_EVENTS', needed: false, what: 'uprobes, sondas en funciones de programas de usuario', without: 'Los ejemplos con uprobe: no funcionarán' },
  { name: 'CGROUP_BPF', needed: false, what: 'programas enganchados a cgroups' },
  { name: 'BPF_LSM', needed: false, what: 'programas LSM (políticas de seguridad con eBPF)' },
  { name: 'XDP_SOCKETS', needed: false, what: 'sockets AF_XDP' },
];

const KERNEL_STEPS: Array<[number, number, string]> = [
  [4, 18, 'BTF'],
  [5, 2, 'datos globales (el texto de bpf_printk)'],
  [5, 4, '/sys/kernel/btf/vmlinux (CO-RE)'],
  [5, 5, 'fentry/fexit'],
  [5, 8, 'ring buffer y CAP_BPF/CAP_PERFMON'],
  [5, 11, 'memoria contada en el cgroup (adiós a ulimit -l)'],
];

export async function runChecks(view: SystemView): Promise<Check[]> {
  const distro = detectDistro(view);
  const root = view.euid === 0;
  const fix = (need: Need) => installCommand(distro, need, root);
  const checks: Check[] = [];
  const add = (c: Check) => checks.push(c);

  // ---- environment (first: it explains everything else) ----
  add(environmentCheck(view));
  if (view.platform !== 'linux') return checks;

  // ---- kernel version ----
  const release = (view.read('/proc/sys/kernel/osrelease') ?? '').trim();
  const kv = parseKernelRelease(release);
  if (!kv) {
    add({ id: 'kernel-version', status: 'fail', title: 'Versión del kernel', detail: 'No se pudo leer /proc/sys/kernel/osrelease.', fix: 'Comprueba que /proc está montado.' });
  } else {
    const missing = KERNEL_STEPS.filter(([a, b]) => !atLeast(kv, a, b)).map(([a, b, what]) => `${a}.${b}: ${what}`);
    if (!atLeast(kv, 4, 15)) {
      add({
        id: 'kernel-version',
        status: 'fail',
        title: `Kernel ${kv.release}`,
        detail: `El taller necesita Linux 4.15 o posterior. A este kernel le falta, entre otras cosas: ${missing.join('; ')}.`,
        fix: distro.pm ? `Actualiza el kernel de tu distribución (${distro.name}) a uno 5.x o posterior y reinicia.` : 'Instala un kernel 5.x o posterior y reinicia.',
        lessons: ['primer-programa', 'bpftrace', 'mapas'],
      });
    } else if (!atLeast(kv, 5, 8)) {
      add({
        id: 'kernel-version',
        status: 'warn',
        title: `Kernel ${kv.release}`,
        detail: `Funciona, pero se recomienda 5.8 o posterior. Te falta: ${missing.join('; ')}.`,
        fix: 'Cuando puedas, actualiza a un kernel 5.8 o posterior.',
      });
    } else {
      add({ id: 'kernel-version', status: 'ok', title: `Kernel ${kv.release}`, detail: 'Versión 5.8 o posterior: BTF, ring buffer y CAP_BPF disponibles.', fix: '' });
    }
  }

  // ---- privileges ----
  const caps = effectiveCaps(view);
  const sudo = await view.tool('sudo');
  if (root) {
    add({ id: 'privileges', status: 'ok', title: 'Privilegios', detail: 'Eres root: puedes cargar cualquier programa eBPF.', fix: '' });
  } else if (has(caps, CAP.SYS_ADMIN) || (has(caps, CAP.BPF) && has(caps, CAP.PERFMON) && kv && atLeast(kv, 5, 8))) {
    add({
      id: 'privileges',
      status: 'warn',
      title: 'Privilegios',
      detail:
        'Tienes ' + (has(caps, CAP.SYS_ADMIN) ? 'CAP_SYS_ADMIN' : 'CAP_BPF y CAP_PERFMON') +
        ': basta para cargar programas y mapas, pero bpftrace exige ser root y los tracepoints clásicos necesitan leer tracefs (CAP_DAC_READ_SEARCH).',
      fix: 'Arranca el taller con «npm start»: pide tu contraseña de sudo una vez y lo ejecuta como root.',
      lessons: ['bpftrace'],
    });
  } else {
    const status = sudoStatusOf(view, Boolean(sudo));
    add({
      id: 'privileges',
      status: 'fail',
      title: 'Privilegios',
      detail: 'Necesitas privilegios de administrador: cargar programas eBPF exige root (o CAP_BPF + CAP_PERFMON), y el taller no se está ejecutando como root; el kernel rechazaría la carga con EPERM.',
      fix: privilegeFixFor(status, view.env.USER ?? 'tu_usuario'),
      lessons: ['primer-programa', 'bpftrace', 'mapas'],
    });
  }
  add(
    sudo
      ? { id: 'sudo', status: 'ok', title: 'sudo', detail: `sudo está disponible (${sudo.path}).`, fix: '' }
      : {
          id: 'sudo',
          status: root ? 'ok' : 'warn',
          title: 'sudo',
          detail: root ? 'sudo no está instalado, pero el taller se ejecuta como root: «sudo orden» funciona igual en los terminales de la página.' : 'sudo no está instalado y no eres root.',
          fix: root ? '' : fix('sudo'),
        },
  );

  // ---- BTF, headers ----
  const btf = view.exists('/sys/kernel/btf/vmlinux');
  add(
    btf
      ? { id: 'btf', status: 'ok', title: 'BTF del kernel', detail: '/sys/kernel/btf/vmlinux existe: CO-RE y vmlinux.h funcionan sin cabeceras del kernel.', fix: '' }
      : {
          id: 'btf',
          status: 'warn',
          title: 'BTF del kernel',
          detail: 'No hay /sys/kernel/btf/vmlinux: los programas CO-RE (vmlinux.h) no funcionarán; los de las lecciones 2 a 4 sí.',
          fix: 'Usa un kernel compilado con CONFIG_DEBUG_INFO_BTF=y (lo traen las distribuciones actuales).',
          lessons: ['requisitos'],
        },
  );
  const headers = release ? view.exists(`/lib/modules/${release}/build`) : false;
  add(
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
  add(
    uapi && asmTypes
      ? { id: 'uapi-headers', status: 'ok', title: 'Cabeceras uapi', detail: `linux/bpf.h y asm/types.h están instaladas${view.exists(`/usr/include/${arch}/asm/types.h`) ? ` (asm/ en /usr/include/${arch}: compila con -I/usr/include/${arch})` : ''}.`, fix: '', lessons: ['primer-programa', 'mapas'] }
      : {
          id: 'uapi-headers',
          status: 'fail',
          title: 'Cabeceras uapi',
          detail: `Falta ${!uapi ? 'linux/bpf.h' : 'asm/types.h'}: los programas en C de las lecciones no compilarán.`,
          fix: fix('uapi-headers'),
          lessons: ['primer-programa', 'mapas'],
        },
  );
  const libbpfVersion = view.read('/usr/include/bpf/libbpf_version.h');
  const lv = libbpfVersion ? /LIBBPF_MAJOR_VERSION\s+(\d+)[\s\S]*LIBBPF_MINOR_VERSION\s+(\d+)/.exec(libbpfVersion) : null;
  add(
    view.exists('/usr/include/bpf/bpf_helpers.h')
      ? { id: 'libbpf', status: 'ok', title: 'Cabeceras de libbpf', detail: `bpf/bpf_helpers.h instalada${lv ? ` (libbpf ${lv[1]}.${lv[2]})` : ''}.`, fix: '', lessons: ['primer-programa', 'mapas'] }
      : { id: 'libbpf', status: 'fail', title: 'Cabeceras de libbpf', detail: 'Falta bpf/bpf_helpers.h: SEC(), bpf_printk() y las macros de mapas vienen de ahí.', fix: fix('libbpf'), lessons: ['primer-programa', 'mapas'] },
  );

  // ---- kernel configuration ----
  const config = readKernelConfig(view, release);
  if (!config) {
    add({
      id: 'kernel-config',
      status: 'warn',
      title: 'Configuración del kernel',
      detail: `No se pudo leer /proc/config.gz ni /boot/config-${release}: no se puede comprobar qué opciones de eBPF tiene el kernel.`,
      fix: root ? 'Prueba: modprobe configs (crea /proc/config.gz).' : 'Prueba: sudo modprobe configs',
    });
  } else {
    for (const o of CONFIG_OPTIONS) {
      const v = config.get(o.name);
      const on = v === 'y' || v === 'm';
      add({
        id: `config-${o.name}`,
        status: on ? 'ok' : o.needed ? 'fail' : 'warn',
        title: `CONFIG_${o.name}`,
        detail: on ? `Activada: ${o.what}.` : `Desactivada: ${o.what}.${o.without ? ` ${o.without}.` : ''}`,
        fix: on ? '' : `Hace falta un kernel compilado con CONFIG_${o.name}=y.`,
        lessons: o.lessons,
      });
    }
  }

  // ---- mounts, sysctls, lockdown ----
  add(
    mountedAt(view, 'bpf', '/sys/fs/bpf')
      ? { id: 'bpffs', status: 'ok', title: 'bpffs montado', detail: '/sys/fs/bpf está montado: se pueden fijar (pin) programas y mapas.', fix: '' }
      : { id: 'bpffs', status: 'warn', title: 'bpffs no montado', detail: 'Sin /sys/fs/bpf, «bpftool prog load … /sys/fs/bpf/trace» falla. npm start lo monta si es root.', fix: `${root ? '' : 'sudo '}mount -t bpf bpf /sys/fs/bpf`, lessons: ['primer-programa'] },
  );
  const tracefs = mountedAt(view, 'tracefs', '/sys/kernel/tracing') || mountedAt(view, 'tracefs', '/sys/kernel/debug/tracing');
  add(
    tracefs
      ? { id: 'tracefs', status: 'ok', title: 'tracefs montado', detail: 'tracefs está montado: tracepoints y bpf_printk funcionan.', fix: '' }
      : {
          id: 'tracefs',
          status: 'fail',
          title: 'tracefs no montado',
          detail: 'Sin tracefs no se pueden enganchar tracepoints ni leer bpf_printk. npm start lo monta si es root.',
          fix: `${root ? '' : 'sudo '}mount -t tracefs tracefs /sys/kernel/tracing`,
          lessons: ['primer-programa', 'bpftrace', 'mapas'],
        },
  );
  const jit = view.read('/proc/sys/net/core/bpf_jit_enable')?.trim();
  add(
    jit === undefined
      ? { id: 'jit', status: 'warn', title: 'JIT de BPF', detail: 'No se pudo leer /proc/sys/net/core/bpf_jit_enable.', fix: 'Comprueba que /proc está montado y que el kernel tiene CONFIG_BPF_JIT.' }
      : jit !== '0'
        ? { id: 'jit', status: 'ok', title: 'JIT de BPF', detail: `Activado (bpf_jit_enable=${jit}): los programas se compilan a código máquina.`, fix: '' }
        : { id: 'jit', status: 'warn', title: 'JIT de BPF', detail: 'Desactivado: los programas se interpretan, más despacio.', fix: `${root ? '' : 'sudo '}sysctl -w net.core.bpf_jit_enable=1` },
  );
  const unpriv = view.read('/proc/sys/kernel/unprivileged_bpf_disabled')?.trim();
  add({
    id: 'unprivileged-bpf',
    status: unpriv === '0' || root ? 'ok' : 'warn',
    title: 'eBPF sin privilegios',
    detail:
      unpriv === '0'
        ? 'kernel.unprivileged_bpf_disabled=0: cualquier usuario puede cargar algunos programas (filtros de socket). Es cómodo, pero las distribuciones lo desactivan por seguridad.'
        : `kernel.unprivileged_bpf_disabled=${unpriv ?? '?'}: solo root o quien tenga CAP_BPF puede cargar programas${root ? ' (eres root: no te afecta)' : ''}.`,
    fix: unpriv === '0' || root ? '' : 'Usa root o CAP_BPF (ver Privilegios).',
  });
  add(lockdownCheck(view, config));

  // ---- function tracing (fentry/fexit) ----
  const fentry = btf ? await view.fentry() : 'no-btf';
  add(
    fentry === 'ok'
      ? { id: 'function-tracing', status: 'ok', title: 'fentry/fexit', detail: 'Se pudo cargar y enganchar un programa fentry de prueba.', fix: '' }
      : {
          id: 'function-tracing',
          status: 'warn',
          title: 'fentry/fexit',
          detail:
            fentry === 'blocked'
              ? 'El kernel rechaza los programas fentry/fexit con EPERM aunque seas root: el trazado de funciones está bloqueado en esta máquina (política de la máquina virtual o lockdown). Los ejemplos fentry no funcionarán; los de tracepoints sí.'
              : fentry === 'no-btf'
                ? 'fentry/fexit necesitan BTF del kernel, y no lo hay.'
                : `No se pudo comprobar (${fentry}).`,
          fix:
            fentry === 'blocked'
              ? 'Usa tracepoints o raw_tp, o un kernel/VM que permita el trazado de funciones.'
              : fentry === 'no-btf'
                ? 'Usa un kernel 5.5 o posterior con CONFIG_DEBUG_INFO_BTF=y.'
                : 'Comprueba que bpf/.output/runner está compilado (make -C bpf) y vuelve a comprobar.',
        },
  );

  // ---- tools ----
  for (const t of await Promise.all(['clang', 'llvm-strip', 'bpftool', 'bpftrace'].map((n) => toolCheck(view, n, distro, root)))) add(t);

  // ---- a container only needs changing if something it controls is missing ----
  if (checks[0].title === CONTAINER) checks[0] = containerCheck(checks.slice(1));
  return checks;
}

async function toolCheck(view: SystemView, name: string, distro: Distro, root: boolean): Promise<Check> {
  const info = await view.tool(name);
  const lessons: Record<string, string[]> = { clang: ['primer-programa', 'mapas'], bpftool: ['primer-programa', 'mapas'], bpftrace: ['que-es-ebpf', 'bpftrace'], 'llvm-strip': ['requisitos'] };
  const needed = name !== 'llvm-strip';
  if (!info) {
    return {
      id: `tool-${name}`,
      status: needed ? 'fail' : 'warn',
      title: name,
      detail: `${name} no está instalado.`,
      fix: installCommand(distro, name as Need, root),
      lessons: lessons[name],
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
  return { id: `tool-${name}`, status, title: name, detail, fix: status === 'ok' ? '' : installCommand(distro, name as Need, root), lessons: lessons[name] };
}

function lockdownCheck(view: SystemView, config: Map<string, string> | null): Check {
  const file = view.read('/sys/kernel/security/lockdown');
  let mode = file ? /\[(\w+)\]/.exec(file)?.[1] ?? null : null;
  let source = '/sys/kernel/security/lockdown';
  if (!mode && config) {
    source = 'la configuración del kernel';
    mode = config.get('LOCK_DOWN_KERNEL_FORCE_CONFIDENTIALITY') === 'y' ? 'confidentiality' : config.get('LOCK_DOWN_KERNEL_FORCE_INTEGRITY') === 'y' ? 'integrity' : config.get('SECURITY_LOCKDOWN_LSM') === 'y' ? null : 'none';
  }
  if (!mode) return { id: 'lockdown', status: 'ok', title: 'Lockdown', detail: 'No se pudo determinar el modo de lockdown (securityfs no montado); probablemente none.', fix: '' };
  if (mode === 'confidentiality') {
    return {
      id: 'lockdown',
      status: 'fail',
      title: 'Lockdown: confidentiality',
      detail: `Según ${source}, el kernel está en lockdown=confidentiality: bloquea leer memoria del kernel desde eBPF (bpf_probe_read_kernel, bpf_probe_read_str sobre punteros del kernel) y con ello casi todo bpftrace y el tracing.`,
      fix: 'Arranca sin lockdown=confidentiality (parámetro lockdown=integrity o none, o desactiva Secure Boot si lo impone).',
      lessons: ['bpftrace'],
    };
  }
  if (mode === 'integrity') {
    return {
      id: 'lockdown',
      status: 'ok',
      title: 'Lockdown: integrity',
      detail: `Según ${source}, lockdown=integrity: bloquea modificar el kernel en marcha (bpf_probe_write_user, módulos sin firmar), pero no el tracing de las lecciones.`,
      fix: '',
    };
  }
  return { id: 'lockdown', status: 'ok', title: 'Lockdown: none', detail: 'Sin lockdown: nada bloquea eBPF.', fix: '' };
}

function environmentCheck(view: SystemView): Check {
  if (view.platform === 'darwin') {
    return {
      id: 'environment',
      status: 'fail',
      title: 'macOS',
      detail: 'eBPF es una tecnología del kernel Linux: macOS no la tiene.',
      fix: 'Usa una máquina virtual Linux (Lima, multipass, UTM o Docker Desktop con un contenedor privilegiado) y ejecuta el taller dentro.',
    };
  }
  if (view.platform !== 'linux') {
    return { id: 'environment', status: 'fail', title: view.platform, detail: 'eBPF necesita Linux.', fix: 'Usa WSL2 (Windows) o una máquina virtual Linux.' };
  }
  const release = view.read('/proc/sys/kernel/osrelease') ?? '';
  if (/microsoft|WSL/i.test(release) || view.exists('/proc/sys/fs/binfmt_misc/WSLInterop')) {
    return {
      id: 'environment',
      status: 'warn',
      title: 'WSL2',
      detail: 'Estás en WSL2: el kernel es el de Microsoft, con eBPF y BTF en las versiones recientes, pero sin cabeceras instalables ni algunos tipos de programa.',
      fix: 'Actualiza el kernel de WSL desde Windows con «wsl --update» y usa BTF (vmlinux.h) en lugar de las cabeceras del kernel.',
    };
  }
  const cgroup = view.read('/proc/1/cgroup') ?? '';
  if (view.exists('/.dockerenv') || view.exists('/run/.containerenv') || /docker|kubepods|containerd|lxc/.test(cgroup) || view.env.container) {
    // Provisional: runChecks settles it with containerCheck() once the rest is known.
    return containerCheck([]);
  }
  return { id: 'environment', status: 'ok', title: 'Linux', detail: 'Linux nativo o máquina virtual.', fix: '' };
}

const CONTAINER = 'Contenedor';
/** What a container's options decide: its privileges and the tracefs and bpffs mounts. */
const CONTAINER_CONTROLLED = ['privileges', 'tracefs', 'bpffs'];

/** Inside a container: ok while everything it controls works; otherwise a warning naming what is missing. */
export function containerCheck(others: Check[]): Check {
  const missing = others.filter((c) => CONTAINER_CONTROLLED.includes(c.id) && c.status !== 'ok');
  if (missing.length === 0) {
    return {
      id: 'environment',
      status: 'ok',
      title: CONTAINER,
      detail: 'Parece que estás dentro de un contenedor. eBPF usa el kernel del anfitrión, y el contenedor ya tiene lo que hace falta: privilegios y tracefs y bpffs montados.',
      fix: '',
    };
  }
  return {
    id: 'environment',
    status: 'warn',
    title: CONTAINER,
    detail:
      `Parece que estás dentro de un contenedor y ${missing.length === 1 ? 'esta comprobación no pasa' : 'estas comprobaciones no pasan'}: ${missing.map((c) => c.title).join(', ')}. ` +
      'eBPF usa el kernel del anfitrión, y el contenedor necesita privilegios (o CAP_BPF, CAP_PERFMON y CAP_SYS_ADMIN) y tener tracefs y bpffs montados.',
    fix: 'Arranca el contenedor con --privileged (o las capacidades anteriores) y -v /sys/kernel/tracing:/sys/kernel/tracing -v /sys/fs/bpf:/sys/fs/bpf.',
  };
}

/** Everything the lessons need is ok (warnings allowed). */
export function allNeededOk(checks: Check[]): boolean {
  return !checks.some((c) => c.status === 'fail');
}
