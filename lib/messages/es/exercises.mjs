// Exercises: loading the folders (server/exercises/folders.ts, catalog.ts), the
// Comprobar notices (check-run.ts) and the phrasing helpers the judges share
// (judge-kit.ts). The judges' own verdicts live in content/ejercicios/<id>/juez.ts.
// Filled with fill() from ../fill.mjs.

export const exercises = /** @type {const} */ ({
  // Comprobar.
  'check.started': 'Comprobando: se lanza «{workload}» para generar eventos conocidos…',
  /** {summary}: the verifier's cause in a few words (lib/messages/es/verifier.mjs). */
  'check.verifierRejected':
    'El verificador rechazó el programa («{summary}»), así que no llegó a cargarse. Se esperaba que lo aceptara y ' +
    'se enganchara para lanzar «{workload}»: lee en el terminal la línea decisiva y la explicación, corrige el código y vuelve a intentarlo.',
  'check.notAttached':
    'El programa no llegó a engancharse, así que no se pudo comprobar: corrige el error que se ve en el terminal y vuelve a intentarlo.',

  // Phrasing helpers for the judges.
  /** A text in «». */
  'judge.quote': '«{text}»',
  /** The last two items of a list: «a y b». */
  'judge.list.last': '{items} y {last}',
  'judge.list.more': '{items} y {rest} más',
  'judge.pid.one': ' (fue {pid})',
  'judge.pid.many': ' (se lanzó {count} veces: sus PID fueron {pids})',
  'judge.other.one': 'otro proceso ({names})',
  'judge.other.many': 'otros {count} procesos ({names})',

  // ejercicio.yaml: zod messages, each about one field ({what} says which).
  'meta.required': 'es obligatorio ({what})',
  'meta.notText': 'debe ser un texto ({what})',
  'meta.empty': 'no puede estar vacío ({what})',
  'meta.title': 'el título del ejercicio, en español (se ve en el ejercicio y en /progreso/)',
  'meta.workload': 'debe ser una de las cargas conocidas: {kinds} (server/processes/workloads.ts)',
  'meta.fileName': 'el nombre del archivo que muestra el editor, p. ej. «programa.bpf.c»',
  'meta.fileNameForm': 'debe ser un nombre de archivo como «programa.bpf.c», «programa.bt» o «cargador.c», sin carpetas',
  'meta.hint': 'cada pista es un texto',
  'meta.hintsRequired': 'es obligatorio (la lista de pistas, de la más suave a la que casi da la respuesta)',
  'meta.hintsNotList': 'debe ser una lista de textos',
  'meta.hintsEmpty': 'debe tener al menos una pista',

  // ejercicio.yaml: one zod issue, the field named.
  'issue.unknownField': 'campo desconocido: {keys} (los campos son {fields}).',
  'issue.unknownFields': 'campos desconocidos: {keys} (los campos son {fields}).',
  'issue.notObject': 'debe ser un objeto con los campos {fields}.',
  'issue.field': 'el campo «{field}» {message}.',
  'issue.key': '«{key}»',

  // Exercise folders and their placement in the lessons; {path} is the file or folder.
  'folder.errors': 'Ejercicios con errores:',
  'folder.problem': '  - {problem}',
  'folder.placementNoId': '{path}: <Exercise> necesita un atributo id="…" con el nombre de la carpeta del ejercicio.',
  'folder.placedTwice': '{path}: el ejercicio «{id}» ya está colocado en {other}; cada ejercicio va en una sola lección.',
  'folder.badId':
    '{path}: el nombre de la carpeta es el id del ejercicio y solo puede llevar minúsculas, cifras y guiones (p. ej. «mapa-por-comando»).',
  'folder.missingFile': '{path}: falta este archivo.',
  'folder.badYaml': '{path}: no es YAML válido: {error}',
  'folder.issue': '{path}: {issue}',
  'folder.noStart':
    '{path}: debe tener un código de inicio: «inicio.bpf.c» (C), «inicio.bt» (bpftrace) o «inicio.c» (un cargador, con su «programa.bpf.c», o un programa de usuario sin BPF ni «workload»).',
  'folder.twoStarts':
    '{path}: debe tener un solo código de inicio: «inicio.bpf.c» (C), «inicio.bt» (bpftrace) o «inicio.c» (un cargador o un programa de usuario), no varios.',
  'folder.missingLoaderBpf':
    '{path}: falta el programa BPF que carga el cargador (un ejercicio con «inicio.c» lo necesita; su esqueleto se llama «programa.skel.h»). Si es un programa de usuario sin BPF, que Comprobar ejecuta y juzga por lo que imprime, quita «workload» de ejercicio.yaml.',
  'folder.missingSolution': '{path}: falta la solución.',
  'folder.fileNameExt': '{path}: el campo «fileName» debe terminar en «{ext}», como el código de inicio ({start}).',
  'folder.notPlaced': '{path}: ninguna lección coloca este ejercicio; añade <Exercise id="{id}" /> a la lección que lo muestra.',
  'folder.noFolder': '{path}: <Exercise id="{id}"> no corresponde a ninguna carpeta de {root}/.',
  'folder.badJudge': '{path}: debe exportar por defecto { satisfied(o), judge(o) } (ver server/exercises/judge-kit.ts).',
});
