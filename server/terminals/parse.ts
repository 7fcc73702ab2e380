// Validates what a page sends. Anything that does not parse is ignored.
import { clientMessageSchema, type ClientMessage } from '../../lib/protocol-schema.ts';

export function parseClientMessage(text: string): ClientMessage | null {
  try {
    const r = clientMessageSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
