// The C runner's events as terminal text (server/bpf/runner-stream.ts). The runner
// prints codes and data (server/bpf/runner-events.ts); every sentence is here. The
// marks before a sentence (✔, ⚠, ✘) and its colours are added by the code.

export const runner = /** @type {const} */ ({
  // A map dumped when the program stops: a header, then one line per entry.
  'maps.header': 'mapa {name} ({type}): {count} entradas',
  'maps.headerOne': 'mapa {name} ({type}): 1 entrada',
  'maps.headerTruncated': 'mapa {name} ({type}): {count} entradas (se muestran las primeras)',
  /** Anonymous struct and union members, which come without a name. */
  'maps.anonymousMember': '(anónimo)',

  loaded: 'Cargado «{program}» en el kernel (id {id}).',
  attached: 'Enganchado «{program}» a {section}.',
  // A program the runner attached in the run's sandbox: target is «xdp srv0», «tc ingress srv0», «socket srv0», «cgroup».
  attachedTo: 'Enganchado «{program}» ({section}) a {target}.',
  socketDelivered: 'Filtro «{program}»: paquetes entregados al socket hasta ahora: {count}.',
  /** A program in a prog array, run by bpf_tail_call() from another one (not attached on purpose). */
  tailCallTarget:
    '«{program}» ({section}) no se engancha: está en un mapa de programas (PROG_ARRAY) y se ejecuta cuando otro programa le pasa el control con bpf_tail_call().',
  /** {reason}: one of the skip.* sentences. */
  skipped: '«{program}» ({section}) no tiene enganche automático: {reason}.',
  /** {reason}: one of the attach.* sentences, or a privileges.* one without its final full stop. */
  attachFailed: 'No se pudo enganchar «{program}» ({section}): {reason}.',
  'ready.one': 'En marcha ({count} enganchado). Pulsa Detener para desengancharlo.',
  'ready.other': 'En marcha ({count} enganchados). Pulsa Detener para desengancharlo.',
  'verifier.rejected': 'El verificador ha rechazado «{program}»: {decisive}',
  'verifier.where': 'en {file}:{line}: {code}',
  printkUnavailable: 'No se podrá ver la salida de bpf_printk: no se pudo crear una instancia de tracefs ({strerror}).',
  unloaded: 'Desenganchado y descargado: no queda nada en el kernel.',
  eventsUnavailable: 'No se podrán ver los eventos del mapa {map}: no se pudo abrir ({strerror}).',
  /** The first time the runner drops records of a map over the rate limit. */
  'events.capped':
    'El mapa {map} envía más de {max} eventos por segundo: se muestran {max} por segundo y el resto se cuentan como descartados, para que la página siga respondiendo.',
  /** At exit, when records were dropped by the workshop or lost by the kernel. */
  'events.counts': 'Mapa {map}: {dropped} eventos descartados por el taller y {lost} perdidos por el kernel.',

  // Why a program type has no auto-attach: completes «… no tiene enganche automático: ».
  'skip.xdp': 'XDP se engancha a una interfaz de red concreta (ip link set dev IFAZ xdp obj …); el ejecutor no elige una por ti',
  'skip.socketFilter': 'un filtro de socket se engancha a un socket concreto con setsockopt(SO_ATTACH_BPF)',
  'skip.tc': 'un programa de tc se engancha a una interfaz con tc qdisc/filter',
  'skip.perfEvent': 'necesita un evento perf abierto con perf_event_open()',
  'skip.cgroup': 'un programa de cgroup se engancha a un cgroup concreto',
  'skip.unknownSection': 'libbpf no sabe engancharlo automáticamente a partir del nombre de su sección',

  // Why attaching failed: completes «No se pudo enganchar «p» (sección): » (no final full stop).
  'attach.kprobesMissing': 'este kernel no tiene kprobes (CONFIG_KPROBES desactivado): usa un tracepoint o raw_tp en su lugar',
  'attach.targetMissing': 'el punto de enganche no existe en este kernel ({section})',
  'attach.functionMissing':
    'este kernel no tiene ninguna función «{target}» que se pueda sondear: quizá se llama de otra forma en esta versión, ' +
    'o el compilador la ha integrado (inline) en quien la llama. Búscala en /sys/kernel/tracing/available_filter_functions',
  'attach.symbolMissing':
    'no se encuentra «{target}»: el fichero no existe o no tiene ese símbolo (compruébalo con nm -D o readelf -Ws; un binario sin .symtab solo conserva los símbolos dinámicos)',
  'attach.systemError': 'no se pudo enganchar: {strerror}',

  // EPERM on load or attach: blocked although privileged (as root or with the capabilities),
  // or privileges missing ({capabilities}: capabilities.one or capabilities.two).
  'privileges.blockedAsRoot':
    'El kernel ha rechazado el programa con EPERM aunque tienes los privilegios necesarios (eres root). ' +
    'Suele deberse a una política del sistema: lockdown, o un tipo de programa (fentry/fexit/lsm) bloqueado en este kernel o máquina virtual.',
  'privileges.blockedWithCapabilities':
    'El kernel ha rechazado el programa con EPERM aunque tienes los privilegios necesarios (CAP_BPF y CAP_PERFMON). ' +
    'Suele deberse a una política del sistema: lockdown, o un tipo de programa (fentry/fexit/lsm) bloqueado en este kernel o máquina virtual.',
  'privileges.missing':
    'Faltan privilegios para cargar programas eBPF: no eres root y no tienes {capabilities} ' +
    '(o CAP_SYS_ADMIN en kernels anteriores a 5.8). Arranca el taller con «npm start» (pide tu contraseña de sudo una vez) o concede esas capacidades.',
  /** Two or more capabilities, joined one pair at a time: «CAP_BPF y CAP_PERFMON». */
  'privileges.capabilityPair': '{first} y {second}',

  // The sentence of an `error` event.
  'error.openFailed': 'No se pudo abrir «{path}»: {strerror}.',
  'error.openFailedNoBtf': 'No se pudo abrir «{path}»: {strerror}. ¿Compilaste con -g? Los mapas necesitan BTF.',
  'error.verifierRejected': 'El verificador ha rechazado el programa.',
  'error.loadFailed': 'El kernel no ha aceptado el objeto: {strerror}. {libbpf}',
  'error.nothingAttached': 'No se ha enganchado ningún programa: no hay nada que observar.',
  // A global variable set before load (runner --set, bpf/runner/globals.c); nothing is loaded.
  'error.globalUnknown':
    'El programa no tiene ninguna variable global «{name}» en .rodata, .data ni .bss: declárala fuera de las funciones ' +
    '(por ejemplo, const volatile __u32 {name} = 0;) para poder darle un valor antes de cargarlo. No se ha cargado nada.',
  'error.globalType':
    'La variable «{name}» ({section}) no es un entero ni un char[]: no se le puede dar un valor desde aquí. No se ha cargado nada.',
  'error.globalValue':
    'El valor de «{name}» ({section}) no cabe en su tipo, o no es un número entero / texto ASCII imprimible. No se ha cargado nada.',
  'error.globalTooLong':
    'El texto para «{name}» ({section}) no cabe en su array (hace falta sitio para el \\0 final). No se ha cargado nada.',
  /** A global variable written before load: {value} is a number or "text". */
  global: 'Antes de cargar: {name} = {value} (en {section}).',
});
