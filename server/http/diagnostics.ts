// POST /api/diagnostics: the learner's code checked while they type.
import { z } from 'zod';
import { DIAGNOSTICS_PATH } from '../protocol.ts';
import { validateLearnerSource } from '../runs/learner-source.ts';
import { BusyError, diagnose } from '../processes/diagnose.ts';
import { readJsonBody, sendJson, type ApiRoute } from './site.ts';

const Body = z.object({
  kind: z.enum(['c', 'bpftrace']),
  source: z.string(),
  fileName: z.string().regex(/^[A-Za-z0-9_.-]{1,64}\.c$/).optional(),
});

export function diagnosticsRoute(): ApiRoute {
  return {
    method: 'POST',
    path: DIAGNOSTICS_PATH,
    async handler(req, res) {
      const raw = await readJsonBody(req, res, 128 * 1024);
      if (raw === null) return;
      const body = Body.safeParse(raw);
      if (!body.success) return sendJson(res, 400, { error: 'Petición no válida: se esperaba {kind: "c" | "bpftrace", source}.' });
      const v = validateLearnerSource(body.data.kind, body.data.source);
      if (!v.ok) return sendJson(res, 400, { error: v.message });
      try {
        sendJson(res, 200, { diagnostics: await diagnose(body.data.kind, v.source, body.data.fileName) });
      } catch (e) {
        if (e instanceof BusyError) return sendJson(res, 429, { error: e.message });
        throw e;
      }
    },
  };
}
