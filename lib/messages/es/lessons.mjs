// What the build says to a lesson's author: bad includes, block ids and frontmatter.
export const lessons = /** @type {const} */ ({
  'include.missing': 'Lección «{lesson}»: el bloque incluye «{file}», que no existe.',
  'include.outsideBpf': 'El bloque incluye «{file}», pero solo se pueden incluir ficheros de bpf/ (p. ej. bpf/trace.bpf.c).',
  'include.badBpf':
    'El cargador nombra «{file}» como su programa BPF, pero debe ser un fichero bpf/<nombre>.bpf.c cuyo nombre valga como identificador de C (letras, cifras y _), p. ej. bpf/execsnoop.bpf.c.',
  'block.loaderNotC':
    'Lección «{lesson}»: el bloque «{id}» nombra un programa BPF (bpf="…"), así que es un cargador y debe ser un bloque «c».',
  'block.loaderFile':
    'Lección «{lesson}»: el cargador «{id}» debe incluir su código de usuario con file="bpf/<nombre>.c" (no .bpf.c): ese nombre ve el compilador.',
  'block.badId': 'Lección «{lesson}»: el identificador de bloque ejecutable «{id}» no es válido (se esperan minúsculas, cifras y guiones).',
  'block.badExpect': 'Lección «{lesson}», bloque «{id}»: «expect="{expect}"» no es una expresión regular válida.',
  'block.notRunnable':
    'Lección «{lesson}»: el bloque «{id}» está marcado como ejecutable pero su lenguaje «{lang}» no lo es (se admiten: {accepted}).',
  'block.duplicateId': 'El identificador de bloque «{id}» aparece en «{first}» y en «{second}»; debe ser único.',
  'block.badBpftraceMin':
    'Lección «{lesson}»: «bpftrace-min="{min}"» no es una versión de bpftrace válida (se espera «mayor.menor», p. ej. «0.19»).',
  'block.badVariant': 'Lección «{lesson}»: el grupo de variantes «{group}» no es válido (se esperan minúsculas, cifras y guiones).',
  'block.variantAlone':
    'Lección «{lesson}»: el grupo de variantes «{group}» tiene un solo bloque; un grupo reúne dos formas o más del mismo fragmento.',
  'block.repeatedId': 'Lección «{lesson}»: el identificador «{id}» está repetido.',
  // A block's settable globals: `config="name:type=default,…"` (lib/lessons/config.ts).
  'config.notC':
    'Lección «{lesson}», bloque «{id}»: «config=» solo vale en bloques de C (las variables globales se escriben antes de cargar el objeto).',
  'config.empty': 'Lección «{lesson}», bloque «{id}»: «config=» está vacío; escribe «nombre:tipo=valor», p. ej. «pid_objetivo:pid=0».',
  'config.tooMany': 'Lección «{lesson}», bloque «{id}»: «config=» declara más de {max} variables.',
  'config.badItem': 'Lección «{lesson}», bloque «{id}»: «{item}» no tiene la forma «nombre:tipo» o «nombre:tipo=valor».',
  'config.badName': 'Lección «{lesson}», bloque «{id}»: «{name}» no es un nombre de variable de C.',
  'config.repeated': 'Lección «{lesson}», bloque «{id}»: la variable «{name}» aparece dos veces en «config=».',
  'config.badType':
    'Lección «{lesson}», bloque «{id}»: el tipo «{type}» de «{name}» no existe (se admiten pid, u32, u64, s32, s64, texto y textoN, p. ej. texto16).',
  'config.badSize': 'Lección «{lesson}», bloque «{id}»: el tamaño del texto «{name}» debe estar entre 2 y {max}.',
  'config.badDefault': 'Lección «{lesson}», bloque «{id}»: el valor por defecto «{value}» no vale para «{name}».',
  'lesson.unknown': 'desconocida',
  'section.fundamentos.label': 'Fundamentos',
  'section.fundamentos.summary': 'Qué es eBPF, tu primer programa en C, bpftrace, los mapas y lo que necesita tu máquina.',
  'section.programar.label': 'Programar eBPF en C',
  'section.programar.summary':
    'Programas portables (CO-RE), eventos hacia espacio de usuario, configuración, el verificador, funciones y tu propio cargador.',
  'section.observabilidad.label': 'Observabilidad',
  'section.observabilidad.summary': 'Medir latencias, engancharse a funciones del kernel y de tus programas, y bpftrace a fondo.',
  'section.redes.label': 'Redes',
  'section.redes.summary': 'Filtros de socket, XDP y tc en una red de prueba privada.',
  'section.seguridad.label': 'Seguridad',
  'section.seguridad.summary': 'LSM BPF, señales y seccomp sobre procesos que crea el propio taller.',
  'section.seguir.label': 'Para seguir',
  'section.seguir.summary': 'Documentación, libros y proyectos para seguir aprendiendo después del taller.',
  'frontmatter.kernelVersion': 'debe ser una versión «mayor.menor», p. ej. «5.8»',
});
