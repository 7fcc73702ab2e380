// Validates what a page sends. Anything that does not parse is ignored.
import { z } from 'zod';
import type { ClientMessage } from '../protocol.ts';
import { INPUT_CHUNK } from '../protocol.ts';

const dims = {
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
};

const schema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), id: z.string().max(64), ...dims, source: z.string().max(256 * 1024).optional() }),
  z.object({ type: z.literal('check'), exercise: z.string().max(64), ...dims, source: z.string().max(256 * 1024).optional() }),
  z.object({ type: z.literal('workload'), kind: z.enum(['exec', 'open', 'read']) }),
  z.object({ type: z.literal('shell'), ...dims }),
  z.object({ type: z.literal('input'), data: z.string().max(INPUT_CHUNK * 4) }),
  z.object({ type: z.literal('resize'), ...dims }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('ack'), bytes: z.number().int().min(0).max(1 << 30) }),
]);

// The schema and the shared type must agree.
const _check: z.ZodType<ClientMessage> = schema;
void _check;

export function parseClientMessage(text: string): ClientMessage | null {
  try {
    const r = schema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
