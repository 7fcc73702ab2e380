// What the learner reads when clang or bpftrace refuses a program: their
// original text, in English, with a one-line Spanish summary above each error,
// and with our folders (the compile cache, the scratch folder of an edited
// program) taken out of the paths so that files are named as the learner knows
// them (`trace.bpf.c`, `programa.bt`). Also explains bpftrace's "Lost N events"
// once per run.
//
// `OutputNotes` works on the byte stream the session sends to the page, after
// the other transforms (noise filter, runner events): it handles complete lines
// and holds a trailing partial line until it ends (clang writes a coloured line
// in several pieces) or until the session releases it (a prompt must show).
import { basename } from 'node:path';
import { stripAnsi, wrapText } from '../text/wrap.ts';
import { OUTPUT } from '../limits.ts';

export interface Summary {
  severity: 'error' | 'warning';
  text: string;
}

const q = (s: string) => `«${s}»`;

/** Kernel-style integer types that `<linux/bpf.h>` does not define (docs/kernel-notes.md, Compiling: use __u32 or vmlinux.h). */
const KERNEL_INT = /^[us](8|16|32|64)$/;
const intHint = (name: string) => (KERNEL_INT.test(name) ? ` (con <linux/bpf.h> usa __${name}, o incluye solo vmlinux.h)` : '');

/** clang's diagnostic message → Spanish, or null when we have no phrase for it. */
function clangPhrase(message: string): string | null {
  let m: RegExpExecArray | null;
  if ((m = /^use of undeclared identifier '([^']+)'/.exec(message))) return `identificador no declarado ${q(m[1])}${intHint(m[1])}`;
  if ((m = /^unknown type name '([^']+)'/.exec(message))) return `tipo desconocido ${q(m[1])}${intHint(m[1])}`;
  if ((m = /^'([^']+)' file not found/.exec(message))) return `no se encuentra el fichero de cabecera ${q(m[1])}`;
  if ((m = /^(?:implicit declaration of function|call to undeclared function) '([^']+)'/.exec(message))) {
    return `función ${q(m[1])} sin declarar (¿falta su #include, o está mal escrito el nombre?)`;
  }
  if ((m = /^expected '([^']+)'(?: after (.+))?/.exec(message))) {
    return m[1] === ';' ? `falta ${q(';')} (al final de la instrucción, quizá en la línea anterior)` : `falta ${q(m[1])}`;
  }
  if ((m = /^expected (expression|identifier|statement)/.exec(message))) {
    return { expression: 'se esperaba una expresión', identifier: 'se esperaba un nombre', statement: 'se esperaba una instrucción' }[
      m[1]
    ]!;
  }
  if (
    (m = /(?:initializing|assigning to|passing|returning) '([^']+)' (?:with|from) an expression of incompatible type '([^']+)'/.exec(
      message,
    ))
  ) {
    return `tipos incompatibles: se espera ${q(m[1])} y se da ${q(m[2])}`;
  }
  if (/incompatible integer to pointer|incompatible pointer to integer/.test(message))
    return 'tipos incompatibles: se mezclan un entero y un puntero';
  if (/incompatible pointer types/.test(message)) return 'tipos de puntero incompatibles';
  if (/incompatible/.test(message)) return 'tipos incompatibles';
  if ((m = /^variable has incomplete type '([^']+)'/.exec(message)))
    return `el tipo ${q(m[1])} no está definido (¿falta un #include o vmlinux.h?)`;
  if ((m = /^no member named '([^']+)' in '([^']+)'/.exec(message))) return `${q(m[2])} no tiene ningún campo ${q(m[1])}`;
  if ((m = /^redefinition of '([^']+)'/.exec(message))) return `${q(m[1])} está definido dos veces (¿vmlinux.h junto con <linux/bpf.h>?)`;
  if ((m = /^unused variable '([^']+)'/.exec(message))) return `la variable ${q(m[1])} no se usa`;
  if ((m = /^too (few|many) arguments to function call/.exec(message))) {
    return m[1] === 'few' ? 'faltan argumentos en la llamada a la función' : 'sobran argumentos en la llamada a la función';
  }
  return null;
}

/** bpftrace tokens as the learner would call them. */
function token(t: string): string {
  const words: Record<string, string> = {
    'end of file': 'el final del programa',
    map: 'un mapa (@…)',
    identifier: 'un nombre',
    int: 'un número',
    string: 'una cadena',
    builtin: 'una variable de bpftrace',
    variable: 'una variable ($…)',
  };
  return words[t] ?? q(t);
}

const NOT_UNDERSTOOD = 'bpftrace no entiende el programa';

/** bpftrace's `ERROR:` message → Spanish sentence (with `where`, e.g. ", línea 3"). */
function bpftracePhrase(message: string, where: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^syntax error, unexpected (.+?)(?:, expecting (.+))?$/.exec(message))) {
    return `${NOT_UNDERSTOOD}${where}: error de sintaxis, sobra ${token(m[1])}${m[2] ? ` (se esperaba ${token(m[2])})` : ''}`;
  }
  if (/^syntax error/.test(message)) return `${NOT_UNDERSTOOD}${where}: error de sintaxis`;
  if ((m = /^Unknown function: (\S+)/.exec(message))) return `${NOT_UNDERSTOOD}${where}: función desconocida ${q(m[1])}`;
  if ((m = /^Unknown identifier: '?([^']+)'?/.exec(message))) return `${NOT_UNDERSTOOD}${where}: identificador desconocido ${q(m[1])}`;
  if ((m = /does not contain a field named '([^']+)'/.exec(message)) || (m = /^Unknown field:? '?([^' ]+)'?/i.exec(message))) {
    return `${NOT_UNDERSTOOD}${where}: campo desconocido ${q(m[1])} (bpftrace -lv 'tracepoint:…' lista los campos de args)`;
  }
  if ((m = /^(\w+) not found: (.+)$/.exec(message))) {
    return `bpftrace no encuentra la sonda ${q(`${m[1]}:${m[2]}`)}${where}: este kernel no la tiene (búscala con bpftrace -l)`;
  }
  if ((m = /^Could not resolve symbol: (.+)$/.exec(message))) {
    return `bpftrace no encuentra el símbolo ${q(m[1])}${where}: esa función no existe en el ejecutable (o no tiene símbolos)`;
  }
  if ((m = /^Error attaching probe: '?([^']+)'?/.exec(message))) {
    return `bpftrace no ha podido enganchar la sonda ${q(m[1])}: este kernel no la tiene o no deja engancharse a ella`;
  }
  if ((m = /^uprobe target file '([^']+)' does not exist/.exec(message))) return `bpftrace no encuentra el ejecutable ${q(m[1])}${where}`;
  if (/^kfunc\/kretfunc not available/.test(message)) return `este kernel no permite sondas kfunc/kretfunc (fentry)${where}`;
  if ((m = /specifier expects a value of type (\w+) \((\w+) supplied\)/.exec(message))) {
    return `${NOT_UNDERSTOOD}${where}: el formato de printf no casa con el valor (espera ${m[1]} y recibe ${m[2]})`;
  }
  return where
    ? `${NOT_UNDERSTOOD}${where} (debajo, el mensaje original en inglés)`
    : 'bpftrace ha fallado (debajo, el mensaje original en inglés)';
}

const CLANG = /^(\S+?):(\d+):(\d+): (fatal error|error|warning): (.+)$/;
const BPFTRACE = /^(?:(\S+?):(\d+):\d+(?:-\d+)?: )?ERROR: (.+)$/;

/**
 * One line of clang or bpftrace output (escapes already removed) → its Spanish summary, or null.
 * bpftrace's forms (`ERROR: …`) are looked for only in runs that use bpftrace.
 */
export function summarizeLine(plain: string, tools: { bpftrace?: boolean } = { bpftrace: true }): Summary | null {
  const line = plain.replace(/\r?\n$/, '').replace(/\r$/, '');
  let m = CLANG.exec(line);
  if (m) {
    const [, file, lineNo, , kind, message] = m;
    const warning = kind === 'warning';
    const head = `${warning ? 'Aviso del compilador' : 'Error de compilación'} en ${basename(file)}, línea ${lineNo}`;
    const phrase = clangPhrase(message);
    return {
      severity: warning ? 'warning' : 'error',
      text: phrase ? `${head}: ${phrase}` : `${head} (debajo, el mensaje original en inglés)`,
    };
  }
  if (!tools.bpftrace) return null;
  m = BPFTRACE.exec(line);
  if (m) {
    const where = m[2] ? `, línea ${m[2]}` : '';
    return { severity: 'error', text: bpftracePhrase(m[3], where) };
  }
  if (/^No probes to attach\s*$/.test(line)) {
    return {
      severity: 'error',
      text: 'bpftrace no ha encontrado ninguna sonda que enganchar: revisa el nombre de la sonda (y, en uprobe, que la función exista)',
    };
  }
  return null;
}

/**
 * Paths the learner never sees, wherever the server keeps its folders (see
 * workspace/run-dirs.ts: `<base>/<pid>-XXXXXX/{scratch-XXXXXX,cache/<hash>,trabajo}/`),
 * and the older `/tmp/taller-ebpf-scratch-XXXX/` and `/tmp/taller-ebpf-cache/<hash>/`.
 */
const OUR_FOLDERS =
  /(?:\/[\w.-]+)*\/(?:(?:taller-ebpf-)?\d+-[A-Za-z0-9]{6}\/(?:scratch-[A-Za-z0-9]{6}|cache\/[0-9a-f]{8,}|trabajo)|taller-ebpf-(?:scratch-\w+|cache\/[0-9a-f]{8,}))\//g;

/** Takes our folders out of the paths in `text` (`/run/…/1234-AbCdEf/scratch-x1Y2z3/programa.bt` → `programa.bt`). */
export function rewritePaths(text: string, folders: readonly string[] = []): string {
  let out = text;
  for (const f of folders) {
    if (!f || f === '/') continue;
    const dir = f.endsWith('/') ? f : `${f}/`;
    if (out.includes(dir)) out = out.split(dir).join('');
  }
  return out.replace(OUR_FOLDERS, '');
}

export const LOST_NOTE =
  '(bpftrace descarta eventos cuando llegan más rápido de lo que se leen: «Lost N events» cuenta los que se han perdido. Este aviso sale una sola vez.)';

const LOST = /^Lost \d+ events/;
const STYLE = {
  error: (s: string) => `\x1b[1;31m✘ ${s}\x1b[0m`,
  warning: (s: string) => `\x1b[1;33m⚠ ${s}\x1b[0m`,
  dim: (s: string) => `\x1b[2m${s}\x1b[0m`,
};

/** Summaries per run at most: a file with 50 errors does not need 50 Spanish lines. */

export interface OutputNotesOptions {
  /** Folders whose paths are shown as bare names (the run's build or scratch folder). */
  folders?: readonly string[];
  /** The terminal's width now, for wrapping what we add. */
  cols?: () => number;
  /** The run uses bpftrace (its `ERROR:` lines are summarized too). */
  bpftrace?: boolean;
}

/**
 * Adds the Spanish summaries and notes to a run's output stream.
 * `push` returns what can be shown now; `release` lets a held partial line go
 * (called by the session shortly after output stops); `flush` at exit.
 */
export class OutputNotes {
  private pending: Buffer = Buffer.alloc(0);
  /** Part of the current line already went out (released): it is not analysed again. */
  private lineStarted = false;
  private summaries = 0;
  private lostNoted = false;
  private readonly needles: Buffer[];
  private readonly folders: readonly string[];

  constructor(private readonly opts: OutputNotesOptions = {}) {
    this.folders = (opts.folders ?? []).filter((f) => f && f !== '/');
    this.needles = ['error', 'ERROR', 'warning', 'No probes', 'taller-ebpf-', ...this.folders].map((s) => Buffer.from(s));
  }

  /** Is a partial line held back? */
  get holding(): boolean {
    return this.pending.length > 0;
  }

  push(chunk: Buffer): Buffer {
    if (chunk.length === 0) return chunk;
    const data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const nl = data.lastIndexOf(0x0a);
    if (nl < 0) {
      this.pending = data;
      return Buffer.alloc(0);
    }
    this.pending = Buffer.from(data.subarray(nl + 1));
    return this.lines(data.subarray(0, nl + 1));
  }

  /** Lets the held partial line go as it is (a prompt, a progress line). */
  release(): Buffer {
    const rest = this.pending;
    if (rest.length === 0) return rest;
    this.pending = Buffer.alloc(0);
    this.lineStarted = true;
    return rest;
  }

  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return rest.length ? this.lines(rest) : rest;
  }

  private interesting(buf: Buffer): boolean {
    if (!this.lostNoted && buf.includes('Lost ')) return true;
    return this.needles.some((n) => buf.includes(n));
  }

  /** Complete lines (the last one may lack its newline at exit). */
  private lines(buf: Buffer): Buffer {
    let start = 0;
    const out: Buffer[] = [];
    if (this.lineStarted) {
      // The rest of a line whose beginning was released: shown as it comes.
      const nl = buf.indexOf(0x0a);
      start = nl < 0 ? buf.length : nl + 1;
      out.push(buf.subarray(0, start));
      this.lineStarted = nl < 0;
    }
    const body = buf.subarray(start);
    if (body.length === 0 || !this.interesting(body)) {
      out.push(body);
      return out.length === 1 ? out[0] : Buffer.concat(out);
    }
    let text = body.toString('utf8');
    text = rewritePaths(text, this.folders);
    const parts = text.split(/(?<=\n)/);
    let shown = '';
    for (const line of parts) {
      const plain = stripAnsi(line);
      const s = this.summaries < OUTPUT.maxSummariesPerRun ? summarizeLine(plain, { bpftrace: this.opts.bpftrace }) : null;
      if (s) {
        this.summaries++;
        shown += this.wrap(STYLE[s.severity](s.text)) + '\r\n';
      }
      shown += line;
      if (!this.lostNoted && LOST.test(plain)) {
        this.lostNoted = true;
        shown += (line.endsWith('\n') ? '' : '\r\n') + this.wrap(STYLE.dim(LOST_NOTE)) + '\r\n';
      }
    }
    out.push(Buffer.from(shown));
    return Buffer.concat(out);
  }

  private wrap(s: string): string {
    const cols = this.opts.cols?.() ?? 0;
    return cols > 0 ? wrapText(s, cols) : s;
  }
}
