// Reads a verifier log the way a teacher would: finds the decisive line, the
// source line it points at, and explains the cause in Spanish.
//
// A log (6.x, log level 1) is a walk through the program: `; code @ file.c:LINE`
// annotations, instructions (`12: (79) r1 = *(u64 *)(r0 +0)`), register states
// (`0: R1=ctx() R10=fp0`, `from 7 to 13: ...`), and at the end the error: one or
// more message lines, sometimes followed by state dumps (`cur state:`, `old state:`)
// and always by statistics (`processed N insns ...`). The decisive line is the
// first message line after the last instruction; the corpus in
// tests/fixtures/verifier/ holds real logs of every kind of rejection explained here.
// Every sentence comes from lib/messages/es/verifier.mjs.
import { fill } from '../../lib/messages/fill.mjs';
import { verifier as t } from '../../lib/messages/es/verifier.mjs';

type Key = keyof typeof t;

export interface VerifierExplanation {
  /** The line that says why the program was rejected. */
  decisive: string;
  /** The source line the verifier was checking, from the `; code @ file.c:LINE` annotations. */
  source: { code: string; file: string; line: number } | null;
  /** Which known cause it is, or null. */
  cause: VerifierCause | null;
  /** The cause in a few Spanish words (e.g. «Falta comprobar que el puntero no es NULL»), or a generic title. */
  summary: string;
  /** How to fix it, in Spanish (also the end of `explanation`). */
  fix: string;
  /** What it means and how to fix it, in Spanish: the «Qué significa» of the page. */
  explanation: string;
}

export type VerifierCause =
  | 'null-check'
  | 'out-of-bounds'
  | 'unbounded-index'
  | 'packet-bounds'
  | 'gpl-only'
  | 'infinite-loop'
  | 'unbounded-loop'
  | 'too-complex'
  | 'too-many-jumps'
  | 'stack-limit'
  | 'tail-call-stack'
  | 'stack-out-of-bounds'
  | 'context-access'
  | 'context-write'
  | 'context-pointer-arithmetic'
  | 'misaligned'
  | 'uninitialized'
  | 'unknown-helper'
  | 'helper-argument'
  | 'sleepable-helper'
  | 'unreleased-reference'
  | 'callback-return'
  | 'return-value'
  | 'readonly-map'
  | 'scalar-dereference'
  | 'unreachable-insn';

/** What the explanation may use besides the decisive line. */
interface Context {
  /** The regex match on the decisive line (or on the line it was found in). */
  m: RegExpExecArray;
  /** The instruction the verifier was checking when it failed, if the log shows it. */
  insn: string | null;
  /** Source line of an instruction index, from the annotations in the log. */
  sourceOf: (insn: number) => VerifierExplanation['source'];
}

interface Cause {
  cause: VerifierCause;
  test: RegExp;
  /** Only when this also holds (e.g. the failing instruction is a store). */
  when?: (c: Context) => boolean;
  summary: string;
  meaning: string | ((c: Context) => string);
  fix: string;
}

const STORE = /^\d+: \([0-9a-f]{2}\) \*\(/;

/** `smin=2 smax=2` → «2»; a range → «un valor entre A y B»; else «un valor (…)». */
function range(text: string): string {
  const m = /smin=(-?\d+) smax=(-?\d+)/.exec(text);
  if (m && m[1] === m[2]) return m[1];
  if (m) return fill(t['range.between'], { min: m[1], max: m[2] });
  // Before Linux 6.3 (e.g. Debian 12's 6.1): a tnum, «value (0x2; 0x0)» = (known bits; unknown bits).
  const tn = /\((0x[0-9a-f]+); (0x[0-9a-f]+)\)/.exec(text);
  if (tn) {
    const [min, max] = tnumBounds(tn[1], tn[2]);
    return min === max ? min : fill(t['range.between'], { min, max });
  }
  return fill(t['range.other'], { state: text });
}

/** The smallest and largest value of a tnum (value; mask): the unknown bits all 0, then all 1. */
function tnumBounds(value: string, mask: string): [string, string] {
  const v = BigInt(value);
  return [v.toString(), (v | BigInt(mask)).toString()];
}

/** «should have been in [0, 1]» (Linux 6.3 and later) or «… in (0x0; 0x1)» (a tnum, before): [min, max]. */
const SHOULD_BE = String.raw`should have been in (?:\[(-?\d+), (-?\d+)\]|\((0x[0-9a-f]+); (0x[0-9a-f]+)\))`;
function expectedBounds(m: RegExpExecArray, at: number): { min: string; max: string } {
  if (m[at] !== undefined) return { min: m[at], max: m[at + 1] };
  const [min, max] = tnumBounds(m[at + 2], m[at + 3]);
  return { min, max };
}

const KINDS: Record<string, Key> = {
  fp: 'kind.stackPointer',
  ctx: 'kind.context',
  scalar: 'kind.number',
  inv: 'kind.number',
  map_ptr: 'kind.map',
  map_value: 'kind.mapValue',
  map_value_or_null: 'kind.mapValueOrNull',
  pkt: 'kind.packet',
  mem: 'kind.memory',
  func: 'kind.function',
};

/** A register type of the verifier, in Spanish when known. */
function kind(type: string): string {
  return t[KINDS[type.replace(/\(.*$/, '')] ?? 'kind.other'];
}

const CAUSES: Cause[] = [
  {
    cause: 'null-check',
    test: /^(R\d+) invalid mem access '(\w*_or_null)'|^(R\d+) pointer arithmetic on (\w*_or_null) prohibited/,
    summary: t['nullCheck.summary'],
    meaning: ({ m }) =>
      m[1]
        ? fill(t['nullCheck.meaning'], { register: m[1], type: m[2] })
        : fill(t['nullCheck.meaningArithmetic'], { register: m[3], type: m[4] }),
    fix: t['nullCheck.fix'],
  },
  {
    cause: 'scalar-dereference',
    test: /^(R\d+) invalid mem access '(scalar|inv)'/,
    summary: t['scalarDereference.summary'],
    meaning: ({ m }) => fill(t['scalarDereference.meaning'], { register: m[1] }),
    fix: t['scalarDereference.fix'],
  },
  {
    cause: 'out-of-bounds',
    test: /invalid access to map value, value_size=(\d+) off=(-?\d+) size=(\d+)|R\d+ (min|max) value is outside of the allowed memory range|invalid access to memory, mem_size=\d+ off=-?\d+ size=\d+/,
    summary: t['outOfBounds.summary'],
    meaning: ({ m }) =>
      m[1] ? fill(t['outOfBounds.meaningMapValue'], { valueSize: m[1], offset: m[2], size: m[3] }) : t['outOfBounds.meaning'],
    fix: t['outOfBounds.fix'],
  },
  {
    cause: 'unbounded-index',
    test: /^(R\d+) unbounded memory access|math between \w+ pointer and register with unbounded min value|(R\d+) min value is negative|invalid variable-offset|unbounded min value is not allowed/,
    summary: t['unboundedIndex.summary'],
    meaning: t['unboundedIndex.meaning'],
    fix: t['unboundedIndex.fix'],
  },
  {
    cause: 'packet-bounds',
    test: /invalid access to packet|offset is outside of the packet/,
    summary: t['packetBounds.summary'],
    meaning: t['packetBounds.meaning'],
    fix: t['packetBounds.fix'],
  },
  {
    cause: 'gpl-only',
    test: /cannot call GPL-restricted function|GPL-compatible license/,
    summary: t['gplOnly.summary'],
    meaning: t['gplOnly.meaning'],
    fix: t['gplOnly.fix'],
  },
  {
    cause: 'infinite-loop',
    test: /^infinite loop detected at insn (\d+)/,
    summary: t['infiniteLoop.summary'],
    meaning: ({ m }) => fill(t['infiniteLoop.meaning'], { insn: m[1] }),
    fix: t['infiniteLoop.fix'],
  },
  {
    cause: 'unbounded-loop',
    test: /back-edge from insn|loop is not bounded|unbounded loop/,
    summary: t['unboundedLoop.summary'],
    meaning: t['unboundedLoop.meaning'],
    fix: t['unboundedLoop.fix'],
  },
  {
    cause: 'too-many-jumps',
    test: /The sequence of (\d+) jumps is too complex/,
    summary: t['tooManyJumps.summary'],
    meaning: ({ m }) => fill(t['tooManyJumps.meaning'], { jumps: m[1] }),
    fix: t['tooManyJumps.fix'],
  },
  {
    cause: 'too-complex',
    test: /BPF program is too large|too complex|processed 1000001 insns/,
    summary: t['tooComplex.summary'],
    meaning: t['tooComplex.meaning'],
    fix: t['tooComplex.fix'],
  },
  {
    cause: 'stack-limit',
    test: /combined stack size of (\d+) calls is (\d+)/,
    summary: t['stackLimit.summary'],
    meaning: ({ m }) => fill(t['stackLimit.meaning'], { calls: m[1], bytes: m[2] }),
    fix: t['stackLimit.fix'],
  },
  {
    cause: 'tail-call-stack',
    test: /tail_calls are not allowed when call stack of previous frames is (\d+) bytes/,
    summary: t['tailCallStack.summary'],
    meaning: ({ m }) => fill(t['tailCallStack.meaning'], { bytes: m[1] }),
    fix: t['tailCallStack.fix'],
  },
  {
    cause: 'stack-out-of-bounds',
    test: /invalid (write|read) to stack (R\d+ )?off=(-?\d+) size=\d+|invalid (indirect )?(write|read) to stack|(stack|frame pointer) is (out of bounds|read only)|invalid stack off=/,
    summary: t['stackOutOfBounds.summary'],
    meaning: ({ m }) => (m[3] ? fill(t['stackOutOfBounds.meaningOffset'], { offset: m[3] }) : t['stackOutOfBounds.meaning']),
    fix: t['stackOutOfBounds.fix'],
  },
  {
    cause: 'context-pointer-arithmetic',
    test: /variable ctx access|dereference of modified ctx ptr|modified ctx ptr|ctx pointer .*disallowed/,
    summary: t['contextPointerArithmetic.summary'],
    meaning: t['contextPointerArithmetic.meaning'],
    fix: t['contextPointerArithmetic.fix'],
  },
  {
    cause: 'context-write',
    test: /invalid bpf_context access off=(\d+) size=(\d+)|cannot write into (ctx|context)/,
    when: ({ insn, m }) => m[0].startsWith('cannot write') || (insn !== null && STORE.test(insn)),
    summary: t['contextWrite.summary'],
    meaning: t['contextWrite.meaning'],
    fix: t['contextWrite.fix'],
  },
  {
    cause: 'context-access',
    test: /invalid bpf_context access off=(\d+) size=(\d+)|invalid access to context/,
    summary: t['contextAccess.summary'],
    meaning: ({ m }) => (m[1] ? fill(t['contextAccess.meaningOffset'], { size: m[2], offset: m[1] }) : t['contextAccess.meaning']),
    fix: t['contextAccess.fix'],
  },
  {
    cause: 'misaligned',
    test: /misaligned (\w+ )?access( off [^ ]*?(-?\d+) size (\d+))?|unaligned (\w+ )?access/,
    summary: t['misaligned.summary'],
    meaning: ({ m }) => (m[3] ? fill(t['misaligned.meaningOffset'], { size: m[4], offset: m[3] }) : t['misaligned.meaning']),
    fix: t['misaligned.fix'],
  },
  {
    cause: 'uninitialized',
    test: /^(R\d+) !read_ok|invalid indirect read from stack|uninitialized|invalid read from stack/,
    summary: t['uninitialized.summary'],
    meaning: ({ m }) => (m[1] ? fill(t['uninitialized.meaningRegister'], { register: m[1] }) : t['uninitialized.meaning']),
    fix: t['uninitialized.fix'],
  },
  {
    cause: 'unknown-helper',
    test: /program of this type cannot use helper (\S+)|unknown func (\S+)/,
    summary: t['unknownHelper.summary'],
    meaning: ({ m }) => fill(t['unknownHelper.meaning'], { helper: (m[1] ?? m[2]).replace(/#\d+$/, '()') }),
    fix: t['unknownHelper.fix'],
  },
  {
    cause: 'helper-argument',
    test: /^(R\d+) type=(\S+) expected=(\S+)/,
    summary: t['helperArgument.summary'],
    meaning: ({ m }) =>
      fill(t['helperArgument.meaning'], { register: m[1], actualKind: kind(m[2]), actual: m[2], expectedKind: kind(m[3]), expected: m[3] }),
    fix: t['helperArgument.fix'],
  },
  {
    cause: 'sleepable-helper',
    test: /helper call might sleep in a non-sleepable prog|sleepable helper .* in non-sleepable/,
    summary: t['sleepableHelper.summary'],
    meaning: t['sleepableHelper.meaning'],
    fix: t['sleepableHelper.fix'],
  },
  {
    cause: 'unreleased-reference',
    test: /Unreleased reference id=\d+ alloc_insn=(\d+)|would lead to reference leak/,
    summary: t['unreleasedReference.summary'],
    meaning: ({ m, sourceOf }) => {
      const at = m[1] ? sourceOf(Number(m[1])) : null;
      return at ? fill(t['unreleasedReference.meaningAt'], { line: at.line, code: at.code }) : t['unreleasedReference.meaning'];
    },
    fix: t['unreleasedReference.fix'],
  },
  {
    cause: 'callback-return',
    test: new RegExp(String.raw`At callback return the register R0 has (.+?) ${SHOULD_BE}`),
    summary: t['callbackReturn.summary'],
    meaning: ({ m }) => fill(t['callbackReturn.meaning'], { value: range(m[1]), ...expectedBounds(m, 2) }),
    fix: t['callbackReturn.fix'],
  },
  {
    cause: 'return-value',
    test: new RegExp(
      String.raw`At program exit the register R0 has (.+?) ${SHOULD_BE}|At program exit the register R0 (is not a known value|has value)`,
    ),
    summary: t['returnValue.summary'],
    meaning: ({ m }) =>
      m[1] !== undefined ? fill(t['returnValue.meaningRange'], { value: range(m[1]), ...expectedBounds(m, 2) }) : t['returnValue.meaning'],
    fix: t['returnValue.fix'],
  },
  {
    cause: 'readonly-map',
    test: /write into map forbidden/,
    summary: t['readonlyMap.summary'],
    meaning: t['readonlyMap.meaning'],
    fix: t['readonlyMap.fix'],
  },
  {
    cause: 'unreachable-insn',
    test: /^unreachable insn (\d+)/,
    summary: t['unreachableInsn.summary'],
    meaning: ({ m }) => fill(t['unreachableInsn.meaning'], { insn: m[1] }),
    fix: t['unreachableInsn.fix'],
  },
];

const GENERIC: Pick<Cause, 'summary' | 'fix'> & { meaning: string } = {
  summary: t['generic.summary'],
  meaning: t['generic.meaning'],
  fix: t['generic.fix'],
};

const ANNOTATION = /^; (.*) @ (\S+):(\d+)\s*$/;
/** An instruction: `12: (79) r1 = *(u64 *)(r0 +0)`. */
const INSN = /^(\d+): \([0-9a-f]{2}\) /;
/** Structure of the walk: instructions, annotations and register states at an instruction. */
const WALK = /^(\d+: |; .* @ \S+:\d+\s*$|from \d+ to \d+: )/;
/** Lines that are neither the walk nor the error message. */
const NOISE =
  /^(\s*$|processed \d+ insns|verification time|stack depth|(cur|old) state:|mark_precise|last_idx|regs=|parent (didn't|already)|propagating|frame\d+:|caller:|callee:|func#\d+ @\d+|Live regs before insn|Validating \S+ func#|Func#\d+ \(|\s+(R\d+|frame\d+)[=:]|arg#\d+ reference type\('.*'\) size cannot be determined)/;

function clean(log: string): string[] {
  return log.replace(/\r/g, '').split('\n');
}

/** Index of the decisive line in `lines`, or -1. */
function findDecisive(lines: string[]): number {
  let end = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^processed \d+ insns/.test(lines[i])) {
      end = i;
      break;
    }
  }
  if (end < 0) end = lines.length;
  let lastWalk = -1;
  for (let i = end - 1; i >= 0; i--) {
    if (WALK.test(lines[i])) {
      lastWalk = i;
      break;
    }
  }
  // The first message after the walk: later ones are details (`R0 min value is outside ...`,
  // `BPF_EXIT instruction ... would lead to reference leak`).
  for (let i = lastWalk + 1; i < end; i++) if (!NOISE.test(lines[i])) return i;
  // No message after the walk: the last line that is neither walk nor noise.
  for (let i = end - 1; i >= 0; i--) if (!NOISE.test(lines[i]) && !WALK.test(lines[i])) return i;
  // Nothing but walk and noise: the last non-empty line that is not statistics.
  for (let i = end - 1; i >= 0; i--)
    if (lines[i].trim() && !/^(processed \d+ insns|verification time|stack depth)/.test(lines[i])) return i;
  return -1;
}

type Source = NonNullable<VerifierExplanation['source']>;

function parseAnnotation(line: string): Source | null {
  const m = ANNOTATION.exec(line);
  if (!m || Number(m[3]) === 0 || !m[1].trim()) return null;
  return { code: m[1].trim(), file: m[2], line: Number(m[3]) };
}

/** Source line of each instruction index whose annotation the log shows (an annotation precedes its first instruction). */
function annotationsByInsn(lines: string[]): Map<number, Source> {
  const byInsn = new Map<number, Source>();
  let pending: Source | null = null;
  for (const line of lines) {
    if (line.startsWith('; ')) {
      pending = parseAnnotation(line) ?? pending;
      continue;
    }
    const m = INSN.exec(line);
    if (m && pending) {
      byInsn.set(Number(m[1]), pending);
      pending = null;
    }
  }
  return byInsn;
}

/** The source line for an instruction index: the annotation of the nearest annotated instruction at or before it. */
function sourceOfInsn(byInsn: Map<number, Source>, insn: number): Source | null {
  let best = -1;
  for (const k of byInsn.keys()) if (k <= insn && k > best) best = k;
  return best >= 0 ? byInsn.get(best)! : null;
}

export function explainVerifierLog(log: string): VerifierExplanation {
  const lines = clean(log);
  const at = findDecisive(lines);
  const decisive = at >= 0 ? lines[at].trim() : (log.trim().split('\n').pop()?.trim() ?? '');

  // The instruction being checked: the last one printed before the decisive line.
  let insn: string | null = null;
  for (let i = at - 1; i >= 0; i--) {
    if (INSN.test(lines[i])) {
      insn = lines[i];
      break;
    }
  }
  // Its source line: the nearest annotation above it in the log (the kernel prints one whenever
  // the line changes), else the annotation the log gives that instruction index elsewhere.
  let source: Source | null = null;
  for (let i = at; i >= 0; i--) {
    if (lines[i].startsWith('; ')) {
      source = parseAnnotation(lines[i]);
      if (source) break;
    }
  }
  const byInsn = annotationsByInsn(lines);
  if (!source && insn) source = sourceOfInsn(byInsn, Number(INSN.exec(insn)![1]));

  const sourceOf = (i: number) => sourceOfInsn(byInsn, i);
  const match = (c: Cause, text: string): Context | null => {
    const m = c.test.exec(text);
    if (!m) return null;
    const ctx = { m, insn, sourceOf };
    return !c.when || c.when(ctx) ? ctx : null;
  };
  // The decisive line first; then the message lines right after it (details such as
  // `R0 min value is outside of the allowed memory range`).
  const after = at < 0 ? [] : lines.slice(at + 1, at + 4).filter((l) => !WALK.test(l) && !NOISE.test(l));
  let hit: { c: Cause; ctx: Context } | null = null;
  for (const text of [decisive, ...after]) {
    for (const c of CAUSES) {
      const ctx = match(c, text);
      if (ctx) {
        hit = { c, ctx };
        break;
      }
    }
    if (hit) break;
  }

  const summary = hit?.c.summary ?? GENERIC.summary;
  const meaning = hit ? (typeof hit.c.meaning === 'string' ? hit.c.meaning : hit.c.meaning(hit.ctx)) : GENERIC.meaning;
  const fix = hit?.c.fix ?? GENERIC.fix;
  return {
    decisive,
    source,
    cause: hit?.c.cause ?? null,
    summary,
    fix,
    explanation: fill(t.explanation, { meaning, fix }),
  };
}

/**
 * The log is capped before it reaches the page: the kernel keeps the tail, where the error is,
 * and so does this (from the start of a line, when the kept part has one).
 */
export function capLog(log: string, maxBytes = 256 * 1024): { text: string; truncated: boolean } {
  if (Buffer.byteLength(log) <= maxBytes) return { text: log, truncated: false };
  let text = Buffer.from(log)
    .subarray(-maxBytes)
    .toString('utf8')
    .replace(/^\uFFFD+/, '');
  const nl = text.indexOf('\n');
  if (nl >= 0 && nl < text.length - 1) text = text.slice(nl + 1);
  return { text, truncated: true };
}
