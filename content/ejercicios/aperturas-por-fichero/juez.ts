// Judge: bpftrace's map at exit has an entry keyed by the workload's name and the file it opens,
// with at least one run's opens of that file.
import { OPENS_PER_RUN, WORKLOAD_FILE, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { bpftraceMapLines, namedList, type Judge } from '../../../server/exercises/judge-kit.ts';

/** `comando, /ruta` → ['comando', '/ruta'] (bpftrace prints a tuple key with ", "). */
const parts = (key: string) => key.split(', ');
/** A pointer printed instead of the text it points to: `0x7f37781c70b1` (or a bare number). */
const isAddress = (s: string) => /^(?:0x[0-9a-f]+|\d+)$/i.test(s);

export default {
  // bpftrace prints its maps only at exit: judge then.
  satisfied: () => false,
  judge(o) {
    const lines = bpftraceMapLines(o.text);
    const shown = () => namedList(lines.map((l) => `${l.map}[${l.key}]: ${l.value}`), 4);
    if (lines.length === 0) {
      return {
        ok: false,
        message: `Se esperaba un mapa con una entrada para «${WORKLOAD_NAME}» y «${WORKLOAD_FILE}» al detenerse, y no se imprimió ninguno. Usa @[comm, str(args->filename)] = count().`,
      };
    }
    const hit = lines.find((l) => parts(l.key).includes(WORKLOAD_NAME) && parts(l.key).includes(WORKLOAD_FILE));
    if (hit) {
      if (hit.value < OPENS_PER_RUN) {
        return { ok: false, message: `Se esperaban al menos ${OPENS_PER_RUN} aperturas de ${WORKLOAD_FILE} en la entrada «${hit.key}» (la clave es la buena) y se contaron ${hit.value}.` };
      }
      return { ok: true, message: `¡Correcto! ${WORKLOAD_NAME} abrió ${WORKLOAD_FILE} ${hit.value} veces, cada pareja (comando, fichero) en su entrada.` };
    }
    if (lines.some((l) => parts(l.key).includes(WORKLOAD_NAME) && parts(l.key).some(isAddress))) {
      return {
        ok: false,
        message: `Se esperaba la ruta en la clave, junto al comando, y se vio un número (${namedList(lines.map((l) => parts(l.key).find(isAddress) ?? '').filter(Boolean), 2)}): es la dirección del puntero filename, no el texto al que apunta. Cópialo como texto con str(args->filename).`,
      };
    }
    if (lines.some((l) => parts(l.key).includes(WORKLOAD_FILE))) {
      return { ok: false, message: `Se esperaba la clave «${WORKLOAD_NAME}, ${WORKLOAD_FILE}» y se vio ${shown()}: la clave tiene el fichero, pero no el comando. Añade comm a la clave.` };
    }
    if (lines.some((l) => l.key === WORKLOAD_NAME)) {
      return {
        ok: false,
        message: `Se esperaba una entrada por cada pareja (comando, fichero), como «${WORKLOAD_NAME}, ${WORKLOAD_FILE}», y la clave solo tiene el comando (${shown()}): todas las aperturas caen en la misma entrada. Añade el fichero a la clave: @[comm, str(args->filename)].`,
      };
    }
    return { ok: false, message: `Se esperaba una entrada con la clave «${WORKLOAD_NAME}, ${WORKLOAD_FILE}» y el mapa tiene ${shown()}.` };
  },
} satisfies Judge;
