// Judge: the unlink workload's outcomes. Its one process may remove borrame-1.txt and must be killed
// (SIGKILL) before it removes borrame-2.txt: a signal sent on entry to the second unlinkat() is too late.
import { UNLINK_FILES, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { joinEs, quote, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

const [FIRST, ...REST] = UNLINK_FILES;

const outcomes = (o: Observation) => o.workload?.outcomes ?? [];
/** ok: the file is gone. */
const gone = (o: Observation, file: string) => outcomes(o).find((x) => x.action === `unlink:${file}`)?.ok;
const exit = (o: Observation) => outcomes(o).find((x) => x.action === 'exit');
const killed = (o: Observation) => exit(o)?.detail === 'SIGKILL';

const right = (o: Observation) => killed(o) && gone(o, FIRST) === true && REST.every((f) => gone(o, f) === false);

export default {
  satisfied: right,
  judge(o) {
    if (right(o))
      return {
        ok: true,
        message: `¡Correcto! ${WORKLOAD_NAME} borró ${quote(FIRST)} y murió por SIGKILL antes de borrar nada más: ${joinEs(REST.map((f) => quote(f)))} siguen ahí.`,
      };
    if (outcomes(o).length === 0)
      return {
        ok: false,
        message: `Se esperaba el resultado de ${WORKLOAD_NAME} (qué ficheros borró y cómo terminó), y no llegó ninguno: ¿se cargó y se enganchó el programa?`,
      };
    const removed = UNLINK_FILES.filter((f) => gone(o, f) === true);
    const end = exit(o);
    const how = !end
      ? 'no se sabe cómo terminó'
      : end.ok
        ? 'terminó con normalidad'
        : /^SIG/.test(end.detail)
          ? `murió por ${end.detail}`
          : `terminó con estado ${end.detail}`;
    const seen = `Se vio: ${WORKLOAD_NAME} borró ${removed.length ? joinEs(removed.map((f) => quote(f))) : 'nada'} y ${how}.`;
    const expected = `Se esperaba que borrase solo ${quote(FIRST)} y muriese por SIGKILL.`;
    if (gone(o, FIRST) !== true)
      return {
        ok: false,
        message: `${expected} ${seen} El primer borrado está permitido: mata al proceso solo después de que lo haga (ctx->ret == 0 en la salida de unlinkat()).`,
      };
    if (killed(o) && gone(o, REST[0]) === true)
      return {
        ok: false,
        message: `${expected} ${seen} La señal llegó tarde: cuando el programa la envía en la entrada del segundo unlinkat(), esa llamada ya ha empezado y se completa. Envíala en la salida del primero (sys_exit_unlinkat).`,
      };
    return {
      ok: false,
      message: `${expected} ${seen} Envía SIGKILL con bpf_send_signal(9) en la salida del unlinkat() que borró el primer fichero.`,
    };
  },
} satisfies Judge;
