// The runner's events (bpf/runner/, one JSON object per line on stdout), defined once.
// The runner emits codes and data only; runner-stream.ts words them in Spanish.
// A line that does not match this schema is not an event: parseRunnerEvent() gives null.
import { z } from 'zod';
import type { BpfMapDump } from '../../lib/protocol.ts';

const program = { program: z.string(), section: z.string() };
const errno = z.number().int();

/** EPERM on load or attach: what is missing, or that a system policy blocked it anyway. */
const privilegeReasons = [
  z.object({ reason: z.literal('privileges_missing'), missing: z.array(z.enum(['CAP_BPF', 'CAP_PERFMON'])).min(1) }),
  z.object({ reason: z.literal('blocked_by_policy'), root: z.boolean() }),
] as const;

/** Why a program has no auto-attach (explain_skip in bpf/runner/explain.c): a tail-call target, or its type. */
export const SKIP_REASONS = ['tail_call', 'xdp', 'socket_filter', 'tc', 'perf_event', 'cgroup', 'unknown_section'] as const;

const attachFailure = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('kprobes_missing') }),
  z.object({ reason: z.literal('target_missing') }),
  z.object({ reason: z.literal('function_missing') }),
  z.object({ reason: z.literal('symbol_missing') }),
  z.object({ reason: z.literal('system_error'), strerror: z.string() }),
  ...privilegeReasons,
]);

const errorReason = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('open_failed'), path: z.string(), strerror: z.string(), btf_warning: z.boolean() }),
  z.object({ reason: z.literal('verifier_rejected') }),
  z.object({ reason: z.literal('load_failed'), strerror: z.string(), libbpf: z.string() }),
  z.object({ reason: z.literal('nothing_attached') }),
  ...privilegeReasons,
  // --set NAME=VALUE (bpf/runner/globals.c): the variable is not in the object's data sections, its
  // type is neither an integer nor a char array, the value does not fit it, or the text is too long.
  ...(['unknown_variable', 'unsupported_type', 'bad_value', 'too_long'] as const).map((reason) =>
    z.object({ reason: z.literal(reason), name: z.string(), section: z.string().optional() }),
  ),
]);

const mapDump = z.object({
  name: z.string(),
  type: z.string(),
  entries: z.array(z.object({ key: z.unknown(), value: z.unknown() })),
  truncated: z.boolean(),
});

/** The event's own fields, by type; the reason-carrying ones are checked in a second step. */
const base = z.discriminatedUnion('type', [
  z.object({ type: z.literal('loaded'), ...program, id: z.number().int() }),
  z.object({ type: z.literal('attached'), ...program, target: z.string().optional() }),
  z.object({ type: z.literal('socket'), program: z.string(), delivered: z.number().int() }),
  z.object({ type: z.literal('skipped'), ...program, reason: z.enum(SKIP_REASONS) }),
  z.object({ type: z.literal('attach_failed'), ...program, errno }),
  z.object({ type: z.literal('ready'), attached: z.number().int(), skipped: z.number().int() }),
  z.object({ type: z.literal('printk'), comm: z.string(), pid: z.number().int(), message: z.string() }),
  z.object({ type: z.literal('trace'), line: z.string() }),
  z.object({ type: z.literal('maps'), final: z.boolean(), maps: z.array(mapDump) }),
  z.object({ type: z.literal('verifier'), ...program, errno, log: z.string() }),
  z.object({ type: z.literal('error'), stage: z.enum(['open', 'config', 'load', 'attach']), errno }),
  /** A global variable written before load (--set): its data section and the value written. */
  z.object({ type: z.literal('global'), name: z.string(), section: z.string(), value: z.union([z.number(), z.string()]) }),
  z.object({ type: z.literal('libbpf'), message: z.string() }),
  /** A channel that could not be opened: bpf_printk's trace pipe, or a ring/perf buffer map's (`map`). */
  z.object({
    type: z.literal('warning'),
    reason: z.enum(['printk_unavailable', 'events_unavailable']),
    errno,
    strerror: z.string(),
    map: z.string().optional(),
  }),
  /** Records of a ring buffer or perf buffer map, decoded from BTF (bpf/runner/events.h); the counts are totals. */
  z.object({
    type: z.literal('events'),
    map: z.string(),
    kind: z.enum(['ringbuf', 'perfbuf']),
    struct: z.string().nullable(),
    rows: z.array(z.record(z.string(), z.unknown())),
    dropped: z.number().int().nonnegative(),
    lost: z.number().int().nonnegative(),
  }),
  z.object({ type: z.literal('exit'), status: z.number().int() }),
  z.object({ type: z.literal('probe'), fentry: z.enum(['ok', 'blocked', 'no-btf', 'no-target', 'load-failed', 'attach-failed']), errno }),
]);

/** Every "reason" code the runner may print, for the test that reads bpf/runner/ for them. */
export const REASONS: ReadonlySet<string> = new Set([
  ...SKIP_REASONS,
  ...attachFailure.options.map((o) => o.shape.reason.value),
  ...errorReason.options.map((o) => o.shape.reason.value),
  'printk_unavailable',
  'events_unavailable',
]);

type Base = z.infer<typeof base>;
export type AttachFailure = z.infer<typeof attachFailure>;
export type ErrorReason = z.infer<typeof errorReason>;
export type PrivilegeReason = z.infer<(typeof privilegeReasons)[number]>;

/** Every event the runner prints. */
export type RunnerEvent =
  | Exclude<Base, { type: 'attach_failed' | 'error' | 'maps' }>
  | (Extract<Base, { type: 'attach_failed' }> & AttachFailure)
  | (Extract<Base, { type: 'error' }> & ErrorReason)
  | { type: 'maps'; final: boolean; maps: BpfMapDump[] };

export type RunnerEventType = RunnerEvent['type'];

/** Validates one parsed line; null when it is not one of the runner's events. */
export function toRunnerEvent(value: unknown): RunnerEvent | null {
  const r = base.safeParse(value);
  if (!r.success) return null;
  const ev = r.data;
  if (ev.type === 'attach_failed') {
    const why = attachFailure.safeParse(value);
    return why.success ? { ...ev, ...why.data } : null;
  }
  if (ev.type === 'error') {
    const why = errorReason.safeParse(value);
    return why.success ? { ...ev, ...why.data } : null;
  }
  if (ev.type === 'maps')
    return { ...ev, maps: ev.maps.map((m) => ({ ...m, entries: m.entries.map((e) => ({ key: e.key, value: e.value })) })) };
  return ev;
}

/** One line of the runner's output; null when it is not valid JSON or not an event. */
export function parseRunnerEvent(line: string): RunnerEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  return toRunnerEvent(value);
}
