// POST /api/diagnostics: the learner's code checked while they type.
import { DIAGNOSTICS_PATH, type DiagnosticsBody } from '../../lib/protocol.ts';
import { diagnosticsRequestSchema } from '../../lib/protocol-schema.ts';
import { validateLearnerSource } from '../runs/learner-source.ts';
import { BusyError, diagnose } from '../processes/diagnose.ts';
import { terminal } from '../../lib/messages/es/terminal.mjs';
import { readJsonBody, sendJson, type ApiRoute } from './site.ts';

/** `cacheRoot`: the server's compile cache (vmlinux.h for code that includes it). */
export function diagnosticsRoute(cacheRoot?: string): ApiRoute {
  return {
    method: 'POST',
    path: DIAGNOSTICS_PATH,
    async handler(req, res) {
      const raw = await readJsonBody(req, res, 128 * 1024);
      if (raw === null) return;
      const body = diagnosticsRequestSchema.safeParse(raw);
      if (!body.success) return sendJson(res, 400, { error: terminal['http.diagnosticsBody'] });
      const v = validateLearnerSource(body.data.kind, body.data.source);
      if (!v.ok) return sendJson(res, 400, { error: v.message });
      try {
        sendJson(res, 200, {
          diagnostics: await diagnose(body.data.kind, v.source, body.data.fileName, cacheRoot),
        } satisfies DiagnosticsBody);
      } catch (e) {
        if (e instanceof BusyError) return sendJson(res, 429, { error: e.message });
        throw e;
      }
    },
  };
}
