// The client → server messages and the HTTP request bodies, defined once as zod
// schemas: the server validates with them, and their types (z.infer) are the
// ones the page sends (re-exported by protocol.ts, so the page never loads zod).
import { z } from 'zod';
import { INPUT_CHUNK, WORKLOAD_KINDS } from './protocol.ts';

const dims = {
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
};

/** Largest edited source the page may send with a run. */
const SOURCE_MAX = 256 * 1024;

/**
 * Values for a block's settable globals, by variable name (the page's inputs, as text). Only
 * shaped here; server/runs/run-config.ts checks them against what the block declares.
 */
const runConfig = z
  .record(z.string().max(64), z.string().max(256))
  .refine((c) => Object.keys(c).length <= 8)
  .optional();

export const clientMessageSchema = z.discriminatedUnion('type', [
  /**
   * Run a lesson block, by id. The server looks the command up; it never takes one from the page.
   * `source`: the learner's edited code, accepted only for C and bpftrace blocks.
   */
  z.object({ type: z.literal('run'), id: z.string().max(64), ...dims, source: z.string().max(SOURCE_MAX).optional(), config: runConfig }),
  /** Comprobar: run an exercise (edited code or its starting code) and judge it on the kernel. */
  z.object({ type: z.literal('check'), exercise: z.string().max(64), ...dims, source: z.string().max(SOURCE_MAX).optional() }),
  /** A workload button: generate known events (the server runs a fixed program). */
  z.object({ type: z.literal('workload'), kind: z.enum(WORKLOAD_KINDS) }),
  /** Open the free interactive shell. */
  z.object({ type: z.literal('shell'), ...dims }),
  /** Keystrokes or a paste chunk (≤ INPUT_CHUNK). */
  z.object({ type: z.literal('input'), data: z.string().max(INPUT_CHUNK * 4) }),
  z.object({ type: z.literal('resize'), ...dims }),
  /** Detener: SIGINT to the process group, SIGTERM after 2 s, SIGKILL after 4 s. */
  z.object({ type: z.literal('stop') }),
  /** Flow control: the page has rendered this many more output bytes (sent from xterm's write callback). */
  z.object({
    type: z.literal('ack'),
    bytes: z
      .number()
      .int()
      .min(0)
      .max(1 << 30),
  }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

/** POST /api/diagnostics. */
export const diagnosticsRequestSchema = z.object({
  kind: z.enum(['c', 'bpftrace']),
  source: z.string(),
  fileName: z
    .string()
    .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}\.c$/)
    .optional(),
});

export type DiagnosticsRequest = z.infer<typeof diagnosticsRequestSchema>;
