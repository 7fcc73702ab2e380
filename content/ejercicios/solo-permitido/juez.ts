// Judge: the mkdir workload's outcomes. «permitido» must be created and «secreto» refused with EPERM:
// an allow-list of one name, applied only to the run's own processes.
import { MKDIR_DIRS, WORKLOAD_NAME } from '../../../server/processes/workloads.ts';
import { quote, type Judge, type Observation } from '../../../server/exercises/judge-kit.ts';

const [ALLOWED, DENIED] = MKDIR_DIRS;

const outcome = (o: Observation, dir: string) => o.workload?.outcomes?.find((x) => x.action === `mkdir:${dir}`);

/** «se creó» or «falló con EPERM». */
const said = (x: { ok: boolean; detail: string } | undefined) =>
  !x ? 'no llegó a intentarse' : x.ok ? 'se creó' : `falló con ${x.detail}`;

const right = (o: Observation) => outcome(o, ALLOWED)?.ok === true && outcome(o, DENIED)?.ok === false && outcome(o, DENIED)?.detail === 'EPERM';

export default {
  satisfied: right,
  judge(o) {
    const allowed = outcome(o, ALLOWED);
    const denied = outcome(o, DENIED);
    if (right(o))
      return {
        ok: true,
        message: `¡Correcto! ${WORKLOAD_NAME} creó ${quote(ALLOWED)} y, al intentar crear ${quote(DENIED)}, recibió EPERM de tu programa.`,
      };
    const seen = `Se vio: ${quote(ALLOWED)} ${said(allowed)}; ${quote(DENIED)} ${said(denied)}.`;
    if (!allowed && !denied)
      return {
        ok: false,
        message: `Se esperaba que ${WORKLOAD_NAME} intentase crear ${quote(ALLOWED)} y ${quote(DENIED)}, pero no llegó ningún resultado de mkdir: ¿se cargó y se enganchó el programa a lsm/path_mkdir?`,
      };
    if (allowed && !allowed.ok)
      return {
        ok: false,
        message: `Se esperaba que ${quote(ALLOWED)} se crease y que ${quote(DENIED)} fallase con EPERM. ${seen} Tu programa también niega ${quote(ALLOWED)}: compara el nombre con "${ALLOWED}" y devuelve 0 cuando coincida.`,
      };
    return {
      ok: false,
      message: `Se esperaba que ${quote(DENIED)} fallase con EPERM. ${seen} Una lista blanca niega todo lo que no está en ella: devuelve -EPERM a cualquier nombre distinto de "${ALLOWED}".`,
    };
  },
} satisfies Judge;
