// Judge: of the tcp workload's two connects, the one to the closed port fails with EPERM (the program
// refused it) and the other one connects.
import { SANDBOX } from '../../../server/processes/workloads.ts';
import { type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

/** The tcp workload connects to both ports; the exercise closes the first. */
const [CLOSED, OPEN] = SANDBOX.tcpPorts;

const outcome = (o: Observation, port: number) => o.workload?.outcomes?.find((a) => a.action === `tcp:${port}`);

export default {
  satisfied(o) {
    const closed = outcome(o, CLOSED);
    const open = outcome(o, OPEN);
    return !!closed && !closed.ok && closed.detail === 'EPERM' && !!open && open.ok;
  },
  judge(o) {
    const closed = outcome(o, CLOSED);
    const open = outcome(o, OPEN);
    if (!closed || !open)
      return {
        ok: false,
        message: `Se esperaba el resultado de los dos connect() de la prueba (a los puertos ${CLOSED} y ${OPEN}), y no llegó: ¿se cargó y enganchó el programa?`,
      };
    if (!closed.ok && closed.detail === 'EPERM' && open.ok)
      return {
        ok: true,
        message: `¡Correcto! El connect() al puerto ${CLOSED} falló con EPERM (lo rechazó tu programa) y el del ${OPEN} conectó y recibió «${open.detail}».`,
      };
    if (closed.ok)
      return {
        ok: false,
        message: `Se esperaba que el connect() al puerto ${CLOSED} fallara con EPERM, y conectó (el servidor respondió «${closed.detail}»): tu programa lo dejó pasar. ctx->user_port está en orden de red: compáralo con bpf_htons(${CLOSED}), no con ${CLOSED}.`,
      };
    if (closed.detail !== 'EPERM')
      return {
        ok: false,
        message: `Se esperaba que el connect() al puerto ${CLOSED} fallara con EPERM, y falló con ${closed.detail}: no lo rechazó tu programa. Para rechazarlo, connect4 debe devolver 0.`,
      };
    if (!open.ok)
      return {
        ok: false,
        message: `Se esperaba que solo se rechazara el puerto ${CLOSED}. El ${CLOSED} quedó cerrado (EPERM), bien; pero el connect() al ${OPEN} también falló (${open.detail}): para los demás puertos, devuelve 1.`,
      };
    return { ok: false, message: `Se esperaba EPERM en el puerto ${CLOSED} y «hola» en el ${OPEN}. Se vio: puerto ${CLOSED}: ${closed.detail}; puerto ${OPEN}: ${open.detail}.` };
  },
} satisfies Judge;
