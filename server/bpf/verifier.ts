// Reads a verifier log the way a teacher would: finds the decisive line, the
// source line it points at, and explains the cause in Spanish.
//
// A log (6.x, log level 1) is a walk through the program: `; code @ file.c:LINE`
// annotations, instructions (`12: (79) r1 = *(u64 *)(r0 +0)`), register states
// (`0: R1=ctx() R10=fp0`, `from 7 to 13: ...`), and at the end the error: one or
// more message lines, sometimes followed by state dumps (`cur state:`, `old state:`)
// and always by statistics (`processed N insns ...`). The decisive line is the
// first message line after the last instruction; the corpus in
// tests/fixtures/verifier/ holds real logs of every kind of rejection explained here.

export interface VerifierExplanation {
  /** The line that says why the program was rejected. */
  decisive: string;
  /** The source line the verifier was checking, from the `; code @ file.c:LINE` annotations. */
  source: { code: string; file: string; line: number } | null;
  /** Which known cause it is, or null. */
  cause: VerifierCause | null;
  /** The cause in a few Spanish words (e.g. «Falta comprobar que el puntero no es NULL»), or a generic title. */
  summary: string;
  /** How to fix it, in Spanish (also the end of `explanation`). */
  fix: string;
  /** What it means and how to fix it, in Spanish: the «Qué significa» of the page. */
  explanation: string;
}

export type VerifierCause =
  | 'null-check'
  | 'out-of-bounds'
  | 'unbounded-index'
  | 'packet-bounds'
  | 'gpl-only'
  | 'infinite-loop'
  | 'unbounded-loop'
  | 'too-complex'
  | 'too-many-jumps'
  | 'stack-limit'
  | 'stack-out-of-bounds'
  | 'context-access'
  | 'context-write'
  | 'context-pointer-arithmetic'
  | 'misaligned'
  | 'uninitialized'
  | 'unknown-helper'
  | 'helper-argument'
  | 'sleepable-helper'
  | 'unreleased-reference'
  | 'callback-return'
  | 'return-value'
  | 'readonly-map'
  | 'scalar-dereference'
  | 'unreachable-insn';

/** What the explanation may use besides the decisive line. */
interface Context {
  /** The regex match on the decisive line (or on the line it was found in). */
  m: RegExpExecArray;
  /** The instruction the verifier was checking when it failed, if the log shows it. */
  insn: string | null;
  /** Source line of an instruction index, from the annotations in the log. */
  sourceOf: (insn: number) => VerifierExplanation['source'];
}

interface Cause {
  cause: VerifierCause;
  test: RegExp;
  /** Only when this also holds (e.g. the failing instruction is a store). */
  when?: (c: Context) => boolean;
  summary: string;
  meaning: string | ((c: Context) => string);
  fix: string;
}

const STORE = /^\d+: \([0-9a-f]{2}\) \*\(/;

/** `smin=2 smax=2` → «2»; a range → «un valor entre A y B»; else «un valor (…)». */
function range(text: string): string {
  const m = /smin=(-?\d+) smax=(-?\d+)/.exec(text);
  if (m && m[1] === m[2]) return m[1];
  if (m) return `un valor entre ${m[1]} y ${m[2]}`;
  return `un valor (${text})`;
}

const KINDS: Record<string, string> = {
  fp: 'un puntero a la pila',
  ctx: 'el contexto',
  scalar: 'un número',
  inv: 'un número',
  map_ptr: 'un mapa',
  map_value: 'un puntero a un valor de mapa',
  map_value_or_null: 'un puntero a un valor de mapa que puede ser NULL',
  pkt: 'un puntero al paquete',
  mem: 'un puntero a memoria',
  func: 'una función',
};

/** A register type of the verifier, in Spanish when known. */
function kind(t: string): string {
  return KINDS[t.replace(/\(.*$/, '')] ?? 'otro tipo';
}

const CAUSES: Cause[] = [
  {
    cause: 'null-check',
    test: /^(R\d+) invalid mem access '(\w*_or_null)'/,
    summary: 'Falta comprobar que el puntero no es NULL',
    meaning: ({ m }) =>
      `El registro ${m[1]} contiene un puntero que puede ser NULL (${m[2]}), por ejemplo el que devuelve ` +
      'bpf_map_lookup_elem() cuando la clave no está en el mapa o bpf_ringbuf_reserve() cuando no queda sitio, ' +
      'y lo usas sin comprobarlo. El verificador exige que tengas en cuenta ese caso.',
    fix: 'comprueba el puntero antes de usarlo, por ejemplo «if (!valor) return 0;».',
  },
  {
    cause: 'scalar-dereference',
    test: /^(R\d+) invalid mem access '(scalar|inv)'/,
    summary: 'Se usa un número como si fuera un puntero',
    meaning: ({ m }) =>
      `El registro ${m[1]} contiene un número (un escalar), no un puntero que el verificador sepa seguro, y el ` +
      'programa lee o escribe en la dirección que indica. Pasa, por ejemplo, al leer directamente un puntero ' +
      'que llega como argumento de un tracepoint (el nombre de fichero de execve es memoria del proceso).',
    fix:
      'copia la memoria con un helper: bpf_probe_read_user_str() o bpf_probe_read_user() para memoria del ' +
      'proceso, bpf_probe_read_kernel() (o BPF_CORE_READ) para memoria del kernel.',
  },
  {
    cause: 'out-of-bounds',
    test: /invalid access to map value, value_size=(\d+) off=(-?\d+) size=(\d+)|R\d+ (min|max) value is outside of the allowed memory range|invalid access to memory, mem_size=\d+ off=-?\d+ size=\d+/,
    summary: 'Acceso fuera de los límites del valor del mapa',
    meaning: ({ m }) =>
      (m[1]
        ? `El valor del mapa mide ${m[1]} bytes y el programa accede a ${m[3]} bytes en el desplazamiento ${m[2]}, ` +
          'fuera de ese espacio. '
        : 'El programa accede a memoria fuera del espacio que el verificador puede demostrar. ') +
      'Suele ser un índice que se pasa del tamaño del array (recuerda que un array de N elementos va de 0 a N-1).',
    fix: 'revisa el índice o el tamaño del valor; si el índice se calcula, compáralo con el tamaño antes de usarlo.',
  },
  {
    cause: 'unbounded-index',
    test: /^(R\d+) unbounded memory access|math between \w+ pointer and register with unbounded min value|(R\d+) min value is negative|invalid variable-offset|unbounded min value is not allowed/,
    summary: 'Índice sin acotar',
    meaning:
      'El programa suma a un puntero un valor cuyo rango el verificador no conoce (por ejemplo un índice que sale ' +
      'del PID o de un argumento), así que no puede demostrar que el acceso queda dentro de la memoria.',
    fix:
      'acota el índice antes de usarlo, con una comparación que el verificador vea: «if (i >= TAM) return 0;» ' +
      '(o «i &= TAM - 1» si TAM es potencia de dos); usa tipos sin signo para que no pueda ser negativo.',
  },
  {
    cause: 'packet-bounds',
    test: /invalid access to packet|offset is outside of the packet/,
    summary: 'Lectura del paquete sin comprobar su longitud',
    meaning:
      'El programa lee del paquete sin haber comprobado antes que el paquete es lo bastante largo. El ' +
      'verificador solo permite leer entre ctx->data y ctx->data_end cuando una comparación lo demuestra.',
    fix:
      'antes de leer, compara con el final del paquete: «if (data + sizeof(*eth) > data_end) return XDP_PASS;» ' +
      '(con data y data_end sacados de ctx).',
  },
  {
    cause: 'gpl-only',
    test: /cannot call GPL-restricted function|GPL-compatible license/,
    summary: 'Helper solo para programas con licencia GPL',
    meaning:
      'El programa llama a un helper (por ejemplo bpf_printk o bpf_probe_read_*) que solo pueden usar los ' +
      'programas con una licencia compatible con GPL, y su licencia no lo es.',
    fix: 'declara la licencia con «char LICENSE[] SEC("license") = "GPL";» (o "Dual BSD/GPL").',
  },
  {
    cause: 'infinite-loop',
    test: /^infinite loop detected at insn (\d+)/,
    summary: 'Bucle infinito',
    meaning: ({ m }) =>
      `El verificador ha vuelto a la instrucción ${m[1]} exactamente en el mismo estado: el bucle no cambia ` +
      'nada que lo haga terminar, así que daría vueltas para siempre. Un programa eBPF tiene que acabar siempre.',
    fix:
      'da al bucle una condición de salida que avance (un contador con un límite constante, ' +
      '«for (int i = 0; i < 16; i++)»), o usa bpf_loop().',
  },
  {
    cause: 'unbounded-loop',
    test: /back-edge from insn|loop is not bounded|unbounded loop/,
    summary: 'Bucle sin límite demostrable',
    meaning:
      'El verificador no puede demostrar que el bucle termina (en este contexto no admite saltos hacia atrás ' +
      'o el límite no es conocido). Todo programa eBPF debe acabar en un número acotado de pasos.',
    fix: 'usa un límite constante en el bucle («for (int i = 0; i < 16; i++)») o bpf_loop() (kernels ≥ 5.17).',
  },
  {
    cause: 'too-many-jumps',
    test: /The sequence of (\d+) jumps is too complex/,
    summary: 'Demasiadas ramas pendientes',
    meaning: ({ m }) =>
      'El verificador recorre por separado cada camino posible. Dentro de un bucle, cada «if» que depende de un ' +
      `dato de ejecución duplica los caminos; ha acumulado ${m[1]} ramas pendientes de revisar y se rinde ` +
      '(el límite es 8192).',
    fix:
      'reduce las iteraciones del bucle o saca la decisión fuera de él; para muchas iteraciones usa bpf_loop(), ' +
      'que el verificador comprueba una sola vez.',
  },
  {
    cause: 'too-complex',
    test: /BPF program is too large|too complex|processed 1000001 insns/,
    summary: 'Programa demasiado largo para el verificador',
    meaning:
      'Para aceptar el programa, el verificador recorre cada instrucción de cada camino y de cada vuelta de cada ' +
      'bucle, con un límite de un millón de instrucciones. Este programa lo supera: un bucle con muchas ' +
      'vueltas, o uno cuyo límite se lee en ejecución (de un mapa, de un argumento) y que el verificador ' +
      'tiene que seguir hasta agotar el límite.',
    fix:
      'pon al bucle un límite constante y pequeño («i < 64 && i < n»), usa bpf_loop() para muchas vueltas, o ' +
      'divide el trabajo en varios programas.',
  },
  {
    cause: 'stack-limit',
    test: /combined stack size of (\d+) calls is (\d+)/,
    summary: 'Se supera el límite de 512 bytes de pila',
    meaning: ({ m }) =>
      `Las ${m[1]} funciones que se llaman unas a otras usan juntas ${m[2]} bytes de pila, y un programa eBPF ` +
      'tiene 512 bytes en total para toda la cadena de llamadas.',
    fix:
      'usa menos variables locales grandes: guarda los arrays y estructuras grandes en un mapa (un ' +
      'BPF_MAP_TYPE_PERCPU_ARRAY de una entrada sirve como memoria de trabajo).',
  },
  {
    cause: 'stack-out-of-bounds',
    test: /invalid (write|read) to stack (R\d+ )?off=(-?\d+) size=\d+|invalid (indirect )?(write|read) to stack|(stack|frame pointer) is (out of bounds|read only)|invalid stack off=/,
    summary: 'Acceso fuera de la pila',
    meaning: ({ m }) =>
      'La pila de un programa eBPF tiene 512 bytes, de r10 - 512 a r10 - 1' +
      (m[3] ? `, y el programa accede a r10 ${m[3]}, fuera de ella.` : ', y el programa accede fuera de ella.'),
    fix: 'reduce las variables locales grandes o guárdalas en un mapa (BPF_MAP_TYPE_PERCPU_ARRAY).',
  },
  {
    cause: 'context-pointer-arithmetic',
    test: /variable ctx access|dereference of modified ctx ptr|modified ctx ptr|ctx pointer .*disallowed/,
    summary: 'Aritmética con el puntero al contexto',
    meaning:
      'El programa desplaza el puntero al contexto (ctx) con un valor calculado en ejecución y lee a través de ' +
      'él. El verificador solo permite leer campos de ctx en posiciones fijas, conocidas al compilar.',
    fix: 'lee el campo directamente (ctx->args[1], o un «switch» con un caso por campo) en lugar de calcular su dirección.',
  },
  {
    cause: 'context-write',
    test: /invalid bpf_context access off=(\d+) size=(\d+)|cannot write into (ctx|context)/,
    when: ({ insn, m }) => m[0].startsWith('cannot write') || (insn !== null && STORE.test(insn)),
    summary: 'Escritura en el contexto, que es de solo lectura',
    meaning:
      'El programa escribe en su contexto (ctx). En los tracepoints y en casi todos los tipos de programa el ' +
      'contexto es de solo lectura: describe el evento, no se puede cambiar.',
    fix: 'copia el valor a una variable local (o a un mapa) y modifica la copia.',
  },
  {
    cause: 'context-access',
    test: /invalid bpf_context access off=(\d+) size=(\d+)|invalid access to context/,
    summary: 'Lectura del contexto en una posición no permitida',
    meaning: ({ m }) =>
      (m[1] ? `El programa lee ${m[2]} bytes del contexto (ctx) en el desplazamiento ${m[1]}, ` : 'El programa lee el contexto (ctx) en ') +
      'una posición que este tipo de programa no permite: fuera de la estructura, con un tamaño distinto del ' +
      'campo o desalineada. Suele pasar al usar una estructura de contexto que no es la de la sección.',
    fix:
      'usa la estructura de contexto de tu sección (por ejemplo struct trace_event_raw_sys_enter para ' +
      'tracepoint/syscalls/sys_enter_*; en raw_tp hay como mucho 12 argumentos) y lee solo sus campos.',
  },
  {
    cause: 'misaligned',
    test: /misaligned (\w+ )?access( off [^ ]*?(-?\d+) size (\d+))?|unaligned (\w+ )?access/,
    summary: 'Acceso a memoria desalineado',
    meaning: ({ m }) =>
      (m[3]
        ? `El programa accede a ${m[4]} bytes en el desplazamiento ${m[3]}, que no es múltiplo de ${m[4]}. `
        : 'El programa lee o escribe un valor en una dirección que no es múltiplo de su tamaño. ') +
      'El verificador exige que los accesos a la pila (y, según la arquitectura, a otras memorias) estén alineados.',
    fix: 'usa desplazamientos múltiplos del tamaño del acceso (r10 - 8, r10 - 16, …), o deja que clang coloque las variables.',
  },
  {
    cause: 'uninitialized',
    test: /^(R\d+) !read_ok|invalid indirect read from stack|uninitialized|invalid read from stack/,
    summary: 'Uso de un registro o variable sin inicializar',
    meaning: ({ m }) =>
      (m[1]
        ? `El programa lee el registro ${m[1]} antes de que nada le haya dado valor. `
        : 'El programa lee memoria de la pila antes de darle valor. ') +
      'El verificador no permite usar valores indefinidos, que podrían filtrar datos del kernel.',
    fix: 'inicializa las variables (por ejemplo «= {}» o «= 0») antes de usarlas o de pasarlas a un helper.',
  },
  {
    cause: 'unknown-helper',
    test: /program of this type cannot use helper (\S+)|unknown func (\S+)/,
    summary: 'Helper no disponible para este tipo de programa',
    meaning: ({ m }) =>
      `El programa llama a ${(m[1] ?? m[2]).replace(/#\d+$/, '()')}, un helper que este tipo de programa (su ` +
      'sección SEC) no puede usar o que este kernel no tiene: cada tipo de programa tiene su lista de helpers ' +
      '(los de paquetes de red, por ejemplo, no existen en un tracepoint).',
    fix:
      'usa un helper permitido en tu tipo de programa (bpftool feature probe los lista) o cambia la sección a ' +
      'un tipo de programa que lo admita.',
  },
  {
    cause: 'helper-argument',
    test: /^(R\d+) type=(\S+) expected=(\S+)/,
    summary: 'Argumento de tipo incorrecto para un helper',
    meaning: ({ m }) =>
      `El argumento que va en ${m[1]} es ${kind(m[2])} (${m[2]}), pero el helper espera ${kind(m[3])} (${m[3]}). Por ejemplo, ` +
      'bpf_map_lookup_elem() necesita un mapa declarado con SEC(".maps") como primer argumento, no una variable.',
    fix: 'revisa la firma del helper (man bpf-helpers) y pásale argumentos del tipo que pide, en su orden.',
  },
  {
    cause: 'sleepable-helper',
    test: /helper call might sleep in a non-sleepable prog|sleepable helper .* in non-sleepable/,
    summary: 'Helper que puede dormir en un programa que no puede',
    meaning:
      'El programa llama a un helper que puede dormir (por ejemplo bpf_copy_from_user, que puede tener que ' +
      'traer una página del disco), pero los tracepoints y la mayoría de programas se ejecutan sin poder dormir.',
    fix:
      'usa la variante que no duerme (bpf_probe_read_user() o bpf_probe_read_user_str()) o un programa ' +
      'dormible (secciones con «.s», como «uprobe.s/» o «fentry.s/»).',
  },
  {
    cause: 'unreleased-reference',
    test: /Unreleased reference id=\d+ alloc_insn=(\d+)|would lead to reference leak/,
    summary: 'Un recurso reservado no se libera',
    meaning: ({ m, sourceOf }) => {
      const at = m[1] ? sourceOf(Number(m[1])) : null;
      return (
        'El programa reserva un recurso (por ejemplo espacio con bpf_ringbuf_reserve()' +
        (at ? `, en la línea ${at.line}: «${at.code}»` : '') +
        ') y llega a un return sin liberarlo. El verificador exige que se libere en todos los caminos.'
      );
    },
    fix: 'llama a bpf_ringbuf_submit() o bpf_ringbuf_discard() antes de cada return (salvo cuando la reserva falló).',
  },
  {
    cause: 'callback-return',
    test: /At callback return the register R0 has (.+?) should have been in \[(-?\d+), (-?\d+)\]/,
    summary: 'Valor de retorno no válido en el callback',
    meaning: ({ m }) =>
      `El callback devuelve ${range(m[1])}, fuera de lo que acepta el helper, que es entre ${m[2]} y ${m[3]}. ` +
      'En bpf_loop(), 0 significa seguir con la siguiente vuelta y 1 parar.',
    fix: 'haz que el callback devuelva solo 0 o 1.',
  },
  {
    cause: 'return-value',
    test: /At program exit the register R0 has (.+?) should have been in \[(-?\d+), (-?\d+)\]|At program exit the register R0 (is not a known value|has value)/,
    summary: 'Valor de retorno no válido para este tipo de programa',
    meaning: ({ m }) =>
      (m[2] !== undefined
        ? `El programa devuelve ${range(m[1])}, fuera de lo que admite su tipo, que es entre ${m[2]} y ${m[3]}. `
        : 'El programa devuelve un valor que su tipo no admite. ') +
      'Algunos tipos de programa dan significado al valor de retorno: en cgroup_skb, 1 deja pasar el paquete y 0 lo descarta.',
    fix: 'devuelve solo los valores que admite tu tipo de programa.',
  },
  {
    cause: 'readonly-map',
    test: /write into map forbidden/,
    summary: 'Escritura en un mapa de solo lectura',
    meaning:
      'El programa escribe en un mapa que es de solo lectura para él, como las variables globales «const ' +
      'volatile» (van a .rodata, que el espacio de usuario rellena antes de cargar el programa).',
    fix: 'quita el const de la variable (irá a .bss o .data, que sí se pueden escribir) o guarda el valor en otro mapa.',
  },
  {
    cause: 'unreachable-insn',
    test: /^unreachable insn (\d+)/,
    summary: 'Instrucciones a las que nunca se llega',
    meaning: ({ m }) =>
      `La instrucción ${m[1]} no se ejecuta por ningún camino. El verificador rechaza el código muerto antes de ` +
      'recorrer el programa; con C no suele pasar (clang lo elimina), sino con ensamblador en línea o bytecode ' +
      'escrito a mano, por un salto que se salta instrucciones.',
    fix: 'quita las instrucciones inalcanzables o corrige el destino del salto.',
  },
];

const GENERIC: Pick<Cause, 'summary' | 'fix'> & { meaning: string } = {
  summary: 'El verificador ha rechazado el programa',
  meaning:
    'Este mensaje no está entre los que el taller sabe explicar. La línea decisiva dice qué regla se ha roto, y ' +
    'la línea del código indica dónde.',
  fix:
    'lee la línea decisiva y la línea del código a la que apunta; en el registro completo, justo encima del error, ' +
    'están la instrucción y el estado de cada registro (su tipo y su rango) en ese momento.',
};

const ANNOTATION = /^; (.*) @ (\S+):(\d+)\s*$/;
/** An instruction: `12: (79) r1 = *(u64 *)(r0 +0)`. */
const INSN = /^(\d+): \([0-9a-f]{2}\) /;
/** Structure of the walk: instructions, annotations and register states at an instruction. */
const WALK = /^(\d+: |; .* @ \S+:\d+\s*$|from \d+ to \d+: )/;
/** Lines that are neither the walk nor the error message. */
const NOISE =
  /^(\s*$|processed \d+ insns|verification time|stack depth|(cur|old) state:|mark_precise|last_idx|regs=|parent (didn't|already)|propagating|frame\d+:|caller:|callee:|func#\d+ @\d+|Live regs before insn|Validating \S+ func#|Func#\d+ \(|\s+(R\d+|frame\d+)[=:]|arg#\d+ reference type\('.*'\) size cannot be determined)/;

function clean(log: string): string[] {
  return log.replace(/\r/g, '').split('\n');
}

/** Index of the decisive line in `lines`, or -1. */
function findDecisive(lines: string[]): number {
  let end = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^processed \d+ insns/.test(lines[i])) {
      end = i;
      break;
    }
  }
  if (end < 0) end = lines.length;
  let lastWalk = -1;
  for (let i = end - 1; i >= 0; i--) {
    if (WALK.test(lines[i])) {
      lastWalk = i;
      break;
    }
  }
  // The first message after the walk: later ones are details (`R0 min value is outside ...`,
  // `BPF_EXIT instruction ... would lead to reference leak`).
  for (let i = lastWalk + 1; i < end; i++) if (!NOISE.test(lines[i])) return i;
  // No message after the walk: the last line that is neither walk nor noise.
  for (let i = end - 1; i >= 0; i--) if (!NOISE.test(lines[i]) && !WALK.test(lines[i])) return i;
  // Nothing but walk and noise: the last non-empty line that is not statistics.
  for (let i = end - 1; i >= 0; i--)
    if (lines[i].trim() && !/^(processed \d+ insns|verification time|stack depth)/.test(lines[i])) return i;
  return -1;
}

type Source = NonNullable<VerifierExplanation['source']>;

function parseAnnotation(line: string): Source | null {
  const m = ANNOTATION.exec(line);
  if (!m || Number(m[3]) === 0 || !m[1].trim()) return null;
  return { code: m[1].trim(), file: m[2], line: Number(m[3]) };
}

/** Source line of each instruction index whose annotation the log shows (an annotation precedes its first instruction). */
function annotationsByInsn(lines: string[]): Map<number, Source> {
  const byInsn = new Map<number, Source>();
  let pending: Source | null = null;
  for (const line of lines) {
    if (line.startsWith('; ')) {
      pending = parseAnnotation(line) ?? pending;
      continue;
    }
    const m = INSN.exec(line);
    if (m && pending) {
      byInsn.set(Number(m[1]), pending);
      pending = null;
    }
  }
  return byInsn;
}

/** The source line for an instruction index: the annotation of the nearest annotated instruction at or before it. */
function sourceOfInsn(byInsn: Map<number, Source>, insn: number): Source | null {
  let best = -1;
  for (const k of byInsn.keys()) if (k <= insn && k > best) best = k;
  return best >= 0 ? byInsn.get(best)! : null;
}

export function explainVerifierLog(log: string): VerifierExplanation {
  const lines = clean(log);
  const at = findDecisive(lines);
  const decisive = at >= 0 ? lines[at].trim() : (log.trim().split('\n').pop()?.trim() ?? '');

  // The instruction being checked: the last one printed before the decisive line.
  let insn: string | null = null;
  for (let i = at - 1; i >= 0; i--) {
    if (INSN.test(lines[i])) {
      insn = lines[i];
      break;
    }
  }
  // Its source line: the nearest annotation above it in the log (the kernel prints one whenever
  // the line changes), else the annotation the log gives that instruction index elsewhere.
  let source: Source | null = null;
  for (let i = at; i >= 0; i--) {
    if (lines[i].startsWith('; ')) {
      source = parseAnnotation(lines[i]);
      if (source) break;
    }
  }
  const byInsn = annotationsByInsn(lines);
  if (!source && insn) source = sourceOfInsn(byInsn, Number(INSN.exec(insn)![1]));

  const sourceOf = (i: number) => sourceOfInsn(byInsn, i);
  const match = (c: Cause, text: string): Context | null => {
    const m = c.test.exec(text);
    if (!m) return null;
    const ctx = { m, insn, sourceOf };
    return !c.when || c.when(ctx) ? ctx : null;
  };
  // The decisive line first; then the message lines right after it (details such as
  // `R0 min value is outside of the allowed memory range`).
  const after = at < 0 ? [] : lines.slice(at + 1, at + 4).filter((l) => !WALK.test(l) && !NOISE.test(l));
  let hit: { c: Cause; ctx: Context } | null = null;
  for (const text of [decisive, ...after]) {
    for (const c of CAUSES) {
      const ctx = match(c, text);
      if (ctx) {
        hit = { c, ctx };
        break;
      }
    }
    if (hit) break;
  }

  const summary = hit?.c.summary ?? GENERIC.summary;
  const meaning = hit ? (typeof hit.c.meaning === 'string' ? hit.c.meaning : hit.c.meaning(hit.ctx)) : GENERIC.meaning;
  const fix = hit?.c.fix ?? GENERIC.fix;
  return {
    decisive,
    source,
    cause: hit?.c.cause ?? null,
    summary,
    fix,
    explanation: `${meaning} Solución: ${fix}`,
  };
}

/**
 * The log is capped before it reaches the page: the kernel keeps the tail, where the error is,
 * and so does this (from the start of a line, when the kept part has one).
 */
export function capLog(log: string, maxBytes = 256 * 1024): { text: string; truncated: boolean } {
  if (Buffer.byteLength(log) <= maxBytes) return { text: log, truncated: false };
  let text = Buffer.from(log)
    .subarray(-maxBytes)
    .toString('utf8')
    .replace(/^\uFFFD+/, '');
  const nl = text.indexOf('\n');
  if (nl >= 0 && nl < text.length - 1) text = text.slice(nl + 1);
  return { text, truncated: true };
}
