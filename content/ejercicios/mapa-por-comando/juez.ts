// Judge: a map entry keyed by the workload's name that counted every one of its execve calls.
import { EXEC_RUNS, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { namedList, strings, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

/** The largest count under a key that holds the workload's name. */
function commCount(o: Observation): number {
  let best = 0;
  for (const m of o.maps) for (const e of m.entries) if (strings(e.key).some((s) => s === WORKLOAD_NAME) && typeof e.value === 'number') best = Math.max(best, e.value);
  return best;
}

export default {
  satisfied: (o) => commCount(o) >= EXEC_RUNS,
  judge(o) {
    const n = commCount(o);
    if (n >= EXEC_RUNS) return { ok: true, message: `¡Correcto! Tu mapa cuenta ${n} execve de «${WORKLOAD_NAME}» (se lanzó ${EXEC_RUNS} veces).` };
    if (o.maps.length === 0) return { ok: false, message: 'Se esperaba un mapa hash con el nombre del proceso como clave, y el programa no tiene ninguno (o no se pudo leer).' };
    const entries = o.maps.flatMap((m) => m.entries.map((e) => `${m.name}: ${JSON.stringify(e.key)} → ${JSON.stringify(e.value)}`));
    return {
      ok: false,
      message:
        n > 0
          ? `Se esperaban al menos ${EXEC_RUNS} execve de «${WORKLOAD_NAME}» y tu mapa cuenta ${n}.`
          : `Se esperaba una entrada con la clave «${WORKLOAD_NAME}» y un valor ≥ ${EXEC_RUNS}. Se vio: ${entries.length ? namedList(entries) : 'el mapa vacío'}.`,
    };
  },
} satisfies Judge;
