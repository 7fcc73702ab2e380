// Reads a verifier log the way a teacher would: finds the decisive line, the
// source line it points at, and explains the common causes in Spanish.

export interface VerifierExplanation {
  /** The line that says why the program was rejected. */
  decisive: string;
  /** The source line the verifier was checking, from the `; code @ file.c:LINE` annotations. */
  source: { code: string; file: string; line: number } | null;
  /** Which known cause it is, or null. */
  cause: VerifierCause | null;
  /** Spanish explanation and how to fix it, or a generic hint. */
  explanation: string;
}

export type VerifierCause =
  | 'null-check'
  | 'out-of-bounds'
  | 'gpl-only'
  | 'unbounded-loop'
  | 'context-access'
  | 'too-complex'
  | 'uninitialized'
  | 'unknown-helper'
  | 'unreleased-reference';

const CAUSES: Array<{ cause: VerifierCause; test: RegExp; text: string }> = [
  {
    cause: 'null-check',
    test: /invalid mem access '\w*_or_null'|R\d+ invalid mem access 'map_value_or_null'/,
    text:
      'Usas el puntero que devolvió bpf_map_lookup_elem() sin comprobar antes que no es NULL. ' +
      'La búsqueda falla si la clave no está en el mapa, y el verificador exige que lo tengas en cuenta. ' +
      'Solución: comprueba el puntero antes de usarlo, por ejemplo «if (!valor) return 0;».',
  },
  {
    cause: 'gpl-only',
    test: /cannot call GPL-restricted function|GPL-compatible license/,
    text:
      'Llamas a un helper que solo pueden usar los programas con licencia compatible con GPL. ' +
      'Solución: declara la licencia con «char LICENSE[] SEC("license") = "GPL";» (o "Dual BSD/GPL").',
  },
  {
    cause: 'unbounded-loop',
    test: /back-edge from insn|infinite loop detected|loop is not bounded|unbounded loop/,
    text:
      'El verificador no puede demostrar que el bucle termina. Todo programa eBPF debe acabar en un número ' +
      'acotado de pasos. Solución: usa un límite constante en el bucle (for (int i = 0; i < 16; i++)), ' +
      'o bpf_loop() en kernels ≥ 5.17.',
  },
  {
    cause: 'context-access',
    test: /invalid bpf_context access|invalid access to context/,
    text:
      'Lees o escribes en el contexto del programa (ctx) en una posición que este tipo de programa no permite. ' +
      'Solución: usa la estructura de contexto correcta para tu sección (por ejemplo, ' +
      'struct trace_event_raw_sys_enter para un tracepoint de llamadas al sistema) y lee solo sus campos.',
  },
  {
    cause: 'out-of-bounds',
    test: /invalid access to (map value|packet|memory)|out of bounds|outside of the allowed memory range|min value is negative|unbounded memory access|value is outside of the allowed|invalid variable-offset|invalid read from stack|offset is outside/,
    text:
      'Accedes a memoria fuera de los límites que el verificador puede demostrar (un índice sin acotar, un ' +
      'desplazamiento negativo o mayor que el valor del mapa). Solución: comprueba el índice antes de usarlo ' +
      '(if (i >= TAM) return 0;) para que el verificador conozca su rango.',
  },
  {
    cause: 'too-complex',
    test: /too complex|program is too large|BPF program is too large|processed 1000001 insns|jumps is too complex|combined stack size/,
    text:
      'El programa es demasiado complejo para el verificador: explora demasiados caminos o instrucciones ' +
      '(el límite es un millón). Solución: simplifica las ramas, reduce los bucles o divide el trabajo en ' +
      'varios programas (tail calls).',
  },
  {
    cause: 'uninitialized',
    test: /!read_ok|invalid indirect read from stack|uninitialized/,
    text:
      'Usas un registro o una variable de la pila antes de darle valor. Solución: inicializa las variables ' +
      '(por ejemplo con = {} o = 0) antes de pasarlas a un helper.',
  },
  {
    cause: 'unknown-helper',
    test: /unknown func|program of this type cannot use helper/,
    text:
      'Llamas a un helper que este kernel o este tipo de programa no ofrecen. Solución: consulta qué helpers ' +
      'admite tu tipo de programa (bpftool feature probe) o usa otro tipo de programa.',
  },
  {
    cause: 'unreleased-reference',
    test: /Unreleased reference/,
    text:
      'Reservas un recurso (por ejemplo con bpf_ringbuf_reserve()) y no lo liberas en todos los caminos. ' +
      'Solución: llama a bpf_ringbuf_submit() o bpf_ringbuf_discard() antes de cada return.',
  },
];

const ANNOTATION = /^; (.*) @ (\S+):(\d+)\s*$/;
const NOISE = /^(processed \d+ insns|verification time|stack depth|mark_precise|last_idx|regs=|parent |\s*$)/;

export function explainVerifierLog(log: string): VerifierExplanation {
  const lines = log.split('\n');
  let end = lines.findIndex((l) => /^processed \d+ insns/.test(l));
  if (end < 0) end = lines.length;
  let decisiveAt = -1;
  for (let i = end - 1; i >= 0; i--) {
    if (!NOISE.test(lines[i])) {
      decisiveAt = i;
      break;
    }
  }
  const decisive = decisiveAt >= 0 ? lines[decisiveAt].trim() : log.trim().split('\n').pop() ?? '';
  let source: VerifierExplanation['source'] = null;
  for (let i = decisiveAt; i >= 0; i--) {
    const m = ANNOTATION.exec(lines[i]);
    if (m) {
      source = { code: m[1].trim(), file: m[2], line: Number(m[3]) };
      break;
    }
  }
  // Match the decisive line first; some causes only show a few lines above it.
  const window = lines.slice(Math.max(0, decisiveAt - 3), decisiveAt + 1).join('\n');
  const hit = CAUSES.find((c) => c.test.test(decisive)) ?? CAUSES.find((c) => c.test.test(window)) ?? CAUSES.find((c) => c.test.test(log));
  return {
    decisive,
    source,
    cause: hit?.cause ?? null,
    explanation:
      hit?.text ??
      'El verificador ha rechazado el programa. Lee la línea decisiva de arriba y la línea del código a la que ' +
        'apunta; el registro completo muestra el estado de cada registro en cada instrucción.',
  };
}

/** The log is capped before it reaches the page: the kernel keeps the tail, where the error is. */
export function capLog(log: string, maxBytes = 256 * 1024): { text: string; truncated: boolean } {
  if (Buffer.byteLength(log) <= maxBytes) return { text: log, truncated: false };
  return { text: log.slice(-maxBytes), truncated: true };
}
