// Judge: the map counts bytes under the IPv4 destination address: an entry for the server side (what
// enters srv0) and one for the client side (the replies leaving it), each with bytes, not packets.
import { SANDBOX } from '../../../server/processes/workloads.ts';
import { joinEs, namedList, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

const SERVER = SANDBOX.srvAddress;
const CLIENT = SANDBOX.cliAddress;
const PINGS = SANDBOX.pings;
/** An IPv4 echo request or reply of ping's default size: 20 (IP) + 8 (ICMP) + 56 (data). */
const PING_IP_BYTES = 84;
/** Fewer bytes than the ping alone carries in each direction cannot be a byte count. */
const MIN_BYTES = PINGS * PING_IP_BYTES;

/** The dotted addresses a key can mean: a __u32 as stored (network order read on a little or big endian CPU), or bytes. */
function addresses(key: unknown): string[] {
  if (key && typeof key === 'object' && !Array.isArray(key)) {
    const values = Object.values(key as Record<string, unknown>);
    return values.length === 1 ? addresses(values[0]) : [];
  }
  if (Array.isArray(key) && key.length === 4 && key.every((b) => typeof b === 'number')) return [key.join('.')];
  if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key > 0xffffffff) return [];
  const b = [key >>> 24, (key >>> 16) & 255, (key >>> 8) & 255, key & 255];
  return [[...b].reverse().join('.'), b.join('.')];
}

/** A value as a byte count: a number, or a struct's field named like «bytes». */
function bytesOf(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const field = Object.entries(value as Record<string, unknown>).find(([k, v]) => /byte/i.test(k) && typeof v === 'number');
    return field ? (field[1] as number) : null;
  }
  return null;
}

/** The largest count under a key that means `ip`. */
function bytesTo(o: Observation, ip: string): number | null {
  let best: number | null = null;
  for (const m of o.maps)
    for (const e of m.entries) {
      const n = bytesOf(e.value);
      if (n !== null && addresses(e.key).includes(ip)) best = Math.max(best ?? 0, n);
    }
  return best;
}

/** What the map held, for the message: «0 (0.0.0.0) → 1686». */
function seen(o: Observation): string[] {
  return o.maps.flatMap((m) =>
    m.entries.map((e) => {
      const a = addresses(e.key);
      return `${JSON.stringify(e.key)}${a.length ? ` (${a[0]})` : ''} → ${JSON.stringify(e.value)}`;
    }),
  );
}

const ok = (n: number | null) => n !== null && n >= MIN_BYTES;

export default {
  satisfied: (o) => o.workload !== null && ok(bytesTo(o, SERVER)) && ok(bytesTo(o, CLIENT)),
  judge(o) {
    if (!o.workload)
      return { ok: false, message: 'Se esperaba tráfico de prueba en la red de la ejecución, y no llegó a lanzarse: ¿se cargó y enganchó el programa?' };
    const toServer = bytesTo(o, SERVER);
    const toClient = bytesTo(o, CLIENT);
    if (ok(toServer) && ok(toClient))
      return {
        ok: true,
        message: `¡Correcto! Tu mapa cuenta ${toServer} bytes hacia ${SERVER} (lo que entra en srv0) y ${toClient} hacia ${CLIENT} (las respuestas que salen).`,
      };
    if (o.maps.length === 0)
      return { ok: false, message: 'Se esperaba un mapa hash con la dirección de destino como clave, y el programa no tiene ninguno (o no se pudo leer).' };
    const entries = seen(o);
    if (toServer === null && toClient === null)
      return {
        ok: false,
        message:
          `Se esperaban entradas con las claves ${SERVER} y ${CLIENT}, las direcciones de destino del tráfico de la prueba. ` +
          `Se vio: ${entries.length ? namedList(entries) : 'el mapa vacío'}. La clave debe ser ip->daddr, leída de la cabecera IPv4 tras comprobar sus límites.`,
      };
    const small = [toServer, toClient].filter((n) => n !== null && n < MIN_BYTES);
    if (small.length > 0)
      return {
        ok: false,
        message: `Se esperaban bytes, al menos ${MIN_BYTES} en cada sentido (los ${PINGS} pings ya llevan eso). Las claves están bien, pero los valores (${joinEs(small.map(String))}) son demasiado pequeños: ¿sumas 1 por paquete en lugar de skb->len?`,
      };
    const missing = toServer === null ? `${SERVER} (lo que entra en srv0: ¿cuenta cuenta_ingress?)` : `${CLIENT} (lo que sale de srv0: ¿cuenta cuenta_egress?)`;
    return { ok: false, message: `Se esperaban las dos direcciones, y falta la entrada de ${missing}. Se vio: ${namedList(entries)}.` };
  },
} satisfies Judge;
