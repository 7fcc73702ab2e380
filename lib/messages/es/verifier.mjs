// Verifier causes (server/bpf/verifier.ts): for each cause a summary (a few words, the
// page's title), what it means and how to fix it. The page shows «{meaning} Solución: {fix}».
// Alternatives (with or without an offset, a register, a source line) are separate keys.

export const verifier = /** @type {const} */ ({
  explanation: '{meaning} Solución: {fix}',

  // A value the verifier knows only as a range (`smin=… smax=…`); a single value is shown as is.
  'range.between': 'un valor entre {min} y {max}',
  'range.other': 'un valor ({state})',

  // Register types of the verifier.
  'kind.stackPointer': 'un puntero a la pila',
  'kind.context': 'el contexto',
  'kind.number': 'un número',
  'kind.map': 'un mapa',
  'kind.mapValue': 'un puntero a un valor de mapa',
  'kind.mapValueOrNull': 'un puntero a un valor de mapa que puede ser NULL',
  'kind.packet': 'un puntero al paquete',
  'kind.memory': 'un puntero a memoria',
  'kind.function': 'una función',
  'kind.other': 'otro tipo',

  'nullCheck.summary': 'Falta comprobar que el puntero no es NULL',
  'nullCheck.meaning':
    'El registro {register} contiene un puntero que puede ser NULL ({type}), por ejemplo el que devuelve ' +
    'bpf_map_lookup_elem() cuando la clave no está en el mapa o bpf_ringbuf_reserve() cuando no queda sitio, ' +
    'y lo usas sin comprobarlo. El verificador exige que tengas en cuenta ese caso.',
  /** `R0 pointer arithmetic on map_value_or_null prohibited`: an address computed from it (&m->campo[i]). */
  'nullCheck.meaningArithmetic':
    'El registro {register} contiene un puntero que puede ser NULL ({type}), por ejemplo el que devuelve ' +
    'bpf_map_lookup_elem() cuando la clave no está en el mapa, y el programa calcula una dirección a partir de él ' +
    '(como &valor->campo[i]) sin comprobarlo. El verificador exige que tengas en cuenta ese caso antes de usarlo.',
  'nullCheck.fix': 'comprueba el puntero antes de usarlo, por ejemplo «if (!valor) return 0;».',

  'scalarDereference.summary': 'Se usa un número como si fuera un puntero',
  'scalarDereference.meaning':
    'El registro {register} contiene un número (un escalar), no un puntero que el verificador sepa seguro, y el ' +
    'programa lee o escribe en la dirección que indica. Pasa, por ejemplo, al leer directamente un puntero ' +
    'que llega como argumento de un tracepoint (el nombre de fichero de execve es memoria del proceso).',
  'scalarDereference.fix':
    'copia la memoria con un helper: bpf_probe_read_user_str() o bpf_probe_read_user() para memoria del ' +
    'proceso, bpf_probe_read_kernel() (o BPF_CORE_READ) para memoria del kernel.',

  'outOfBounds.summary': 'Acceso fuera de los límites del valor del mapa',
  'outOfBounds.meaningMapValue':
    'El valor del mapa mide {valueSize} bytes y el programa accede a {size} bytes en el desplazamiento {offset}, ' +
    'fuera de ese espacio. ' +
    'Suele ser un índice que se pasa del tamaño del array (recuerda que un array de N elementos va de 0 a N-1).',
  'outOfBounds.meaning':
    'El programa accede a memoria fuera del espacio que el verificador puede demostrar. ' +
    'Suele ser un índice que se pasa del tamaño del array (recuerda que un array de N elementos va de 0 a N-1).',
  'outOfBounds.fix': 'revisa el índice o el tamaño del valor; si el índice se calcula, compáralo con el tamaño antes de usarlo.',

  'unboundedIndex.summary': 'Índice sin acotar',
  'unboundedIndex.meaning':
    'El programa suma a un puntero un valor cuyo rango el verificador no conoce (por ejemplo un índice que sale ' +
    'del PID o de un argumento), así que no puede demostrar que el acceso queda dentro de la memoria.',
  'unboundedIndex.fix':
    'acota el índice antes de usarlo, con una comparación que el verificador vea: «if (i >= TAM) return 0;» ' +
    '(o «i &= TAM - 1» si TAM es potencia de dos); usa tipos sin signo para que no pueda ser negativo.',

  'packetBounds.summary': 'Lectura del paquete sin comprobar su longitud',
  'packetBounds.meaning':
    'El programa lee del paquete sin haber comprobado antes que el paquete es lo bastante largo. El ' +
    'verificador solo permite leer entre ctx->data y ctx->data_end cuando una comparación lo demuestra.',
  'packetBounds.fix':
    'antes de leer, compara con el final del paquete: «if (data + sizeof(*eth) > data_end) return XDP_PASS;» ' +
    '(con data y data_end sacados de ctx).',

  'gplOnly.summary': 'Helper solo para programas con licencia GPL',
  'gplOnly.meaning':
    'El programa llama a un helper (por ejemplo bpf_printk o bpf_probe_read_*) que solo pueden usar los ' +
    'programas con una licencia compatible con GPL, y su licencia no lo es.',
  'gplOnly.fix': 'declara la licencia con «char LICENSE[] SEC("license") = "GPL";» (o "Dual BSD/GPL").',

  'infiniteLoop.summary': 'Bucle infinito',
  'infiniteLoop.meaning':
    'El verificador ha vuelto a la instrucción {insn} exactamente en el mismo estado: el bucle no cambia ' +
    'nada que lo haga terminar, así que daría vueltas para siempre. Un programa eBPF tiene que acabar siempre.',
  'infiniteLoop.fix':
    'da al bucle una condición de salida que avance (un contador con un límite constante, ' +
    '«for (int i = 0; i < 16; i++)»), o usa bpf_loop().',

  'unboundedLoop.summary': 'Bucle sin límite demostrable',
  'unboundedLoop.meaning':
    'El verificador no puede demostrar que el bucle termina (en este contexto no admite saltos hacia atrás ' +
    'o el límite no es conocido). Todo programa eBPF debe acabar en un número acotado de pasos.',
  'unboundedLoop.fix': 'usa un límite constante en el bucle («for (int i = 0; i < 16; i++)») o bpf_loop() (kernels ≥ 5.17).',

  'tooManyJumps.summary': 'Demasiadas ramas pendientes',
  'tooManyJumps.meaning':
    'El verificador recorre por separado cada camino posible. Dentro de un bucle, cada «if» que depende de un ' +
    'dato de ejecución duplica los caminos; ha acumulado {jumps} ramas pendientes de revisar y se rinde ' +
    '(el límite es 8192).',
  'tooManyJumps.fix':
    'reduce las iteraciones del bucle o saca la decisión fuera de él; para muchas iteraciones usa bpf_loop(), ' +
    'que el verificador comprueba una sola vez.',

  'tooComplex.summary': 'Programa demasiado largo para el verificador',
  'tooComplex.meaning':
    'Para aceptar el programa, el verificador recorre cada instrucción de cada camino y de cada vuelta de cada ' +
    'bucle, con un límite de un millón de instrucciones. Este programa lo supera: un bucle con muchas ' +
    'vueltas, o uno cuyo límite se lee en ejecución (de un mapa, de un argumento) y que el verificador ' +
    'tiene que seguir hasta agotar el límite.',
  'tooComplex.fix':
    'pon al bucle un límite constante y pequeño («i < 64 && i < n»), usa bpf_loop() para muchas vueltas, o ' +
    'divide el trabajo en varios programas.',

  'stackLimit.summary': 'Se supera el límite de 512 bytes de pila',
  'stackLimit.meaning':
    'Las {calls} funciones que se llaman unas a otras usan juntas {bytes} bytes de pila, y un programa eBPF ' +
    'tiene 512 bytes en total para toda la cadena de llamadas.',
  'stackLimit.fix':
    'usa menos variables locales grandes: guarda los arrays y estructuras grandes en un mapa (un ' +
    'BPF_MAP_TYPE_PERCPU_ARRAY de una entrada sirve como memoria de trabajo).',

  'tailCallStack.summary': 'Demasiada pila debajo de una tail call',
  'tailCallStack.meaning':
    'El programa hace una tail call desde una función llamada (BPF a BPF), y las funciones que hay debajo ya usan ' +
    '{bytes} bytes de pila. Una tail call sustituye solo el marco actual: los de los llamadores siguen ocupando pila, ' +
    'y encadenando hasta 33 podrían desbordarla. Por eso, al mezclar los dos mecanismos, los marcos anteriores ' +
    'deben usar menos de 256 bytes.',
  'tailCallStack.fix':
    'reduce la pila de las funciones que llevan a la tail call (lo grande, a un mapa PERCPU_ARRAY) o haz la ' +
    'tail call desde la función principal del programa.',

  'stackOutOfBounds.summary': 'Acceso fuera de la pila',
  'stackOutOfBounds.meaningOffset':
    'La pila de un programa eBPF tiene 512 bytes, de r10 - 512 a r10 - 1, y el programa accede a r10 {offset}, fuera de ella.',
  'stackOutOfBounds.meaning': 'La pila de un programa eBPF tiene 512 bytes, de r10 - 512 a r10 - 1, y el programa accede fuera de ella.',
  'stackOutOfBounds.fix': 'reduce las variables locales grandes o guárdalas en un mapa (BPF_MAP_TYPE_PERCPU_ARRAY).',

  'contextPointerArithmetic.summary': 'Aritmética con el puntero al contexto',
  'contextPointerArithmetic.meaning':
    'El programa desplaza el puntero al contexto (ctx) con un valor calculado en ejecución y lee a través de ' +
    'él. El verificador solo permite leer campos de ctx en posiciones fijas, conocidas al compilar.',
  'contextPointerArithmetic.fix':
    'lee el campo directamente (ctx->args[1], o un «switch» con un caso por campo) en lugar de calcular su dirección.',

  'contextWrite.summary': 'Escritura en el contexto, que es de solo lectura',
  'contextWrite.meaning':
    'El programa escribe en su contexto (ctx). En los tracepoints y en casi todos los tipos de programa el ' +
    'contexto es de solo lectura: describe el evento, no se puede cambiar.',
  'contextWrite.fix': 'copia el valor a una variable local (o a un mapa) y modifica la copia.',

  'contextAccess.summary': 'Lectura del contexto en una posición no permitida',
  'contextAccess.meaningOffset':
    'El programa lee {size} bytes del contexto (ctx) en el desplazamiento {offset}, ' +
    'una posición que este tipo de programa no permite: fuera de la estructura, con un tamaño distinto del ' +
    'campo o desalineada. Suele pasar al usar una estructura de contexto que no es la de la sección.',
  'contextAccess.meaning':
    'El programa lee el contexto (ctx) en ' +
    'una posición que este tipo de programa no permite: fuera de la estructura, con un tamaño distinto del ' +
    'campo o desalineada. Suele pasar al usar una estructura de contexto que no es la de la sección.',
  'contextAccess.fix':
    'usa la estructura de contexto de tu sección (por ejemplo struct trace_event_raw_sys_enter para ' +
    'tracepoint/syscalls/sys_enter_*; en raw_tp hay como mucho 12 argumentos) y lee solo sus campos.',

  'misaligned.summary': 'Acceso a memoria desalineado',
  'misaligned.meaningOffset':
    'El programa accede a {size} bytes en el desplazamiento {offset}, que no es múltiplo de {size}. ' +
    'El verificador exige que los accesos a la pila (y, según la arquitectura, a otras memorias) estén alineados.',
  'misaligned.meaning':
    'El programa lee o escribe un valor en una dirección que no es múltiplo de su tamaño. ' +
    'El verificador exige que los accesos a la pila (y, según la arquitectura, a otras memorias) estén alineados.',
  'misaligned.fix': 'usa desplazamientos múltiplos del tamaño del acceso (r10 - 8, r10 - 16, …), o deja que clang coloque las variables.',

  'uninitialized.summary': 'Uso de un registro o variable sin inicializar',
  'uninitialized.meaningRegister':
    'El programa lee el registro {register} antes de que nada le haya dado valor. ' +
    'El verificador no permite usar valores indefinidos, que podrían filtrar datos del kernel.',
  'uninitialized.meaning':
    'El programa lee memoria de la pila antes de darle valor. ' +
    'El verificador no permite usar valores indefinidos, que podrían filtrar datos del kernel.',
  'uninitialized.fix': 'inicializa las variables (por ejemplo «= {}» o «= 0») antes de usarlas o de pasarlas a un helper.',

  'unknownHelper.summary': 'Helper no disponible para este tipo de programa',
  'unknownHelper.meaning':
    'El programa llama a {helper}, un helper que este tipo de programa (su ' +
    'sección SEC) no puede usar o que este kernel no tiene: cada tipo de programa tiene su lista de helpers ' +
    '(los de paquetes de red, por ejemplo, no existen en un tracepoint).',
  'unknownHelper.fix':
    'usa un helper permitido en tu tipo de programa (bpftool feature probe los lista) o cambia la sección a ' +
    'un tipo de programa que lo admita.',

  'helperArgument.summary': 'Argumento de tipo incorrecto para un helper',
  'helperArgument.meaning':
    'El argumento que va en {register} es {actualKind} ({actual}), pero el helper espera {expectedKind} ({expected}). Por ejemplo, ' +
    'bpf_map_lookup_elem() necesita un mapa declarado con SEC(".maps") como primer argumento, no una variable.',
  'helperArgument.fix': 'revisa la firma del helper (man bpf-helpers) y pásale argumentos del tipo que pide, en su orden.',

  'sleepableHelper.summary': 'Helper que puede dormir en un programa que no puede',
  'sleepableHelper.meaning':
    'El programa llama a un helper que puede dormir (por ejemplo bpf_copy_from_user, que puede tener que ' +
    'traer una página del disco), pero los tracepoints y la mayoría de programas se ejecutan sin poder dormir.',
  'sleepableHelper.fix':
    'usa la variante que no duerme (bpf_probe_read_user() o bpf_probe_read_user_str()) o un programa ' +
    'dormible (secciones con «.s», como «uprobe.s/» o «fentry.s/»).',

  'unreleasedReference.summary': 'Un recurso reservado no se libera',
  'unreleasedReference.meaningAt':
    'El programa reserva un recurso (por ejemplo espacio con bpf_ringbuf_reserve(), en la línea {line}: «{code}») ' +
    'y llega a un return sin liberarlo. El verificador exige que se libere en todos los caminos.',
  'unreleasedReference.meaning':
    'El programa reserva un recurso (por ejemplo espacio con bpf_ringbuf_reserve()) ' +
    'y llega a un return sin liberarlo. El verificador exige que se libere en todos los caminos.',
  'unreleasedReference.fix': 'llama a bpf_ringbuf_submit() o bpf_ringbuf_discard() antes de cada return (salvo cuando la reserva falló).',

  'callbackReturn.summary': 'Valor de retorno no válido en el callback',
  'callbackReturn.meaning':
    'El callback devuelve {value}, fuera de lo que acepta el helper, que es entre {min} y {max}. ' +
    'En bpf_loop(), 0 significa seguir con la siguiente vuelta y 1 parar.',
  'callbackReturn.fix': 'haz que el callback devuelva solo 0 o 1.',

  'returnValue.summary': 'Valor de retorno no válido para este tipo de programa',
  'returnValue.meaningRange':
    'El programa devuelve {value}, fuera de lo que admite su tipo, que es entre {min} y {max}. ' +
    'Algunos tipos de programa dan significado al valor de retorno: en cgroup_skb, 1 deja pasar el paquete y 0 lo descarta.',
  'returnValue.meaning':
    'El programa devuelve un valor que su tipo no admite. ' +
    'Algunos tipos de programa dan significado al valor de retorno: en cgroup_skb, 1 deja pasar el paquete y 0 lo descarta.',
  'returnValue.fix': 'devuelve solo los valores que admite tu tipo de programa.',

  'readonlyMap.summary': 'Escritura en un mapa de solo lectura',
  'readonlyMap.meaning':
    'El programa escribe en un mapa que es de solo lectura para él, como las variables globales «const ' +
    'volatile» (van a .rodata, que el espacio de usuario rellena antes de cargar el programa).',
  'readonlyMap.fix': 'quita el const de la variable (irá a .bss o .data, que sí se pueden escribir) o guarda el valor en otro mapa.',

  'unreachableInsn.summary': 'Instrucciones a las que nunca se llega',
  'unreachableInsn.meaning':
    'La instrucción {insn} no se ejecuta por ningún camino. El verificador rechaza el código muerto antes de ' +
    'recorrer el programa; con C no suele pasar (clang lo elimina), sino con ensamblador en línea o bytecode ' +
    'escrito a mano, por un salto que se salta instrucciones.',
  'unreachableInsn.fix': 'quita las instrucciones inalcanzables o corrige el destino del salto.',

  // A message the workshop does not know how to explain.
  'generic.summary': 'El verificador ha rechazado el programa',
  'generic.meaning':
    'Este mensaje no está entre los que el taller sabe explicar. La línea decisiva dice qué regla se ha roto, y ' +
    'la línea del código indica dónde.',
  'generic.fix':
    'lee la línea decisiva y la línea del código a la que apunta; en el registro completo, justo encima del error, ' +
    'están la instrucción y el estado de cada registro (su tipo y su rango) en ese momento.',
});
