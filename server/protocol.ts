// The terminal protocol, shared by the server and the page (src/client/).
// One WebSocket per terminal, at TERMINAL_PATH. Client → server messages are
// JSON text frames; server → client output is binary frames (raw pty bytes),
// and control messages are JSON text frames.
import { z } from 'zod';

export const TERMINAL_PATH = '/api/terminal';

const dims = {
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
};

export const ClientMessage = z.discriminatedUnion('type', [
  /** Run a lesson block, by id. The server looks the command up; it never takes one from the page. */
  z.object({ type: z.literal('run'), id: z.string().max(64), ...dims }),
  /** Open the free interactive shell. */
  z.object({ type: z.literal('shell'), ...dims }),
  /** Keystrokes or a paste (the client sends large pastes in chunks). */
  z.object({ type: z.literal('input'), data: z.string().max(64 * 1024) }),
  z.object({ type: z.literal('resize'), ...dims }),
  /** Detener: SIGINT, then SIGTERM, then SIGKILL. */
  z.object({ type: z.literal('stop') }),
  /** Flow control: the client has rendered this many more output bytes. */
  z.object({ type: z.literal('ack'), bytes: z.number().int().min(0).max(1 << 30) }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

export type ServerMessage =
  /** A process is running. */
  | { type: 'started'; id: string; command: string }
  /** The process ended; `message` is the Spanish sentence to show. */
  | { type: 'exit'; code: number | null; signal: string | null; message: string }
  /** Something the learner should know (timeout, stop escalation…). */
  | { type: 'notice'; message: string }
  /** The request could not be served; the socket closes after it. */
  | { type: 'error'; message: string };

/** Largest input chunk a client sends in one message. */
export const INPUT_CHUNK = 16 * 1024;
