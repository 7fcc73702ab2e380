// Judge: the map «aperturas» has an entry for the workload's command with at least one run's
// read-only openat() calls in por_modo[0]. A start the verifier rejects never gets here
// (Comprobar says so itself); without a map, the verdict says what was expected.
import { OPENS_PER_RUN, WORKLOAD_FILE, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { namedList, strings, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

/** The counters of the workload's entry (the first array of numbers in its value), or null. */
function counters(o: Observation): number[] | null {
  for (const map of o.maps) {
    for (const e of map.entries) {
      if (!strings(e.key).includes(WORKLOAD_NAME)) continue;
      const arrays = Object.values((e.value ?? {}) as Record<string, unknown>).filter(Array.isArray);
      const nums = (arrays[0] ?? []).map(Number);
      if (nums.length > 0 && nums.every(Number.isFinite)) return nums;
    }
  }
  return null;
}

export default {
  satisfied: (o) => (counters(o)?.[0] ?? 0) >= OPENS_PER_RUN,
  judge(o) {
    const c = counters(o);
    if (c && c[0] >= OPENS_PER_RUN) {
      return {
        ok: true,
        message: `¡Correcto! El verificador aceptó el programa y la entrada de ${WORKLOAD_NAME} tiene ${c[0]} aperturas de solo lectura en por_modo[0] (abrió ${WORKLOAD_FILE} ${OPENS_PER_RUN} veces, más sus bibliotecas).`,
      };
    }
    if (c) {
      return {
        ok: false,
        message: `Se esperaban al menos ${OPENS_PER_RUN} aperturas de solo lectura de ${WORKLOAD_NAME} en por_modo[0], y sus contadores son [${c.join(', ')}]. ¿Calculas el modo con ctx->args[2] & 3 (O_ACCMODE)?`,
      };
    }
    const keys = o.maps.flatMap((m) => m.entries.flatMap((e) => strings(e.key)));
    return {
      ok: false,
      message: keys.length
        ? `Se esperaba en el mapa una entrada con la clave «${WORKLOAD_NAME}» (abrió ${WORKLOAD_FILE} ${OPENS_PER_RUN} veces) y solo se vieron ${namedList(keys)}.`
        : `Se esperaba un mapa con una entrada para «${WORKLOAD_NAME}» y sus aperturas en por_modo[0], y no se vio ninguno: ¿se cargó el programa?`,
    };
  },
} satisfies Judge;
