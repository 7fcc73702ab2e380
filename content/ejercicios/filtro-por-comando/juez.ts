// Judge: the .bss counter «ejecuciones» counts exactly the workload's execve() calls: one per run of the
// workload (whose name Comprobar writes into «comando» before load), and none from any other command.
import { EXEC_RUNS, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

/** The value of «ejecuciones» in the last dump of a .bss map; 0 when the section is all zero; undefined without one. */
function counter(o: Observation): number | undefined {
  const bss = o.maps.find((m) => m.name.endsWith('.bss'));
  if (!bss) return undefined;
  if (bss.entries.length === 0) return 0; // an all-zero section has no entry to show
  const value = bss.entries[0].value as Record<string, unknown> | null;
  const n = value && typeof value === 'object' ? value.ejecuciones : undefined;
  return typeof n === 'number' ? n : undefined;
}

export default {
  satisfied: (o) => counter(o) === EXEC_RUNS && (o.workload?.pids.length ?? 0) === EXEC_RUNS,
  judge(o) {
    const n = counter(o);
    if (n === EXEC_RUNS) {
      return {
        ok: true,
        message: `¡Correcto! ejecuciones vale ${n}: las ${EXEC_RUNS} llamadas a execve() de ${WORKLOAD_NAME}, y ninguna de otro proceso.`,
      };
    }
    const expected = `Se esperaba que ejecuciones (en .bss) valiera ${EXEC_RUNS}: una por cada vez que ${WORKLOAD_NAME} ejecuta /bin/true.`;
    if (n === undefined) {
      return {
        ok: false,
        message: `${expected} No se vio ninguna variable global ejecuciones en .bss: declárala fuera de las funciones, __u64 ejecuciones = 0;, y súmale 1 con __sync_fetch_and_add().`,
      };
    }
    if (n > EXEC_RUNS) {
      return {
        ok: false,
        message: `${expected} Valió ${n}: también contó los execve() de otros procesos. Compara comm con comando byte a byte y sal con return 0 antes de sumar si no coinciden.`,
      };
    }
    return {
      ok: false,
      message: `${expected} Valió ${n}: el filtro descartó llamadas de ${WORKLOAD_NAME}. Compara hasta el 0 final de comm (los dos arrays tienen 16 bytes) y suma solo cuando coinciden.`,
    };
  },
} satisfies Judge;
