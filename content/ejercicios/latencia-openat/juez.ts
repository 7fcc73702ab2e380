// Judge: a log2 histogram of openat() latency in nanoseconds, read from the final map dump. At least as
// many calls as the workload made must fall in slots an openat() can take: from 2^6 ns (64 ns; no system
// call is faster between its two tracepoints) to slot 30 (about 2 s: longer than the whole check).
// The start code uses the latency itself as the slot, so every call lands in the last one.
import { OPENS_PER_RUN, WORKLOAD_FILE, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

const MAP = 'open_ns_hist';
const LOW = 6;
const HIGH = 30;

/** A count: a number, or per-CPU numbers to add up. */
const count = (v: unknown): number =>
  typeof v === 'number' ? v : Array.isArray(v) ? v.reduce((a: number, x) => a + (typeof x === 'number' ? x : 0), 0) : 0;

/** The histogram map's counts by slot, or null when there is no such array. */
function slots(o: Observation): Map<number, number> | null {
  const map = o.maps.find((m) => m.name === MAP) ?? o.maps.find((m) => /array$/.test(m.type) && /hist$/.test(m.name));
  if (!map) return null;
  const out = new Map<number, number>();
  for (const e of map.entries) if (typeof e.key === 'number') out.set(e.key, (out.get(e.key) ?? 0) + count(e.value));
  return out;
}

function tally(o: Observation): { total: number; plausible: number; top: number; topCount: number } {
  let total = 0;
  let plausible = 0;
  let top = -1;
  let topCount = 0;
  for (const [k, n] of slots(o) ?? []) {
    total += n;
    if (k >= LOW && k <= HIGH) plausible += n;
    if (n > topCount) [top, topCount] = [k, n];
  }
  return { total, plausible, top, topCount };
}

export default {
  satisfied: (o) => tally(o).plausible >= OPENS_PER_RUN,
  judge(o) {
    const t = tally(o);
    if (t.plausible >= OPENS_PER_RUN) {
      return {
        ok: true,
        message: `¡Correcto! Tu histograma tiene ${t.plausible} llamadas a openat() entre 64 ns y 2 s; la mayoría, ${t.topCount}, en el cubo ${t.top} (de ${2 ** t.top} a ${2 ** (t.top + 1) - 1} ns).`,
      };
    }
    const expected = `Se esperaban al menos ${OPENS_PER_RUN} llamadas a openat() (${WORKLOAD_NAME} abrió ${WORKLOAD_FILE} ${OPENS_PER_RUN} veces) en los cubos ${LOW} a ${HIGH} de ${MAP} (de 64 ns a unos 2 s).`;
    if (!slots(o)) return { ok: false, message: `${expected} El programa no tiene ningún array llamado ${MAP} (o no se pudo leer).` };
    if (t.total === 0) return { ok: false, message: `${expected} El histograma está vacío: ¿sigue enganchado a sys_enter_openat y sys_exit_openat, y suma uno al cubo?` };
    return {
      ok: false,
      message:
        `${expected} Se vieron ${t.total} llamadas, ${t.topCount} de ellas en el cubo ${t.top}` +
        (t.top > HIGH
          ? ', el último: eso pasa cuando el cubo es la duración misma, que casi siempre supera el tamaño del array. El cubo es ⌊log2(d)⌋, la posición del bit más alto a 1 de la duración.'
          : t.top < LOW
            ? `, que corresponde a menos de ${2 ** LOW} ns: ¿calculas el logaritmo de la duración en nanosegundos, ahora − hora de entrada?`
            : '.'),
    };
  },
} satisfies Judge;
