// Judge: of the lines the readline workload types into a real /bin/bash, the bpf_printk lines of that
// bash (by PID: its command name is «bash», like any other bash) name the «echo » ones and no other.
import { READLINE_LINES, READLINE_NAME } from '../../../server/processes/workloads.ts';
import { joinEs, quote, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

const ECHO = READLINE_LINES.filter((l) => l.startsWith('echo '));
const OTHERS = READLINE_LINES.filter((l) => !l.startsWith('echo '));

/** The messages of the workload's bash. */
const lines = (o: Observation) => o.printk.filter((p) => (o.workload?.pids ?? []).includes(p.pid)).map((p) => p.message);
/** Which typed line a message shows: an echo line it contains, or else another line as a whole word. */
const shows = (message: string, line: string) => (line.startsWith('echo ') ? message.includes(line) : new RegExp(`(^|\\W)${line}(\\W|$)`).test(message) && !message.includes('echo '));

const seen = (o: Observation, wanted: readonly string[]) => wanted.filter((l) => lines(o).some((m) => shows(m, l)));

export default {
  satisfied: (o) => o.workload !== null && seen(o, ECHO).length === ECHO.length && seen(o, OTHERS).length === 0,
  judge(o) {
    const echo = seen(o, ECHO);
    const others = seen(o, OTHERS);
    const all = lines(o);
    const typed = joinEs(READLINE_LINES.map((l) => quote(l)));
    if (echo.length === ECHO.length && others.length === 0) {
      return {
        ok: true,
        message: `¡Correcto! De las órdenes que escribió ${READLINE_NAME} (${typed}), tu programa imprimió solo ${joinEs(ECHO.map((l) => quote(l)))}.`,
      };
    }
    const expected = `Se esperaban solo las órdenes que empiezan por «echo » del ${READLINE_NAME} que lanza Comprobar (${typed}): ${joinEs(ECHO.map((l) => quote(l)))}.`;
    if (all.length === 0)
      return { ok: false, message: `${expected} No llegó ninguna línea de ese ${READLINE_NAME}: ¿sigue enganchado a uretprobe//bin/bash:readline y llama a bpf_printk?` };
    if (others.length > 0)
      return {
        ok: false,
        message: `${expected} También ${others.length > 1 ? 'se vieron' : 'se vio'} ${joinEs(others.map((l) => quote(l)))}: compara los primeros cinco caracteres de la línea con «echo » y sal con return 0 si no coinciden.`,
      };
    return {
      ok: false,
      message: `${expected} Faltan ${joinEs(ECHO.filter((l) => !echo.includes(l)).map((l) => quote(l)))}; se vio ${quote(all[all.length - 1])}. ¿Filtras demasiado?`,
    };
  },
} satisfies Judge;
