// Judge: by the red workload's outcomes, the XDP program drops TCP to port 8080 and nothing else: the pings
// come back, port 9090 answers and port 8080 does not.
import { type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

const BLOCKED = 'tcp:8080';
const OPEN = 'tcp:9090';
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
      return { ok: false, message: 'No llegaron los resultados de la carga (ping y conexiones a los puertos 8080 y 9090): ¿se cargó y enganchó el programa?' };
    if (right(o))
      return {
        ok: true,
        message: `¡Correcto! El puerto 8080 no contestó (${blocked.detail}), mientras que los ping volvieron (${ping.detail}) y el puerto 9090 contestó «${open.detail}».`,
      };
    const problems: string[] = [];
    if (blocked.ok) problems.push(`el puerto 8080 contestó «${blocked.detail}»: tu programa no descarta sus segmentos`);
    if (!open.ok) problems.push(`el puerto 9090 no contestó (${open.detail}): tu programa descarta más TCP del que debe`);
    if (!ping.ok) problems.push(`los ping no volvieron (${ping.detail}): tu programa descarta ICMP`);
    return {
      ok: false,
      message: `Se esperaba que el puerto 8080 no contestara y que los ping y el puerto 9090 siguieran funcionando. Pero ${problems.join('; ')}.`,
    };
  },
} satisfies Judge;
