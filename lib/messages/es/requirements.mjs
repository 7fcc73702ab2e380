// The requirements checks (title, detail, fix), block readiness and the doctor's summary.
export const requirements = /** @type {const} */ ({
  'environment.macos.title': 'macOS',
  'environment.macos.detail': 'eBPF es una tecnología del kernel Linux: macOS no la tiene.',
  'environment.macos.fix':
    'Usa una máquina virtual Linux (Lima, multipass, UTM o Docker Desktop con un contenedor privilegiado) y ejecuta el taller dentro.',
  'environment.other.detail': 'eBPF necesita Linux.',
  'environment.other.fix': 'Usa WSL2 (Windows) o una máquina virtual Linux.',
  'environment.wsl.title': 'WSL2',
  'environment.wsl.detail':
    'Estás en WSL2: el kernel es el de Microsoft, con eBPF y BTF en las versiones recientes, pero sin cabeceras instalables ni algunos tipos de programa.',
  'environment.wsl.fix':
    'Actualiza el kernel de WSL desde Windows con «wsl --update» y usa BTF (vmlinux.h) en lugar de las cabeceras del kernel.',
  'environment.linux.title': 'Linux',
  'environment.linux.detail': 'Linux nativo o máquina virtual.',
  'environment.container.title': 'Contenedor',
  'environment.container.ready':
    'Parece que estás dentro de un contenedor. eBPF usa el kernel del anfitrión, y el contenedor ya tiene lo que hace falta: privilegios y tracefs y bpffs montados.',
  'environment.container.missingOne':
    'Parece que estás dentro de un contenedor y esta comprobación no pasa: {checks}. eBPF usa el kernel del anfitrión, y el contenedor necesita privilegios (o CAP_BPF, CAP_PERFMON y CAP_SYS_ADMIN) y tener tracefs y bpffs montados.',
  'environment.container.missingMany':
    'Parece que estás dentro de un contenedor y estas comprobaciones no pasan: {checks}. eBPF usa el kernel del anfitrión, y el contenedor necesita privilegios (o CAP_BPF, CAP_PERFMON y CAP_SYS_ADMIN) y tener tracefs y bpffs montados.',
  'environment.container.fix':
    'Arranca el contenedor con --privileged (o las capacidades anteriores) y -v /sys/kernel/tracing:/sys/kernel/tracing -v /sys/fs/bpf:/sys/fs/bpf.',

  'kernel.title': 'Kernel {release}',
  'kernel.unreadable.title': 'Versión del kernel',
  'kernel.unreadable.detail': 'No se pudo leer /proc/sys/kernel/osrelease.',
  'kernel.unreadable.fix': 'Comprueba que /proc está montado.',
  'kernel.tooOld': 'El taller necesita Linux {min} o posterior. A este kernel le falta, entre otras cosas: {missing}.',
  'kernel.tooOld.fixDistro': 'Actualiza el kernel de tu distribución ({distro}) a uno 5.x o posterior y reinicia.',
  'kernel.tooOld.fix': 'Instala un kernel 5.x o posterior y reinicia.',
  'kernel.old': 'Funciona, pero se recomienda {recommended} o posterior. Le falta: {missing}.',
  'kernel.old.fix': 'Cuando puedas, actualiza a un kernel {recommended} o posterior.',
  'kernel.ok': 'Versión {recommended} o posterior: BTF, ring buffer y CAP_BPF disponibles.',
  'kernel.step.btf': 'BTF',
  'kernel.step.globalData': 'datos globales (el texto de bpf_printk)',
  'kernel.step.vmlinux': '/sys/kernel/btf/vmlinux (CO-RE)',
  'kernel.step.fentry': 'fentry/fexit',
  'kernel.step.ringBuffer': 'ring buffer y CAP_BPF/CAP_PERFMON',
  'kernel.step.cgroupMemory': 'memoria contada en el cgroup (adiós a ulimit -l)',

  'config.title': 'Configuración del kernel',
  'config.unreadable':
    'No se pudo leer /proc/config.gz ni /boot/config-{release}: no se puede comprobar qué opciones de eBPF tiene el kernel.',
  'config.unreadable.fixRoot': 'Prueba: modprobe configs (crea /proc/config.gz).',
  'config.unreadable.fix': 'Prueba: sudo modprobe configs',
  'config.on': 'Activada: {what}.',
  'config.off': 'Desactivada: {what}.',
  'config.offWithout': 'Desactivada: {what}. {without}.',
  'config.fix': 'Hace falta un kernel compilado con CONFIG_{name}=y.',
  'config.bpfSyscall.what': 'la llamada al sistema bpf()',
  'config.bpfSyscall.without': 'Sin ella no hay eBPF',
  'config.bpfJit.what': 'el compilador JIT',
  'config.bpfJit.without': 'Sin él los programas se interpretan, más despacio',
  'config.debugInfoBtf.what': 'BTF del kernel (/sys/kernel/btf/vmlinux), la base de CO-RE',
  'config.debugInfoBtf.without': 'Los programas CO-RE (vmlinux.h) no funcionarán',
  'config.bpfEvents.what': 'programas en tracepoints, kprobes y uprobes',
  'config.bpfEvents.without': 'Los programas de las lecciones no se pueden enganchar',
  'config.ftraceSyscalls.what': 'los tracepoints syscalls:sys_enter_* que usan las lecciones',
  'config.ftraceSyscalls.without': 'Los ejemplos de las lecciones no tienen dónde engancharse',
  'config.kprobes.what': 'kprobes, sondas en casi cualquier función del kernel',
  'config.kprobes.without': 'Los ejemplos con kprobe: no funcionarán',
  'config.kprobeEvents.what': 'eventos kprobe de tracefs, que usan bpftrace y libbpf para las kprobes',
  'config.kprobeEvents.without': 'Las sondas kprobe: de bpftrace no funcionarán',
  'config.uprobeEvents.what': 'uprobes, sondas en funciones de programas de usuario',
  'config.uprobeEvents.without': 'Los ejemplos con uprobe: no funcionarán',
  'config.cgroupBpf.what': 'programas enganchados a cgroups',
  'config.bpfLsm.what': 'programas LSM (políticas de seguridad con eBPF)',
  'config.xdpSockets.what': 'sockets AF_XDP',

  'fentry.title': 'fentry/fexit',
  'fentry.ok': 'Se pudo cargar y enganchar un programa fentry de prueba.',
  'fentry.blocked':
    'El kernel rechaza los programas fentry/fexit con EPERM aunque seas root: el trazado de funciones está bloqueado en esta máquina (política de la máquina virtual o lockdown). Los ejemplos fentry no funcionarán; los de tracepoints sí.',
  'fentry.blocked.fix': 'Usa tracepoints o raw_tp, o un kernel/VM que permita el trazado de funciones.',
  'fentry.noBtf': 'fentry/fexit necesitan BTF del kernel, y no lo hay.',
  'fentry.noBtf.fix': 'Usa un kernel 5.5 o posterior con CONFIG_DEBUG_INFO_BTF=y.',
  'fentry.unknown': 'No se pudo comprobar ({reason}).',
  'fentry.unknown.fix': 'Comprueba que bpf/.output/runner está compilado (make -C bpf) y vuelve a comprobar.',

  'privileges.title': 'Privilegios',
  'privileges.root': 'Eres root: puedes cargar cualquier programa eBPF.',
  'privileges.caps':
    'Tienes {caps}: basta para cargar programas y mapas, pero bpftrace exige ser root hasta su versión 0.24 (desde la 0.25 le bastan CAP_BPF, CAP_PERFMON, CAP_DAC_READ_SEARCH y CAP_DAC_OVERRIDE) y los tracepoints clásicos necesitan leer tracefs (CAP_DAC_READ_SEARCH).',
  'privileges.caps.bpfPerfmon': 'CAP_BPF y CAP_PERFMON',
  'privileges.viaSudo':
    'No eres root, pero tu cuenta puede usar sudo: «npm start» te pedirá la contraseña una vez, en ese terminal, y ejecutará el taller como root.',
  'privileges.caps.fix': 'Arranca el taller con «npm start»: pide tu contraseña de sudo una vez y lo ejecuta como root.',
  'privileges.none':
    'Necesitas privilegios de administrador: cargar programas eBPF exige root (o CAP_BPF + CAP_PERFMON), y el taller no se está ejecutando como root; el kernel rechazaría la carga con EPERM.',
  'privileges.unknownUser': 'tu_usuario',
  'privileges.startWithNpm': 'arranca el taller con «npm start»: pide tu contraseña de sudo una vez, en el terminal donde lo arrancas.',
  'privileges.sentence': '{needAdmin}: {fix}',
  'privileges.sudoRefusal': 'sudo (taller): {sentence}',

  'sudo.title': 'sudo',
  'sudo.found': 'sudo está disponible ({path}).',
  'sudo.missingRoot':
    'sudo no está instalado, pero el taller se ejecuta como root: «sudo orden» funciona igual en los terminales de la página.',
  'sudo.missing': 'sudo no está instalado y no eres root.',

  'btf.title': 'BTF del kernel',
  'btf.ok': '/sys/kernel/btf/vmlinux existe: CO-RE y vmlinux.h funcionan sin cabeceras del kernel.',
  'btf.missing':
    'No hay /sys/kernel/btf/vmlinux: los programas CO-RE (vmlinux.h) no funcionarán; los de las lecciones 2 a 4 sí, salvo los de bpftrace que leen args si tu bpftrace es la 0.25 o posterior (desde esa versión, args necesita BTF).',
  'btf.missing.fix': 'Usa un kernel compilado con CONFIG_DEBUG_INFO_BTF=y (lo traen las distribuciones actuales).',

  'kernelHeaders.title': 'Cabeceras del kernel',
  'kernelHeaders.ok': '/lib/modules/{release}/build existe.',
  'kernelHeaders.missing':
    'No hay /lib/modules/{release}/build. Las lecciones no las necesitan (usan las cabeceras uapi y BTF); solo hacen falta para herramientas antiguas como BCC.',
  'kernelHeaders.optionalFix': 'Opcional: {command}',

  'uapi.title': 'Cabeceras uapi',
  'uapi.ok': 'linux/bpf.h y asm/types.h están instaladas.',
  'uapi.okMultiarch': 'linux/bpf.h y asm/types.h están instaladas (asm/ en /usr/include/{arch}: compila con -I/usr/include/{arch}).',
  'uapi.missing': 'Falta {file}: los programas en C de las lecciones no compilarán.',

  'libbpf.title': 'Cabeceras de libbpf',
  'libbpf.ok': 'bpf/bpf_helpers.h instalada.',
  'libbpf.okVersion': 'bpf/bpf_helpers.h instalada (libbpf {version}).',
  'tcx.title': 'tcx (programas de tc con enlaces BPF)',
  'tcx.ok': 'El kernel (6.6 o posterior) y libbpf (1.3 o posterior) admiten SEC("tcx/ingress") y SEC("tcx/egress").',
  'tcx.missing':
    'tcx necesita kernel 6.6 y libbpf 1.3; aquí hay kernel {kernel} y libbpf {libbpf}. Los bloques de tc con clsact (SEC("tc")) sí funcionan.',
  'tcx.missing.fix': 'No hace falta para el resto del taller; con una distribución más nueva (Debian 13, Ubuntu 24.04) funciona.',
  'readiness.kernel.tcx': 'no admite tcx (hace falta kernel 6.6 y libbpf 1.3)',
  'libbpf.missing': 'Falta bpf/bpf_helpers.h: SEC(), bpf_printk() y las macros de mapas vienen de ahí.',

  'bpffs.mounted.title': 'bpffs montado',
  'bpffs.mounted': '/sys/fs/bpf está montado: se pueden fijar (pin) programas y mapas.',
  'bpffs.unmounted.title': 'bpffs no montado',
  'bpffs.unmounted': 'Sin /sys/fs/bpf, «bpftool prog load … /sys/fs/bpf/trace» falla. npm start lo monta si es root.',

  'tracefs.mounted.title': 'tracefs montado',
  'tracefs.mounted': 'tracefs está montado: tracepoints y bpf_printk funcionan.',
  'tracefs.unmounted.title': 'tracefs no montado',
  'tracefs.unmounted': 'Sin tracefs no se pueden enganchar tracepoints ni leer bpf_printk. npm start lo monta si es root.',

  'jit.title': 'JIT de BPF',
  'jit.unreadable': 'No se pudo leer /proc/sys/net/core/bpf_jit_enable.',
  'jit.unreadable.fix': 'Comprueba que /proc está montado y que el kernel tiene CONFIG_BPF_JIT.',
  'jit.on': 'Activado (bpf_jit_enable={value}): los programas se compilan a código máquina.',
  'jit.off': 'Desactivado: los programas se interpretan, más despacio.',

  'unprivileged.title': 'eBPF sin privilegios',
  'unprivileged.allowed':
    'kernel.unprivileged_bpf_disabled=0: cualquier usuario puede cargar algunos programas (filtros de socket). Es cómodo, pero las distribuciones lo desactivan por seguridad.',
  'unprivileged.restricted': 'kernel.unprivileged_bpf_disabled={value}: solo root o quien tenga CAP_BPF puede cargar programas.',
  'unprivileged.restrictedRoot':
    'kernel.unprivileged_bpf_disabled={value}: solo root o quien tenga CAP_BPF puede cargar programas (eres root: no te afecta).',
  'unprivileged.fix': 'Usa root o CAP_BPF (ver Privilegios).',

  'lockdown.title': 'Lockdown',
  'lockdown.sourceConfig': 'la configuración del kernel',
  'lockdown.unknown': 'No se pudo determinar el modo de lockdown (securityfs no montado); probablemente none.',
  'lockdown.confidentiality.title': 'Lockdown: confidentiality',
  'lockdown.confidentiality':
    'Según {source}, el kernel está en lockdown=confidentiality: bloquea leer memoria del kernel desde eBPF (bpf_probe_read_kernel, bpf_probe_read_str sobre punteros del kernel) y con ello casi todo bpftrace y el tracing.',
  'lockdown.confidentiality.fix':
    'Arranca sin lockdown=confidentiality (parámetro lockdown=integrity o none, o desactiva Secure Boot si lo impone).',
  'lockdown.integrity.title': 'Lockdown: integrity',
  'lockdown.integrity':
    'Según {source}, lockdown=integrity: bloquea modificar el kernel en marcha (bpf_probe_write_user, módulos sin firmar), pero no el tracing de las lecciones.',
  'lockdown.none.title': 'Lockdown: none',
  'lockdown.none': 'Sin lockdown: nada bloquea eBPF.',

  'tool.missing': '{name} no está instalado.',
  'tool.found': '{version} ({path}).',
  'tool.unknownVersion': 'versión desconocida',
  'tool.clang.noBpf': 'Este clang no tiene el backend «bpf»: no puede compilar programas eBPF.',
  'tool.bpftrace.dotSyntax':
    'Entiende args.campo, la forma más reciente, y también args->campo, la de las lecciones, que funciona en todas las versiones.',
  'tool.bpftrace.arrowSyntax':
    'Entiende args->campo, la forma de las lecciones, que funciona en todas las versiones (args.campo llegó en la 0.19).',

  'readiness.missing.kernel': 'No disponible en este kernel',
  'readiness.missing.tools': 'Falta una herramienta',
  'readiness.missing.privileges': 'Necesitas privilegios de administrador',
  'readiness.missing.system': 'Falta preparar el sistema',
  'readiness.reason': '{missing}: {why}',
  'readiness.check': '{title}: {detail}',
  'readiness.checkWithFix': '{title}: {detail} Arreglo: {fix}',
  'readiness.kernel.kprobes': 'no tiene kprobes (CONFIG_KPROBES desactivado)',
  'readiness.kernel.kprobeEvents': 'no tiene eventos kprobe (CONFIG_KPROBE_EVENTS)',
  'readiness.kernel.functionTracing': 'fentry/fexit están bloqueados en esta máquina (el kernel responde EPERM incluso a root)',
  'readiness.kernel.bpfLsm': 'no tiene programas LSM (CONFIG_BPF_LSM)',
  'readiness.kernel.btf': 'no tiene BTF (/sys/kernel/btf/vmlinux)',
  'readiness.kernelTooOld': 'necesita un kernel {need} o posterior (tienes {have})',
  'readiness.bpftraceTooOld':
    'esta forma necesita bpftrace {need} o posterior y tienes la {have}; la lección te muestra en su lugar la forma que entiende tu versión',

  'summary.ok.one': '{count} correcta',
  'summary.ok.many': '{count} correctas',
  'summary.warn.one': '{count} aviso',
  'summary.warn.many': '{count} avisos',
  'summary.fail.one': '{count} fallo',
  'summary.fail.many': '{count} fallos',
  'summary.line': '{ok}, {warn}, {fail} — {verdict}',
  'summary.ready': 'tu máquina puede seguir las lecciones',
  'summary.notReady': 'hay requisitos que faltan',
});
