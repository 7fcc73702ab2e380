// Judge: the socket filter's hash map counts the UDP datagrams of the udp workload under their destination
// port, in host byte order (5000 → at least the datagrams the workload sent).
import { SANDBOX } from '../../../server/processes/workloads.ts';
import { namedList, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

const { udpPort: UDP_PORT, udpDatagrams: UDP_DATAGRAMS } = SANDBOX;

/** The port as it reads when its two bytes are not swapped back (bpf_ntohs forgotten). */
const swapped = (port: number) => ((port & 0xff) << 8) | (port >> 8);

/** The largest count under a numeric key `key` in any map. */
function countFor(o: Observation, key: number): number {
  let best = 0;
  for (const m of o.maps) for (const e of m.entries) if (e.key === key && typeof e.value === 'number') best = Math.max(best, e.value);
  return best;
}

export default {
  satisfied: (o) => countFor(o, UDP_PORT) >= UDP_DATAGRAMS,
  judge(o) {
    const n = countFor(o, UDP_PORT);
    if (n >= UDP_DATAGRAMS)
      return { ok: true, message: `¡Correcto! Tu mapa cuenta ${n} datagramas al puerto ${UDP_PORT} (la carga mandó ${UDP_DATAGRAMS}).` };
    if (o.maps.length === 0)
      return { ok: false, message: 'Se esperaba un mapa hash con el puerto de destino como clave, y el programa no tiene ninguno (o no se pudo leer).' };
    const expected = `Se esperaba la entrada ${UDP_PORT} → ${UDP_DATAGRAMS} (los datagramas UDP que mandó la carga al puerto ${UDP_PORT}).`;
    if (n > 0) return { ok: false, message: `${expected} Tu mapa cuenta ${n}: ¿cuentas solo una parte de los datagramas?` };
    if (countFor(o, swapped(UDP_PORT)) > 0)
      return {
        ok: false,
        message: `${expected} Tu mapa tiene la clave ${swapped(UDP_PORT)}: es ${UDP_PORT} con sus dos bytes al revés. En el paquete, el puerto va en orden de red; conviértelo con bpf_ntohs().`,
      };
    if (countFor(o, 17) > 0)
      return { ok: false, message: `${expected} Tu mapa tiene la clave 17, el número de protocolo de UDP: aún cuenta por protocolo, no por puerto.` };
    const entries = o.maps.flatMap((m) => m.entries.map((e) => `${m.name}: ${JSON.stringify(e.key)} → ${JSON.stringify(e.value)}`));
    return { ok: false, message: `${expected} Se vio: ${entries.length ? namedList(entries) : 'el mapa vacío'}.` };
  },
} satisfies Judge;
