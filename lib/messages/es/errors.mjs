// What the learner reads when clang or bpftrace refuses a program
// (server/runs/error-summary.ts), the note under bpftrace's «Lost N events»,
// and which block to run first when a block needs another (server/runs/needs.ts,
// said by server/terminals/messages.ts). Filled with fill() from ../fill.mjs.

export const errors = /** @type {const} */ ({
  /** A name or a bit of code, quoted. */
  'summary.quoted': '«{text}»',

  // clang: the line above each error or warning.
  'clang.error': 'Error de compilación en {file}, línea {line}: {phrase}',
  'clang.errorUnknown': 'Error de compilación en {file}, línea {line} (debajo, el mensaje original en inglés)',
  'clang.warning': 'Aviso del compilador en {file}, línea {line}: {phrase}',
  'clang.warningUnknown': 'Aviso del compilador en {file}, línea {line} (debajo, el mensaje original en inglés)',

  // clang: the phrase for each message we know.
  /** After a kernel-style integer type (u32, s64…) that <linux/bpf.h> does not define. */
  'clang.kernelIntHint': ' (con <linux/bpf.h> usa __{name}, o incluye solo vmlinux.h)',
  'clang.undeclared': 'identificador no declarado «{name}»{hint}',
  'clang.unknownType': 'tipo desconocido «{name}»{hint}',
  'clang.headerNotFound': 'no se encuentra el fichero de cabecera «{name}»',
  'clang.undeclaredFunction': 'función «{name}» sin declarar (¿falta su #include, o está mal escrito el nombre?)',
  'clang.expectedSemicolon': 'falta «;» (al final de la instrucción, quizá en la línea anterior)',
  'clang.expected': 'falta «{what}»',
  'clang.expectedExpression': 'se esperaba una expresión',
  'clang.expectedIdentifier': 'se esperaba un nombre',
  'clang.expectedStatement': 'se esperaba una instrucción',
  'clang.incompatibleTypes': 'tipos incompatibles: se espera «{want}» y se da «{got}»',
  'clang.intPointer': 'tipos incompatibles: se mezclan un entero y un puntero',
  'clang.pointerTypes': 'tipos de puntero incompatibles',
  'clang.incompatible': 'tipos incompatibles',
  'clang.incompleteType': 'el tipo «{name}» no está definido (¿falta un #include o vmlinux.h?)',
  'clang.noMember': '«{type}» no tiene ningún campo «{name}»',
  'clang.redefinition': '«{name}» está definido dos veces (¿vmlinux.h junto con <linux/bpf.h>?)',
  'clang.unusedVariable': 'la variable «{name}» no se usa',
  'clang.tooFewArguments': 'faltan argumentos en la llamada a la función',
  'clang.tooManyArguments': 'sobran argumentos en la llamada a la función',

  // bpftrace: tokens as the learner would call them.
  'bpftrace.token.endOfFile': 'el final del programa',
  'bpftrace.token.map': 'un mapa (@…)',
  'bpftrace.token.identifier': 'un nombre',
  'bpftrace.token.int': 'un número',
  'bpftrace.token.string': 'una cadena',
  'bpftrace.token.builtin': 'una variable de bpftrace',
  'bpftrace.token.variable': 'una variable ($…)',
  // Several expected tokens: «;» o «}».
  'bpftrace.token.or': '{items} o {last}',

  // bpftrace: the line above each error; {where} is bpftrace.where or nothing.
  'bpftrace.where': ', línea {line}',
  'bpftrace.syntaxUnexpected': 'bpftrace no entiende el programa{where}: error de sintaxis, sobra {unexpected}',
  'bpftrace.syntaxUnexpectedExpecting':
    'bpftrace no entiende el programa{where}: error de sintaxis, sobra {unexpected} (se esperaba {expected})',
  'bpftrace.syntax': 'bpftrace no entiende el programa{where}: error de sintaxis',
  'bpftrace.unknownFunction': 'bpftrace no entiende el programa{where}: función desconocida «{name}»',
  'bpftrace.unknownIdentifier': 'bpftrace no entiende el programa{where}: identificador desconocido «{name}»',
  'bpftrace.unknownField':
    "bpftrace no entiende el programa{where}: campo desconocido «{name}» (bpftrace -lv 'tracepoint:…' lista los campos de args)",
  'bpftrace.probeNotFound': 'bpftrace no encuentra la sonda «{probe}»{where}: este kernel no la tiene (búscala con bpftrace -l)',
  'bpftrace.symbolNotFound':
    'bpftrace no encuentra el símbolo «{name}»{where}: esa función no existe en el ejecutable (o no tiene símbolos)',
  'bpftrace.attachFailed': 'bpftrace no ha podido enganchar la sonda «{probe}»: este kernel no la tiene o no deja engancharse a ella',
  'bpftrace.uprobeTargetMissing': 'bpftrace no encuentra el ejecutable «{file}»{where}',
  'bpftrace.noKfunc': 'este kernel no permite sondas kfunc/kretfunc (fentry){where}',
  'bpftrace.printfType':
    'bpftrace no entiende el programa{where}: el formato de printf no casa con el valor (espera {want} y recibe {got})',
  'bpftrace.unknownAt': 'bpftrace no entiende el programa{where} (debajo, el mensaje original en inglés)',
  'bpftrace.unknown': 'bpftrace ha fallado (debajo, el mensaje original en inglés)',
  'bpftrace.noProbes':
    'bpftrace no ha encontrado ninguna sonda que enganchar: revisa el nombre de la sonda (y, en uprobe, que la función exista)',

  // Under bpftrace's first «Lost N events» of a run.
  'bpftrace.lost':
    '(bpftrace descarta eventos cuando llegan más rápido de lo que se leen: «Lost N events» cuenta los que se han perdido. Este aviso sale una sola vez.)',

  // A block that needs another first; {first} is need.first or need.firstElsewhere.
  'need.first': 'primero ejecuta «{label}»',
  'need.firstElsewhere': 'primero ejecuta «{label}» (en la lección «{lesson}»)',
  'need.map': 'No hay ningún mapa «{name}» cargado: {first} y, mientras siga en marcha, vuelve a ejecutar este bloque.',
  'need.prog': 'No hay ningún programa «{name}» cargado: {first} y, mientras siga en marcha, vuelve a ejecutar este bloque.',
  'need.pin': 'No existe {name}: {first} y luego vuelve a ejecutar este bloque.',
});
