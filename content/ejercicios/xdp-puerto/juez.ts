// Judge: by the red workload's outcomes, the XDP program drops TCP to the sandbox's first port (8080) and nothing
// else: the pings come back, the second port (9090) answers and the first does not.
import { SANDBOX } from '../../../server/processes/workloads.ts';
import { type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

/** The port the program must close, and the one that must stay open. */
const [BLOCKED_PORT, OPEN_PORT] = SANDBOX.tcpPorts;
const BLOCKED = `tcp:${BLOCKED_PORT}`;
const OPEN = `tcp:${OPEN_PORT}`;
const PING = 'ping';

function outcome(o: Observation, action: string) {
  return o.workload?.outcomes?.find((x) => x.action === action);
}

const right = (o: Observation) => outcome(o, PING)?.ok === true && outcome(o, OPEN)?.ok === true && outcome(o, BLOCKED)?.ok === false;

export default {
  satisfied: right,
  judge(o) {
    const ping = outcome(o, PING);
    const open = outcome(o, OPEN);
    const blocked = outcome(o, BLOCKED);
    if (!ping || !open || !blocked)
      return { ok: false, message: `Se esperaban los resultados de la carga (ping y conexiones a los puertos ${BLOCKED_PORT} y ${OPEN_PORT}) y no llegaron: ¿se cargó y se enganchó el programa?` };
    if (right(o))
      return {
        ok: true,
        message: `¡Correcto! El puerto ${BLOCKED_PORT} no contestó (${blocked.detail}), mientras que los pings volvieron (${ping.detail}) y el puerto ${OPEN_PORT} contestó «${open.detail}».`,
      };
    const problems: string[] = [];
    if (blocked.ok) problems.push(`el puerto ${BLOCKED_PORT} contestó «${blocked.detail}»: tu programa no descarta sus segmentos`);
    if (!open.ok) problems.push(`el puerto ${OPEN_PORT} no contestó (${open.detail}): tu programa descarta más TCP del que debe`);
    if (!ping.ok) problems.push(`los pings no volvieron (${ping.detail}): tu programa descarta ICMP`);
    return {
      ok: false,
      message: `Se esperaba que el puerto ${BLOCKED_PORT} no contestara y que los pings y el puerto ${OPEN_PORT} siguieran funcionando. Pero ${problems.join('; ')}.`,
    };
  },
} satisfies Judge;
