// Terminal sessions (server/terminals/), HTTP error bodies (server/http/), the
// gate's refusals (server/auth.ts), edited-code refusals (server/runs/learner-source.ts),
// the diagnostics queue (server/processes/diagnose.ts) and the run recipes' own
// lines (server/runs/recipes.ts). Filled with fill() from ../fill.mjs.

export const terminal = /** @type {const} */ ({
  // Run and session limits, errors before a process exists.
  'run.timeout': 'Nadie lo ha detenido en {seconds}: se detiene automáticamente.',
  'run.idle': 'Terminal inactivo durante {seconds}: se cierra.',
  'run.tooMany': 'Hay demasiados terminales abiertos (máximo {max}). Cierra alguno (Detener o cerrar la pestaña) y vuelve a intentarlo.',
  'run.spawnFailed': 'No se pudo iniciar «{file}»: {error}.',
  'run.unknownBlock': 'No existe ningún bloque ejecutable «{id}». Recarga la página.',
  'run.unknownExercise': 'No existe ningún ejercicio «{id}». Recarga la página.',

  // The workload the learner started from the page.
  'workload.exec': 'Lanzado «{name}» {runs} veces ({runs} execve).',
  'workload.open': '«{name}» ha abierto {file} {opens} veces.',
  'workload.read': '«{name}» ha hecho {reads} lecturas.',
  'workload.unlink': '«{name}» ha borrado {count} ficheros: {files}.',
  'workload.readline': 'Un «{name}» interactivo ha leído {count} órdenes con readline(): {lines}.',
  'workload.quoted': '«{text}»',
  'workload.other': 'Hecho.',
  // The network and enforcement workloads: one line per thing tried (server/processes/workloads.ts).
  // The run's sandbox (server/processes/sandbox.ts).
  'sandbox.failed':
    'No se pudo crear la red de pruebas de este bloque ({detail}). ¿Está instalado iproute2 (la orden ip)? Ejecuta npm run setup.',
  'sandbox.network':
    'Red de pruebas de esta ejecución: {cli} ({cliAddress}) ↔ {srv} ({srvAddress}, {srvInterface}). Tu programa corre en {srv}; desde el terminal libre: ip netns exec {cli} ping {srvAddress}. Se borra al detener.',
  'sandbox.cgroup': 'Los procesos de prueba de esta ejecución corren en su propio cgroup ({cgroup}); se borra al detener.',
  'workload.network': 'Tráfico en la red de pruebas ({cli} → {srv}):',
  'workload.mkdir': '«{name}» ha intentado crear {dirs}:',
  'workload.unlinkTried': '«{name}» ha intentado borrar {files}:',
  'workload.noNetwork': 'Este bloque no tiene red de pruebas: no hay tráfico que generar.',
  'outcome.ping': '{mark} ping a {srv}: {detail} respuestas',
  'outcome.tcp.ok': '{mark} TCP a {srv}:{port}: conectado, respondió «{detail}»',
  'outcome.tcp.failed': '{mark} TCP a {srv}:{port}: no conectó ({detail}: {meaning})',
  'outcome.udp': '{mark} UDP a {srv}:{port}: llegaron {detail} datagramas',
  'outcome.mkdir.ok': '{mark} mkdir {dir}: creada',
  'outcome.mkdir.failed': '{mark} mkdir {dir}: rechazado ({detail})',
  'outcome.unlink.removed': '{mark} {file}: borrado',
  'outcome.unlink.present': '{mark} {file}: sigue ahí',
  'outcome.exit.ok': '{mark} «{name}» terminó con normalidad',
  'outcome.exit.signal': '{mark} «{name}» terminó por la señal {detail}',
  'outcome.exit.code': '{mark} «{name}» terminó con estado {detail}',
  'errno.EPERM': 'operación no permitida',
  'errno.EACCES': 'permiso denegado',
  'errno.ETIMEDOUT': 'sin respuesta en {seconds}',
  'errno.ECONNREFUSED': 'conexión rechazada',
  'errno.ECONNRESET': 'conexión cortada',
  'errno.EHOSTUNREACH': 'destino inalcanzable',
  'errno.other': 'error',

  // How the process ended.
  'exit.ok': 'El proceso terminó correctamente (código de salida 0).',
  'exit.ctrlC': 'El proceso se detuvo con Ctrl-C (código de salida 130).',
  'exit.code': 'El proceso terminó con el código de salida {code}.',
  'exit.noCode': 'El proceso terminó con el código de salida desconocido.',
  'exit.signal': 'El proceso ha sido {how}.',
  'exit.signal.SIGINT': 'interrumpido (SIGINT)',
  'exit.signal.SIGTERM': 'terminado (SIGTERM)',
  'exit.signal.SIGKILL': 'matado (SIGKILL)',
  'exit.signal.SIGHUP': 'colgado (SIGHUP)',
  'exit.signal.SIGPIPE': 'cortado (SIGPIPE)',
  'exit.signal.SIGSEGV':
    'detenido por un fallo de segmentación (SIGSEGV): el programa leyó o escribió memoria que no es suya (un puntero NULL o liberado, o escribir en skel->rodata después de cargar). Lo que había cargado en el kernel se liberó al morir el proceso',
  'exit.signal.SIGABRT': 'abortado (SIGABRT): el propio programa o la biblioteca C detectaron un error y llamaron a abort()',
  'exit.signal.SIGBUS': 'detenido por un error de bus (SIGBUS): un acceso a memoria no válido',
  'exit.signal.SIGFPE': 'detenido por un error aritmético (SIGFPE), p. ej. una división entre cero',
  'exit.signal.SIGSYS':
    'matado por una llamada al sistema prohibida (SIGSYS): un filtro seccomp respondió KILL (o TRAP sin manejador) a una de sus llamadas',
  'exit.signal.other': 'detenido por la {signal}',
  'exit.signalNumber': 'señal {n}',
  /** The exit sentence followed by why the run may have failed. */
  'exit.withWhy': '{exit} {why}',

  // The gate (Host, Origin, token).
  'gate.host': 'Cabecera Host no permitida.',
  'gate.originMissing': 'Falta la cabecera Origin.',
  'gate.origin': 'Origen no permitido.',
  'gate.token': 'Falta el token de esta sesión o no es válido. Abre la URL que imprimió «npm start».',
  'gate.tokenInUrl': 'Token no válido. Abre la URL que imprimió «npm start» al arrancar.',

  // HTTP error bodies.
  'http.notFound': 'No encontrado.',
  'http.notFoundTitle': 'No encontrado',
  'http.notFoundPage': 'Página no encontrada.',
  'http.tooLarge': 'La petición es demasiado grande (máximo {max} KiB).',
  'http.notJson': 'La petición no es JSON válido.',
  'http.unknownRoute': 'Ruta de la API desconocida.',
  'http.method': 'Método no permitido.',
  'http.internal': 'Error interno del servidor.',
  'http.internalLog': '[taller] error en {path}',
  'http.diagnosticsBody': 'Petición no válida: se esperaba {kind: "c" | "bpftrace", source}.',

  // Code the learner edited.
  'source.notEditable': 'Este bloque no se puede editar: solo se aceptan cambios en programas en C y en bpftrace.',
  'source.notText': 'El código enviado no es texto.',
  'source.tooLarge': 'El código es demasiado grande ({size} KiB; el máximo es {max} KiB).',
  'source.empty': 'El código está vacío.',
  'source.binary': 'El código contiene caracteres binarios o no válidos: pega solo texto.',
  'source.include':
    'No se permite «#{directive} {rest}»: solo se pueden incluir cabeceras del sistema, como <linux/bpf.h> o <bpf/bpf_helpers.h>.',
  'source.asm': 'No se permite ensamblador en línea (asm), .incbin, __has_include ni _Pragma en el código del taller.',

  // Checks while the learner types.
  'diagnose.busy': 'Demasiadas comprobaciones a la vez: espera un momento.',

  // Recipes.
  // The values of a block's settable globals (server/runs/run-config.ts): nothing runs when one is refused.
  'config.none': 'Este bloque no tiene variables que se puedan configurar antes de cargarlo. No se ha ejecutado nada.',
  'config.unknown': 'Este bloque no tiene ninguna variable configurable «{name}» (tiene: {known}). No se ha ejecutado nada.',
  'config.notInteger': '«{name}» debe ser un número entero (solo cifras). No se ha ejecutado nada.',
  'config.range': '«{name}» debe estar entre {min} y {max}. No se ha ejecutado nada.',
  'config.notAscii':
    '«{name}» solo admite letras, cifras y signos ASCII imprimibles (sin acentos ni caracteres de control): el programa compara bytes. No se ha ejecutado nada.',
  'config.tooLong': '«{name}» admite como mucho {max} caracteres (el último byte del array es el \\0 final). No se ha ejecutado nada.',
  'recipe.cached': '(sin cambios desde la última vez: se reutiliza el objeto compilado)',
  'loader.pinsRemoved':
    'Tu cargador fijó en /sys/fs/bpf: {pins}. Un objeto fijado sigue en el kernel aunque el proceso termine, así que el taller lo ha borrado (en tu máquina lo harías con rm).',
  'loader.cached': '(sin cambios desde la última vez: se reutiliza el cargador compilado)',
  'loader.noBpf': 'Este cargador no nombra su programa BPF (bpf="bpf/….bpf.c" en el bloque).',
  'loader.bpfFailed':
    'No se pudo compilar el programa BPF {bpf}, así que no hay {object} del que generar el esqueleto. Arriba está el error de clang.',
  'loader.skeletonFailed':
    'bpftool no pudo generar el esqueleto {skeleton} a partir de {object}: ¿tu bpftool tiene «gen skeleton»? (bpftool 5.6 o posterior; en Debian, «apt-get install bpftool»).',
  'loader.ccFailed':
    'No se pudo compilar el cargador {source}. Arriba está el error del compilador de C; recuerda incluir "{skeleton}" (el esqueleto que genera bpftool) y <bpf/libbpf.h>.',
  'program.cached': '(sin cambios desde la última vez: se reutiliza el programa compilado)',
  'program.ccFailed':
    'No se pudo compilar el programa {source}, así que no hay nada que ejecutar. Arriba está el error del compilador de C (cc), con la línea donde está el problema.',
  'source.loaderSkeleton':
    'El cargador debe incluir el esqueleto de su programa BPF con #include "{skeleton}": es el único fichero propio que puede incluir (el resto, cabeceras del sistema).',
  'recipe.noRunner': 'El ejecutor de programas en C no está compilado. Ejecuta «make -C bpf» (npm start lo hace) y vuelve a intentarlo.',
  'vmlinux.noBtf':
    'Este programa incluye vmlinux.h, que se genera a partir del BTF de tu kernel, pero tu kernel no tiene BTF ({path} no existe: hace falta CONFIG_DEBUG_INFO_BTF=y). Mira la lección de requisitos, o usa <linux/bpf.h> como en las lecciones 2 a 4.',
  'vmlinux.noBpftool':
    'Este programa incluye vmlinux.h, que se genera con bpftool a partir del BTF de tu kernel, pero bpftool no está instalado. Instálalo (npm start lo intenta) y vuelve a intentarlo.',
  'vmlinux.failed': 'No se pudo generar vmlinux.h a partir del BTF de tu kernel: {detail}',
});
