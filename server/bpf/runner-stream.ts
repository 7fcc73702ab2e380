// Turns the runner's output (JSON events from `runner --json`, mixed with plain
// lines such as clang's diagnostics) into what the learner sees: Spanish text
// for the terminal, plus structured messages (maps, verifier) for the page.
// The runner emits codes and data (runner-events.ts); every sentence comes from
// lib/messages/es/runner.mjs.
import { StringDecoder } from 'node:string_decoder';
import { fill } from '../../lib/messages/fill.mjs';
import { runner as t } from '../../lib/messages/es/runner.mjs';
import type { BpfMapDump, EventRow, ServerMessage } from '../../lib/protocol.ts';
import { capLog, explainVerifierLog } from './verifier.ts';
import { parseRunnerEvent, type AttachFailure, type ErrorReason, type PrivilegeReason, type RunnerEvent } from './runner-events.ts';
import { showValue } from '../../lib/protocol.ts';
import { wrapText } from '../text/wrap.ts';
import { EVENTS, RUNNER_LINE } from '../limits.ts';

export type { RunnerEvent } from './runner-events.ts';

const C = {
  dim: (s: string) => `\x1b[2m${s}\x1b[0m`,
  ok: (s: string) => `\x1b[32m${s}\x1b[0m`,
  warn: (s: string) => `\x1b[33m${s}\x1b[0m`,
  err: (s: string) => `\x1b[1;31m${s}\x1b[0m`,
  bold: (s: string) => `\x1b[1m${s}\x1b[0m`,
};

export function mapsAsText(maps: BpfMapDump[]): string {
  const out: string[] = [];
  for (const m of maps) {
    const header = m.truncated ? t['maps.headerTruncated'] : m.entries.length === 1 ? t['maps.headerOne'] : t['maps.header'];
    out.push(C.bold(fill(header, { name: m.name, type: m.type, count: m.entries.length })));
    for (const e of m.entries) out.push(`  ${showValue(e.key)} → ${showValue(e.value)}`);
  }
  return out.join('\r\n');
}

/** One ring/perf buffer record as a terminal line: `events: pid=12 comm="cat" filename="/etc/hostname"`. */
export function eventLine(map: string, row: EventRow): string {
  return `${map}: ${Object.entries(row)
    .map(([k, v]) => `${k}=${showValue(v)}`)
    .join(' ')}`;
}

export class RunnerStream {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  /** Inside an event line longer than RUNNER_LINE.maxEventBytes: dropped up to its newline. */
  private skipping = false;
  private sawVerifier = false;
  /** Per ring/perf buffer map, the last totals the runner sent (said at exit when not zero). */
  private readonly eventCounts = new Map<string, { dropped: number; lost: number }>();

  constructor(
    private readonly send: (m: ServerMessage) => void,
    /** Sees every runner event (the exercise checks use it). */
    private readonly observe?: (ev: RunnerEvent) => void,
    /** The terminal's width now: our sentences are broken at spaces to fit it. */
    private readonly cols?: () => number,
  ) {}

  /** Takes raw pty output; returns the bytes to show in the terminal. */
  push(chunk: Buffer): Buffer {
    const text = this.decoder.write(chunk);
    const nl = text.lastIndexOf('\n');
    const lines = nl < 0 ? [] : (this.partial + text.slice(0, nl)).split('\n');
    this.partial = nl < 0 ? this.partial + text : text.slice(nl + 1);
    if (this.skipping && nl >= 0) {
      lines.shift(); // the end of an event line too long to keep
      this.skipping = false;
    }
    const event = this.partial.startsWith('{"type":');
    if (this.skipping) {
      this.partial = '';
    } else if (event && this.partial.length > RUNNER_LINE.maxEventBytes) {
      this.partial = '';
      this.skipping = true;
    } else if (this.partial && !event && (!this.partial.startsWith('{') || this.partial.length > RUNNER_LINE.maxTextBytes)) {
      // A line without newline is held only while it may be an event: a progress bar or a
      // prompt is shown now.
      lines.push(this.partial);
      this.partial = '';
      return Buffer.from(this.render(lines, false));
    }
    return Buffer.from(this.render(lines, true));
  }

  flush(): Buffer {
    const rest = this.skipping ? '' : this.partial + this.decoder.end();
    this.partial = '';
    this.skipping = false;
    return rest ? Buffer.from(this.render([rest], false)) : Buffer.alloc(0);
  }

  private render(lines: string[], complete: boolean): string {
    let out = '';
    lines.forEach((raw, i) => {
      const isLast = i === lines.length - 1;
      const line = raw.replace(/\r$/, '');
      if (!line.startsWith('{"type":')) {
        out += line + (isLast && !complete ? '' : '\r\n');
        return;
      }
      // Shaped like an event: shown and observed only when it is one (never as raw JSON).
      const parsed = parseRunnerEvent(line);
      if (!parsed) return;
      const ev =
        parsed.type === 'maps'
          ? { ...parsed, maps: parsed.maps.map(nameAnonymousMembers) }
          : parsed.type === 'events'
            ? { ...parsed, rows: parsed.rows.map((r) => nameAnonymous(r) as EventRow) }
            : parsed;
      const shown = this.onEvent(ev);
      this.observe?.(ev);
      // The program's own output (printk, maps, events) is shown as it is; our sentences are wrapped.
      const own = ev.type === 'printk' || ev.type === 'maps' || ev.type === 'events';
      if (shown) out += (own || !this.cols ? shown : wrapText(shown, this.cols())) + '\r\n';
    });
    return out;
  }

  /** A batch of ring/perf buffer records: the page's table, one terminal line per row, a note when the cap starts. */
  private onEvents(ev: Extract<RunnerEvent, { type: 'events' }>): string {
    this.send({ type: 'events', map: ev.map, kind: ev.kind, struct: ev.struct, rows: ev.rows, dropped: ev.dropped, lost: ev.lost });
    const before = this.eventCounts.get(ev.map);
    this.eventCounts.set(ev.map, { dropped: ev.dropped, lost: ev.lost });
    const lines = ev.rows.map((r) => eventLine(ev.map, r));
    if (ev.dropped > 0 && !before?.dropped) lines.push(C.warn(`⚠ ${fill(t['events.capped'], { map: ev.map, max: EVENTS.maxPerSecond })}`));
    return lines.join('\r\n');
  }

  private onEvent(ev: RunnerEvent): string {
    switch (ev.type) {
      case 'loaded':
        return fill(t.loaded, { program: ev.program, id: ev.id });
      case 'attached':
        this.send({ type: 'attached', program: ev.program, section: ev.section });
        if (ev.target) return C.ok(`✔ ${fill(t.attachedTo, { program: ev.program, section: ev.section, target: ev.target })}`);
        return C.ok(`✔ ${fill(t.attached, { program: ev.program, section: ev.section })}`);
      case 'socket':
        return C.dim(fill(t.socketDelivered, { program: ev.program, count: ev.delivered }));
      case 'skipped':
        // A tail-call target is not attached on purpose: a note, not a warning.
        if (ev.reason === 'tail_call') return C.dim(fill(t.tailCallTarget, { program: ev.program, section: ev.section }));
        return C.warn(`⚠ ${fill(t.skipped, { program: ev.program, section: ev.section, reason: t[SKIPPED[ev.reason]] })}`);
      case 'attach_failed':
        return C.err(`✘ ${fill(t.attachFailed, { program: ev.program, section: ev.section, reason: attachFailure(ev, ev.section) })}`);
      case 'ready':
        return C.dim(fill(ev.attached === 1 ? t['ready.one'] : t['ready.other'], { count: ev.attached }));
      case 'printk':
        return `${C.dim(`${ev.comm}-${ev.pid}:`)} ${ev.message}`;
      case 'maps':
        this.send({ type: 'maps', final: ev.final, maps: ev.maps });
        return ev.final ? mapsAsText(ev.maps) : '';
      case 'verifier': {
        this.sawVerifier = true;
        const ex = explainVerifierLog(ev.log);
        const { text, truncated } = capLog(ev.log);
        this.send({
          type: 'verifier',
          program: ev.program,
          decisive: ex.decisive,
          source: ex.source,
          cause: ex.cause,
          summary: ex.summary,
          explanation: ex.explanation,
          log: text,
          truncated,
        });
        const where = ex.source ? `\r\n  ${fill(t['verifier.where'], ex.source)}` : '';
        return (
          C.err(`✘ ${fill(t['verifier.rejected'], { program: ev.program, decisive: ex.decisive })}`) + where + `\r\n  ${ex.explanation}`
        );
      }
      case 'error':
        return ev.stage === 'load' && this.sawVerifier ? '' : C.err(`✘ ${errorSentence(ev)}`);
      case 'global':
        return C.dim(
          fill(t.global, { name: ev.name, section: ev.section, value: typeof ev.value === 'string' ? `"${ev.value}"` : ev.value }),
        );
      case 'libbpf':
        return this.sawVerifier || /BPF program load failed|failed to load/.test(ev.message) ? '' : C.dim(ev.message);
      case 'warning':
        return ev.reason === 'events_unavailable'
          ? C.warn(`⚠ ${fill(t.eventsUnavailable, { map: ev.map ?? '', strerror: ev.strerror })}`)
          : C.warn(`⚠ ${fill(t.printkUnavailable, { strerror: ev.strerror })}`);
      case 'events':
        return this.onEvents(ev);
      case 'exit': {
        const counts = [...this.eventCounts]
          .filter(([, c]) => c.dropped > 0 || c.lost > 0)
          .map(([map, c]) => C.warn(`⚠ ${fill(t['events.counts'], { map, ...c })}`));
        return [...counts, ev.status === 0 ? C.dim(t.unloaded) : ''].filter(Boolean).join('\r\n');
      }
      case 'trace': // the kernel's own lines in the trace pipe (not bpf_printk): not shown
      case 'probe': // --probe-fentry answers the requirements check, not a run
        return '';
    }
  }
}

/** Anonymous struct and union members come without a name (key ""): they are shown as «(anónimo)». */
function nameAnonymous(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(nameAnonymous);
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k === '' ? t['maps.anonymousMember'] : k, nameAnonymous(x)]));
}

/** Why a program type has no auto-attach: completes «… no tiene enganche automático: ». */
const SKIPPED: Record<Exclude<Extract<RunnerEvent, { type: 'skipped' }>['reason'], 'tail_call'>, keyof typeof t> = {
  xdp: 'skip.xdp',
  socket_filter: 'skip.socketFilter',
  tc: 'skip.tc',
  perf_event: 'skip.perfEvent',
  cgroup: 'skip.cgroup',
  unknown_section: 'skip.unknownSection',
};

/** EPERM with or without the privileges: one or two sentences, ending in a full stop. */
function privilegeSentence(p: PrivilegeReason): string {
  if (p.reason === 'blocked_by_policy') return p.root ? t['privileges.blockedAsRoot'] : t['privileges.blockedWithCapabilities'];
  const [head, ...rest] = p.missing;
  const capabilities = rest.reduce<string>((first, second) => fill(t['privileges.capabilityPair'], { first, second }), head);
  return fill(t['privileges.missing'], { capabilities });
}

/** Completes «No se pudo enganchar «p» (sección): …» (without the final full stop). */
function attachFailure(f: AttachFailure, section: string): string {
  switch (f.reason) {
    case 'kprobes_missing':
      return t['attach.kprobesMissing'];
    case 'target_missing':
      return fill(t['attach.targetMissing'], { section });
    case 'function_missing':
      return fill(t['attach.functionMissing'], { target: section.replace(/^[^/]*\//, '') });
    case 'symbol_missing':
      return fill(t['attach.symbolMissing'], { target: section.replace(/^[^/]*\//, '') });
    case 'system_error':
      return fill(t['attach.systemError'], { strerror: f.strerror });
    case 'privileges_missing':
    case 'blocked_by_policy':
      return privilegeSentence(f).replace(/\.$/, '');
  }
}

/** The sentence of an `error` event. */
export function errorSentence(e: ErrorReason): string {
  switch (e.reason) {
    case 'open_failed':
      return fill(e.btf_warning ? t['error.openFailedNoBtf'] : t['error.openFailed'], { path: e.path, strerror: e.strerror });
    case 'verifier_rejected':
      return t['error.verifierRejected'];
    case 'load_failed':
      return fill(t['error.loadFailed'], { strerror: e.strerror, libbpf: e.libbpf });
    case 'nothing_attached':
      return t['error.nothingAttached'];
    case 'privileges_missing':
    case 'blocked_by_policy':
      return privilegeSentence(e);
    case 'unknown_variable':
    case 'unsupported_type':
    case 'bad_value':
    case 'too_long':
      return fill(t[GLOBAL_ERRORS[e.reason]], { name: e.name, section: e.section ?? '' });
  }
}

const GLOBAL_ERRORS = {
  unknown_variable: 'error.globalUnknown',
  unsupported_type: 'error.globalType',
  bad_value: 'error.globalValue',
  too_long: 'error.globalTooLong',
} as const;

/** Anonymous struct and union members come without a name (key ""): they are shown as «(anónimo)». */
function nameAnonymousMembers(m: BpfMapDump): BpfMapDump {
  return { ...m, entries: m.entries.map((e) => ({ key: nameAnonymous(e.key), value: nameAnonymous(e.value) })) };
}
