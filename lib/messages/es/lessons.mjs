// What the build says to a lesson's author: bad includes, block ids and frontmatter.
export const lessons = /** @type {const} */ ({
  'include.missing': 'Lección «{lesson}»: el bloque incluye «{file}», que no existe.',
  'include.outsideBpf': 'El bloque incluye «{file}», pero solo se pueden incluir ficheros de bpf/ (p. ej. bpf/trace.bpf.c).',
  'block.badId': 'Lección «{lesson}»: el identificador de bloque ejecutable «{id}» no es válido (se esperan minúsculas, cifras y guiones).',
  'block.badExpect': 'Lección «{lesson}», bloque «{id}»: «expect="{expect}"» no es una expresión regular válida.',
  'block.notRunnable':
    'Lección «{lesson}»: el bloque «{id}» está marcado como ejecutable pero su lenguaje «{lang}» no lo es (se admiten: {accepted}).',
  'block.duplicateId': 'El identificador de bloque «{id}» aparece en «{first}» y en «{second}»; debe ser único.',
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
  'frontmatter.kernelVersion': 'debe ser una versión «mayor.menor», p. ej. «5.8»',
});
