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
import { fill } from '../../lib/messages/fill.mjs';
import { errors } from '../../lib/messages/es/errors.mjs';

export interface Summary {
  severity: 'error' | 'warning';
  text: string;
}

const E = errors;
const q = (text: string) => fill(E['summary.quoted'], { text });

/** Kernel-style integer types that `<linux/bpf.h>` does not define (docs/kernel-notes.md, Compiling: use __u32 or vmlinux.h). */
const KERNEL_INT = /^[us](8|16|32|64)$/;
const intHint = (name: string) => (KERNEL_INT.test(name) ? fill(E['clang.kernelIntHint'], { name }) : '');

/** clang's diagnostic message → Spanish, or null when we have no phrase for it. */
function clangPhrase(message: string): string | null {
  let m: RegExpExecArray | null;
  if ((m = /^use of undeclared identifier '([^']+)'/.exec(message)))
    return fill(E['clang.undeclared'], { name: m[1], hint: intHint(m[1]) });
  if ((m = /^unknown type name '([^']+)'/.exec(message))) return fill(E['clang.unknownType'], { name: m[1], hint: intHint(m[1]) });
  // clang: `'x.h' file not found`; gcc (a loader's user-space compile): `x.h: No such file or directory`.
  if ((m = /^'([^']+)' file not found/.exec(message)) || (m = /^([^\s:']+): No such file or directory/.exec(message))) {
    return fill(E['clang.headerNotFound'], { name: m[1] });
  }
  if ((m = /^(?:implicit declaration of function|call to undeclared function) '([^']+)'/.exec(message))) {
    return fill(E['clang.undeclaredFunction'], { name: m[1] });
  }
  if ((m = /^expected '([^']+)'(?: after (.+))?/.exec(message))) {
    return m[1] === ';' ? E['clang.expectedSemicolon'] : fill(E['clang.expected'], { what: m[1] });
  }
  if ((m = /^expected (expression|identifier|statement)/.exec(message))) {
    return {
      expression: E['clang.expectedExpression'],
      identifier: E['clang.expectedIdentifier'],
      statement: E['clang.expectedStatement'],
    }[m[1]]!;
  }
  if (
    (m = /(?:initializing|assigning to|passing|returning) '([^']+)' (?:with|from) an expression of incompatible type '([^']+)'/.exec(
      message,
    ))
  ) {
    return fill(E['clang.incompatibleTypes'], { want: m[1], got: m[2] });
  }
  if (/incompatible integer to pointer|incompatible pointer to integer/.test(message)) return E['clang.intPointer'];
  if (/incompatible pointer types/.test(message)) return E['clang.pointerTypes'];
  if (/incompatible/.test(message)) return E['clang.incompatible'];
  if ((m = /^variable has incomplete type '([^']+)'/.exec(message))) return fill(E['clang.incompleteType'], { name: m[1] });
  if ((m = /^no member named '([^']+)' in '([^']+)'/.exec(message))) return fill(E['clang.noMember'], { type: m[2], name: m[1] });
  if ((m = /^redefinition of '([^']+)'/.exec(message))) return fill(E['clang.redefinition'], { name: m[1] });
  if ((m = /^unused variable '([^']+)'/.exec(message))) return fill(E['clang.unusedVariable'], { name: m[1] });
  if ((m = /^too (few|many) arguments to function call/.exec(message))) {
    return m[1] === 'few' ? E['clang.tooFewArguments'] : E['clang.tooManyArguments'];
  }
  return null;
}

/** bpftrace's token names (English, as bpftrace prints them) → how the learner would call them. */
const TOKENS: Record<string, string> = {
  'end of file': E['bpftrace.token.endOfFile'],
  map: E['bpftrace.token.map'],
  identifier: E['bpftrace.token.identifier'],
  int: E['bpftrace.token.int'],
  string: E['bpftrace.token.string'],
  builtin: E['bpftrace.token.builtin'],
  variable: E['bpftrace.token.variable'],
};

/** bpftrace tokens as the learner would call them. */
function token(t: string): string {
  return Object.hasOwn(TOKENS, t) ? TOKENS[t] : q(t);
}

/** What bison expected: `}` (0.17), `; or }` (0.23), each token as the learner would call it. */
function expected(list: string): string {
  const items = list.split(' or ').map(token);
  return items.length === 1 ? items[0] : fill(E['bpftrace.token.or'], { items: items.slice(0, -1).join(', '), last: items.at(-1)! });
}

/** bpftrace's `ERROR:` message → Spanish sentence (with `where`, e.g. ", línea 3"). */
function bpftracePhrase(message: string, where: string): string {
  let m: RegExpExecArray | null;
  if ((m = /^syntax error, unexpected (.+?)(?:, expecting (.+))?$/.exec(message))) {
    return m[2]
      ? fill(E['bpftrace.syntaxUnexpectedExpecting'], { where, unexpected: token(m[1]), expected: expected(m[2]) })
      : fill(E['bpftrace.syntaxUnexpected'], { where, unexpected: token(m[1]) });
  }
  if (/^syntax error/.test(message)) return fill(E['bpftrace.syntax'], { where });
  // `Unknown function: contar` (parser) or `Unknown function: 'contar'` (semantic analysis), and from
  // 0.23 `Function not found: 'contar'` for a call to a function the program does not define.
  if ((m = /^(?:Unknown function|Function not found): '?([^'\s]+)'?/.exec(message))) {
    return fill(E['bpftrace.unknownFunction'], { where, name: m[1] });
  }
  if ((m = /^Unknown identifier: '?([^']+)'?/.exec(message))) return fill(E['bpftrace.unknownIdentifier'], { where, name: m[1] });
  if ((m = /does not contain a field named '([^']+)'/.exec(message)) || (m = /^Unknown field:? '?([^' ]+)'?/i.exec(message))) {
    return fill(E['bpftrace.unknownField'], { where, name: m[1] });
  }
  // `tracepoint not found: syscalls:x` (up to 0.23), `Tracepoint not found: syscalls:x` (0.24 and later),
  // `tracepoints not found: syscalls:x*` (a wildcard that matches nothing).
  if ((m = /^(\w+?)s? not found: (.+)$/.exec(message))) {
    return fill(E['bpftrace.probeNotFound'], { probe: `${m[1].toLowerCase()}:${m[2]}`, where });
  }
  // `/bin/bash:nosuchfunc` up to 0.22; 0.23 adds `, cannot attach probe.`
  if ((m = /^Could not resolve symbol: (.+?)(?:, cannot attach probe\.?)?$/.exec(message))) {
    return fill(E['bpftrace.symbolNotFound'], { name: m[1], where });
  }
  // `Error attaching probe: 'kprobe:x'` (0.17–0.20), `Error attaching probe: kprobe:x` (0.21–0.23, maybe
  // followed by `, maybe trying…` or `: specified module…`), `Unable to attach probe: kprobe:x. If this is
  // expected, set the 'missing_probes' config variable to 'warn'.` (0.24 and later).
  if ((m = /^(?:Error attaching probe|Unable to attach probe): (?:'([^']+)'|(\S+?)[.,:]?(?:\s.*)?$)/.exec(message))) {
    return fill(E['bpftrace.attachFailed'], { probe: m[1] ?? m[2] });
  }
  if ((m = /^uprobe target file '([^']+)' does not exist/.exec(message)))
    return fill(E['bpftrace.uprobeTargetMissing'], { file: m[1], where });
  if (/^kfunc\/kretfunc not available/.test(message)) return fill(E['bpftrace.noKfunc'], { where });
  if ((m = /specifier expects a value of type (\w+) \((\w+) supplied\)/.exec(message))) {
    return fill(E['bpftrace.printfType'], { where, want: m[1], got: m[2] });
  }
  return where ? fill(E['bpftrace.unknownAt'], { where }) : E['bpftrace.unknown'];
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
    const phrase = clangPhrase(message);
    const where = { file: basename(file), line: lineNo };
    const text = warning
      ? phrase
        ? fill(E['clang.warning'], { ...where, phrase })
        : fill(E['clang.warningUnknown'], where)
      : phrase
        ? fill(E['clang.error'], { ...where, phrase })
        : fill(E['clang.errorUnknown'], where);
    return { severity: warning ? 'warning' : 'error', text };
  }
  if (!tools.bpftrace) return null;
  m = BPFTRACE.exec(line);
  if (m) {
    const where = m[2] ? fill(E['bpftrace.where'], { line: m[2] }) : '';
    return { severity: 'error', text: bpftracePhrase(m[3], where) };
  }
  if (/^No probes to attach\s*$/.test(line)) {
    return { severity: 'error', text: E['bpftrace.noProbes'] };
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

export const LOST_NOTE = E['bpftrace.lost'];

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
