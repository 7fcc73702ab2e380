// What the build says to a lesson's author: bad includes, block ids and frontmatter.
export const lessons = /** @type {const} */ ({
  'include.missing': 'Lección «{lesson}»: el bloque incluye «{file}», que no existe.',
  'include.outsideBpf': 'El bloque incluye «{file}», pero solo se pueden incluir ficheros de bpf/ (p. ej. bpf/trace.bpf.c).',
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
  'lesson.unknown': 'desconocida',
  'frontmatter.kernelVersion': 'debe ser una versión «mayor.menor», p. ej. «5.8»',
});
