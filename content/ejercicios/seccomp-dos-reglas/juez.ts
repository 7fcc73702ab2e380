// Judge: the program's own report, line by line: uname() fails with EPERM, getcwd() with EACCES, and
// getpid() still works (the filter lets everything else through).
import { joinEs, quote, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

/** What the program said of each call: «funciona», or the errno name after «falla con». */
function results(o: Observation): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of o.text.matchAll(/^\s*(\w+)\(\): (?:falla con (\S+)|(funciona))/gm)) out.set(m[1], m[2] ?? 'funciona');
  return out;
}

const EXPECTED: Array<[string, string]> = [
  ['uname', 'EPERM'],
  ['getcwd', 'EACCES'],
  ['getpid', 'funciona'],
];

/** The line as the program prints it. */
const said = (call: string, result: string) => (result === 'funciona' ? `${call}(): funciona` : `${call}(): falla con ${result}`);

export default {
  satisfied: (o) => EXPECTED.every(([call, want]) => results(o).get(call) === want),
  judge(o) {
    const seen = results(o);
    const wanted = joinEs(EXPECTED.map(([call, want]) => quote(said(call, want))));
    if (EXPECTED.every(([call, want]) => seen.get(call) === want)) {
      return { ok: true, message: `¡Correcto! El programa dijo ${wanted}: cada regla devuelve su propio errno y el resto de llamadas pasa.` };
    }
    if (!/Filtro instalado/.test(o.text) || seen.size === 0) {
      const last = o.text.trim().split('\n').pop() ?? '';
      return {
        ok: false,
        message:
          `Se esperaba que el programa instalara su filtro y dijera ${wanted}, pero no llegó a probar las llamadas` +
          (last ? ` (lo último que dijo fue ${quote(last)})` : '') +
          '. Si el proceso murió por SIGSYS, el filtro devolvió KILL: revisa los saltos de cada BPF_JUMP.',
      };
    }
    const wrong = EXPECTED.filter(([call, want]) => seen.get(call) !== want);
    const got = joinEs(wrong.map(([call]) => (seen.has(call) ? quote(said(call, seen.get(call)!)) : `nada sobre ${call}()`)));
    return {
      ok: false,
      message:
        `Se esperaba que el programa dijera ${wanted}; dijo ${got}. ` +
        'Añade una segunda regla como la de uname: compara el número de la llamada (nr, ya cargado en el acumulador) con __NR_getcwd y devuelve SECCOMP_RET_ERRNO | EACCES; lo demás sigue en SECCOMP_RET_ALLOW.',
    };
  },
} satisfies Judge;
