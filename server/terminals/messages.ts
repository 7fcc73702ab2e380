// Spanish sentences the terminal shows. One place, so that wording stays consistent.
import type { MissingNeed } from '../runs/needs.ts';
import { EXEC_RUNS, OPENS_PER_RUN, READS_PER_RUN, WORKLOAD_FILE } from '../processes/workloads.ts';

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

const SIGNAL_WORDS: Record<string, string> = {
  SIGINT: 'interrumpido (SIGINT)',
  SIGTERM: 'terminado (SIGTERM)',
  SIGKILL: 'matado (SIGKILL)',
  SIGHUP: 'colgado (SIGHUP)',
  SIGPIPE: 'cortado (SIGPIPE)',
};

/** Why a block failed when it reads something another block must provide first. */
export function needSentence(m: MissingNeed, lesson: string, label: string): string {
  const elsewhere = m.provider.lesson !== lesson ? ` (en la lección «${m.provider.lesson}»)` : '';
  const first = `primero ejecuta «${label}»${elsewhere}`;
  switch (m.need.kind) {
    case 'map':
      return `No hay ningún mapa «${m.need.name}» cargado: ${first} y, mientras siga en marcha, vuelve a ejecutar este bloque.`;
    case 'prog':
      return `No hay ningún programa «${m.need.name}» cargado: ${first} y, mientras siga en marcha, vuelve a ejecutar este bloque.`;
    case 'pin':
      return `No existe ${m.need.name}: ${first} y luego vuelve a ejecutar este bloque.`;
  }
}

/** The exit sentence; `why` (a failed run's likely cause) follows a non-zero exit. */
export function exitSentence(code: number | null, signal: string | null, why?: string | null): string {
  const base = baseExitSentence(code, signal);
  return why && !signal && code !== 0 ? `${base} ${why}` : base;
}

function baseExitSentence(code: number | null, signal: string | null): string {
  if (signal) return `El proceso ha sido ${SIGNAL_WORDS[signal] ?? `detenido por la ${signal}`}.`;
  if (code === 0) return 'El proceso terminó correctamente (código de salida 0).';
  if (code === 130) return 'El proceso se detuvo con Ctrl-C (código de salida 130).';
  return `El proceso terminó con el código de salida ${code ?? 'desconocido'}.`;
}

export const msg = {
  unknownExercise: (id: string) => `No existe ningún ejercicio «${id.slice(0, 64)}». Recarga la página.`,
  workloadDone: (kind: string, name: string) =>
    ({
      exec: `Lanzado «${name}» ${EXEC_RUNS} veces (${EXEC_RUNS} execve).`,
      open: `«${name}» ha abierto ${WORKLOAD_FILE} ${OPENS_PER_RUN} veces.`,
      read: `«${name}» ha hecho ${READS_PER_RUN} lecturas.`,
    })[kind] ?? 'Hecho.',
  unknownBlock: (id: string) => `No existe ningún bloque ejecutable «${id.slice(0, 64)}». Recarga la página.`,
  runTimeout: (ms: number) => `Nadie lo ha detenido en ${seconds(ms)}: se detiene automáticamente.`,
  idle: (ms: number) => `Terminal inactivo durante ${seconds(ms)}: se cierra.`,
  tooMany: (max: number) =>
    `Hay demasiados terminales abiertos (máximo ${max}). Cierra alguno (Detener o cerrar la pestaña) y vuelve a intentarlo.`,
  spawnFailed: (file: string, err: unknown) => `No se pudo iniciar «${file}»: ${err instanceof Error ? err.message : String(err)}.`,
};
