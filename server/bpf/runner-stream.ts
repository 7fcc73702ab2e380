// Turns the runner's output (JSON lines from `runner --json`, mixed with plain
// lines such as clang's diagnostics) into what the learner sees: Spanish text
// for the terminal, plus structured messages (maps, verifier) for the page.
import type { BpfMapDump, ServerMessage } from '../protocol.ts';
import { capLog, explainVerifierLog } from './verifier.ts';
import { showValue } from '../../src/lib/show-value.ts';
import { wrapText } from '../terminals/wrap.ts';

export type RunnerEvent =
  | { type: 'compile'; cached: boolean; command: string }
  | { type: 'loaded'; program: string; section: string; id: number }
  | { type: 'attached'; program: string; section: string }
  | { type: 'skipped'; program: string; section: string; reason: string }
  | { type: 'attach_error'; program: string; section: string; errno: number; message: string }
  | { type: 'ready'; attached: number; skipped: number }
  | { type: 'printk'; comm: string; pid: number; message: string }
  | { type: 'maps'; final: boolean; maps: BpfMapDump[] }
  | { type: 'verifier'; program: string; section: string; errno: number; log: string }
  | { type: 'error'; stage: string; errno: number; message: string }
  | { type: 'libbpf'; message: string }
  | { type: 'warning'; message: string }
  | { type: 'exit'; status: number };

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
  private partial = '';
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
    const text = this.partial + chunk.toString('utf8');
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    // A long line without newline (a progress bar, a prompt) is not held forever.
    if (this.partial.length > 64 * 1024 || (this.partial && !this.partial.startsWith('{'))) {
      lines.push(this.partial);
      this.partial = '';
      return Buffer.from(this.render(lines, false));
    }
    return Buffer.from(this.render(lines, true));
  }

  flush(): Buffer {
    const rest = this.partial;
    this.partial = '';
    return rest ? Buffer.from(this.render([rest], false)) : Buffer.alloc(0);
  }

  private render(lines: string[], complete: boolean): string {
    let out = '';
    lines.forEach((raw, i) => {
      const isLast = i === lines.length - 1;
      const line = raw.replace(/\r$/, '');
      const ev = line.startsWith('{"type":') ? parse(line) : null;
      if (!ev) {
        out += line + (isLast && !complete ? '' : '\r\n');
        return;
      }
      const shown = this.onEvent(ev);
      this.observe?.(ev);
      // The program's own output (printk, maps) is shown as it is; our sentences are wrapped.
      if (shown) out += (ev.type === 'printk' || ev.type === 'maps' || !this.cols ? shown : wrapText(shown, this.cols())) + '\r\n';
    });
    return out;
  }

  private onEvent(ev: RunnerEvent): string {
    switch (ev.type) {
      case 'compile':
        return ev.cached ? C.dim('(sin cambios desde la última vez: se reutiliza el objeto compilado)') : C.dim(`$ ${ev.command}`);
      case 'loaded':
        return `Cargado «${ev.program}» en el kernel (id ${ev.id}).`;
      case 'attached':
        this.send({ type: 'attached', program: ev.program, section: ev.section });
        return C.ok(`✔ Enganchado «${ev.program}» a ${ev.section}.`);
      case 'skipped':
        return C.warn(`⚠ «${ev.program}» (${ev.section}) no tiene enganche automático: ${ev.reason}.`);
      case 'attach_error':
        return C.err(`✘ No se pudo enganchar «${ev.program}» (${ev.section}): ${ev.message}.`);
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
        this.send({ type: 'verifier', program: ev.program, decisive: ex.decisive, source: ex.source, cause: ex.cause, summary: ex.summary, explanation: ex.explanation, log: text, truncated });
        const where = ex.source ? `\r\n  en ${ex.source.file}:${ex.source.line}: ${ex.source.code}` : '';
        return C.err(`✘ El verificador ha rechazado «${ev.program}»: ${ex.decisive}`) + where + `\r\n  ${ex.explanation}`;
      }
      case 'error':
        return ev.stage === 'load' && this.sawVerifier ? '' : C.err(`✘ ${ev.message}`);
      case 'libbpf':
        return this.sawVerifier || /BPF program load failed|failed to load/.test(ev.message) ? '' : C.dim(ev.message);
      case 'warning':
        return C.warn(`⚠ ${ev.message}`);
      case 'exit':
        return ev.status === 0 ? C.dim('Desenganchado y descargado: no queda nada en el kernel.') : '';
    }
  }
}

function parse(line: string): RunnerEvent | null {
  try {
    const v = JSON.parse(line);
    return v && typeof v.type === 'string' ? (v as RunnerEvent) : null;
  } catch {
    return null;
  }
}
