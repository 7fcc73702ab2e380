// Judge: rows of a ring buffer (or perf buffer) with the workload's command and the file it opened,
// one per openat() of the workload. Fields are found by value, not by name: a row counts when one of
// its strings is the workload's name and another is the file, and one of its numbers a PID of the workload.
import { OPENS_PER_RUN, WORKLOAD_FILE, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { quote, showValue, strings, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

const rows = (o: Observation) => (o.events ?? []).map((e) => e.row);
const numbers = (r: unknown) => Object.values(r as Record<string, unknown>).filter((v) => typeof v === 'number');
const fromWorkload = (o: Observation) =>
  rows(o).filter((r) => strings(r).includes(WORKLOAD_NAME) && numbers(r).some((n) => o.workload?.pids.includes(n as number)));
const withFile = (o: Observation) => fromWorkload(o).filter((r) => strings(r).includes(WORKLOAD_FILE));

export default {
  satisfied: (o) => withFile(o).length >= OPENS_PER_RUN,
  judge(o) {
    const good = withFile(o);
    if (good.length >= OPENS_PER_RUN) {
      return {
        ok: true,
        message: `¡Correcto! Llegaron ${good.length} eventos de ${WORKLOAD_NAME} con el fichero ${WORKLOAD_FILE}, por ejemplo ${quote(showValue(good[0]))}.`,
      };
    }
    const expected = `Se esperaban al menos ${OPENS_PER_RUN} eventos con el comando «${WORKLOAD_NAME}» y el fichero «${WORKLOAD_FILE}» (uno por cada openat() de la carga). `;
    if (good.length > 0) {
      return {
        ok: false,
        message: expected + `Llegaron solo ${good.length}: ¿se descartan algunos? Envía uno por cada llamada, sin condiciones que no sean el nombre del proceso.`,
      };
    }
    const seen = fromWorkload(o);
    if (seen.length > 0) {
      return {
        ok: false,
        message:
          expected +
          `Llegaron ${seen.length} eventos de ${WORKLOAD_NAME}, pero ninguno con el fichero; el último fue ${quote(showValue(seen[seen.length - 1]))}. ` +
          'Añade a struct event un campo char filename[64] y rellénalo con bpf_probe_read_user_str() desde ctx->args[1].',
      };
    }
    const any = rows(o).length;
    return {
      ok: false,
      message:
        expected +
        (any > 0
          ? `Llegaron ${any} eventos, pero ninguno con el comando «${WORKLOAD_NAME}» y su PID: ¿guardas el PID y el nombre del proceso (bpf_get_current_comm()) en el evento?`
          : o.workload === null
          ? 'No se llegó a lanzar la carga: ¿se enganchó el programa?'
          : 'No llegó ningún evento: ¿sigue enganchado a sys_enter_openat, reserva espacio con bpf_ringbuf_reserve() y llama a bpf_ringbuf_submit()?'),
    };
  },
} satisfies Judge;
