// Turns the runner's output (JSON events from `runner --json`, mixed with plain
// lines such as clang's diagnostics) into what the learner sees: Spanish text
// for the terminal, plus structured messages (maps, verifier) for the page.
// The runner emits codes and data (runner-events.ts); every sentence is here.
import { StringDecoder } from 'node:string_decoder';
import type { BpfMapDump, ServerMessage } from '../../lib/protocol.ts';
import { capLog, explainVerifierLog } from './verifier.ts';
import { parseRunnerEvent, type AttachFailure, type ErrorReason, type PrivilegeReason, type RunnerEvent } from './runner-events.ts';
import { showValue } from '../../lib/protocol.ts';
import { wrapText } from '../text/wrap.ts';
import { RUNNER_LINE } from '../limits.ts';

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
    out.push(C.bold(`mapa ${m.name} (${m.type}): ${m.entries.length} entradas${m.truncated ? ' (se muestran las primeras)' : ''}`));
    for (const e of m.entries) out.push(`  ${showValue(e.key)} → ${showValue(e.value)}`);
  }
  return out.join('\r\n');
}

export class RunnerStream {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  /** Inside an event line longer than RUNNER_LINE.maxEventBytes: dropped up to its newline. */
  private skipping = false;
  private sawVerifier = false;

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
      const ev = parsed.type === 'maps' ? { ...parsed, maps: parsed.maps.map(nameAnonymousMembers) } : parsed;
      const shown = this.onEvent(ev);
      this.observe?.(ev);
      // The program's own output (printk, maps) is shown as it is; our sentences are wrapped.
      if (shown) out += (ev.type === 'printk' || ev.type === 'maps' || !this.cols ? shown : wrapText(shown, this.cols())) + '\r\n';
    });
    return out;
  }

  private onEvent(ev: RunnerEvent): string {
    switch (ev.type) {
      case 'loaded':
        return `Cargado «${ev.program}» en el kernel (id ${ev.id}).`;
      case 'attached':
        this.send({ type: 'attached', program: ev.program, section: ev.section });
        return C.ok(`✔ Enganchado «${ev.program}» a ${ev.section}.`);
      case 'skipped':
        return C.warn(`⚠ «${ev.program}» (${ev.section}) no tiene enganche automático: ${SKIPPED[ev.reason]}.`);
      case 'attach_failed':
        return C.err(`✘ No se pudo enganchar «${ev.program}» (${ev.section}): ${attachFailure(ev, ev.section)}.`);
      case 'ready':
        return C.dim(`En marcha (${ev.attached} enganchado${ev.attached === 1 ? '' : 's'}). Pulsa Detener para desengancharlo.`);
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
        const where = ex.source ? `\r\n  en ${ex.source.file}:${ex.source.line}: ${ex.source.code}` : '';
        return C.err(`✘ El verificador ha rechazado «${ev.program}»: ${ex.decisive}`) + where + `\r\n  ${ex.explanation}`;
      }
      case 'error':
        return ev.stage === 'load' && this.sawVerifier ? '' : C.err(`✘ ${errorSentence(ev)}`);
      case 'libbpf':
        return this.sawVerifier || /BPF program load failed|failed to load/.test(ev.message) ? '' : C.dim(ev.message);
      case 'warning':
        return C.warn(`⚠ No se podrá ver la salida de bpf_printk: no se pudo crear una instancia de tracefs (${ev.strerror}).`);
      case 'exit':
        return ev.status === 0 ? C.dim('Desenganchado y descargado: no queda nada en el kernel.') : '';
      case 'trace': // the kernel's own lines in the trace pipe (not bpf_printk): not shown
      case 'probe': // --probe-fentry answers the requirements check, not a run
        return '';
    }
  }
}

/** Why a program type has no auto-attach: completes «… no tiene enganche automático: ». */
const SKIPPED: Record<Extract<RunnerEvent, { type: 'skipped' }>['reason'], string> = {
  xdp: 'XDP se engancha a una interfaz de red concreta (ip link set dev IFAZ xdp obj …); el ejecutor no elige una por ti',
  socket_filter: 'un filtro de socket se engancha a un socket concreto con setsockopt(SO_ATTACH_BPF)',
  tc: 'un programa de tc se engancha a una interfaz con tc qdisc/filter',
  perf_event: 'necesita un evento perf abierto con perf_event_open()',
  cgroup: 'un programa de cgroup se engancha a un cgroup concreto',
  unknown_section: 'libbpf no sabe engancharlo automáticamente a partir del nombre de su sección',
};

/** EPERM with or without the privileges: one or two sentences, ending in a full stop. */
function privilegeSentence(p: PrivilegeReason): string {
  if (p.reason === 'blocked_by_policy') {
    return (
      `El kernel ha rechazado el programa con EPERM aunque tienes los privilegios necesarios (${p.root ? 'eres root' : 'CAP_BPF y CAP_PERFMON'}). ` +
      'Suele deberse a una política del sistema: lockdown, o un tipo de programa (fentry/fexit/lsm) bloqueado en este kernel o máquina virtual.'
    );
  }
  return (
    `Faltan privilegios para cargar programas eBPF: no eres root y te falta ${p.missing.join(' y ')} ` +
    '(o CAP_SYS_ADMIN en kernels anteriores a 5.8). Ejecuta el taller como root (sudo npm start) o concede esas capacidades.'
  );
}

/** Completes «No se pudo enganchar «p» (sección): …» (without the final full stop). */
function attachFailure(f: AttachFailure, section: string): string {
  switch (f.reason) {
    case 'kprobes_missing':
      return 'este kernel no tiene kprobes (CONFIG_KPROBES desactivado): usa un tracepoint o raw_tp en su lugar';
    case 'target_missing':
      return `el punto de enganche no existe en este kernel (${section})`;
    case 'system_error':
      return `no se pudo enganchar: ${f.strerror}`;
    case 'privileges_missing':
    case 'blocked_by_policy':
      return privilegeSentence(f).replace(/\.$/, '');
  }
}

/** The sentence of an `error` event. */
export function errorSentence(e: ErrorReason): string {
  switch (e.reason) {
    case 'open_failed':
      return `No se pudo abrir «${e.path}»: ${e.strerror}.${e.btf_warning ? ' ¿Compilaste con -g? Los mapas necesitan BTF.' : ''}`;
    case 'verifier_rejected':
      return 'El verificador ha rechazado el programa.';
    case 'load_failed':
      return `El kernel no ha aceptado el objeto: ${e.strerror}. ${e.libbpf}`;
    case 'nothing_attached':
      return 'No se ha enganchado ningún programa: no hay nada que observar.';
    case 'privileges_missing':
    case 'blocked_by_policy':
      return privilegeSentence(e);
  }
}

/** Anonymous struct and union members come without a name (key ""): they are shown as «(anónimo)». */
function nameAnonymousMembers(m: BpfMapDump): BpfMapDump {
  const name = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(name);
    if (!v || typeof v !== 'object') return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k === '' ? '(anónimo)' : k, name(x)]));
  };
  return { ...m, entries: m.entries.map((e) => ({ key: name(e.key), value: name(e.value) })) };
}
