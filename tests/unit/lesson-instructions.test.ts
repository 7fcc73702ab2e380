// The lessons match the page. A block's terminal does not take typing, so every
// instruction to type or launch something "en el terminal" must name the free
// terminal (/terminal/) or a workload button that really exists; every button
// the lessons tell you to press must exist; and the prose shows what the page
// really prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { ui } from '../../src/lib/ui-strings.ts';
import { RunnerStream } from '../../server/bpf/runner-stream.ts';

const LESSONS = readdirSync('content')
  .filter((f) => f.endsWith('.mdx'))
  .sort();
const read = (f: string) => readFileSync(`content/${f}`, 'utf8');

// `red` (ping, tcp and udp in one) is an exercise's workload, never a button: readiness gives the three.
const WORKLOAD_LABELS: string[] = Object.entries(ui)
  .filter(([k]) => k.startsWith('workload.') && k !== 'workload.red')
  .map(([, v]) => v);
const UI_LABELS = new Set<string>(Object.values(ui));

/** The prose of a lesson: no frontmatter, no fenced code, no imports; paragraphs on one line each. */
function paragraphs(mdx: string): string[] {
  const body = mdx.replace(/^---\n[\s\S]*?\n---\n/, '');
  // Fenced code goes (an empty fence, ```c file="…" followed by ```, included); a blank line stays.
  let fence: string | null = null;
  const kept: string[] = [];
  for (const line of body.split('\n')) {
    const f = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === null && f) fence = f;
    else if (fence !== null && f && line.trim() === f) fence = null;
    else if (fence === null) kept.push(line);
    if (fence !== null) kept.push('');
  }
  const noCode = kept.join('\n');
  return noCode
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split('\n')
        .filter((l) => !/^import\s/.test(l))
        .map((l) => l.trim())
        .join(' ')
        .trim(),
    )
    .filter(Boolean);
}

function sentences(mdx: string): string[] {
  return paragraphs(mdx).flatMap((p) => p.split(/(?<=[.!?…])\s+(?=[¿¡«(*A-ZÁÉÍÓÚÑ])/));
}

// "en el terminal", "en otro terminal", "el terminal de la página"…: not "tu terminal" (the learner's own).
const PLACE = /\b(?:en|desde)\s+(?:el|un|otro)\s+\[?terminal\b|\bterminal\s+de\s+la\s+página\b/i;
// An instruction: imperative, subjunctive or "si escribes…" forms of typing or launching, with or
// without a pronoun attached (ejecútala); not "que lanza", "se ejecuta" (descriptions).
const VERB = new RegExp(
  '(?<![\\wáéíóú])(?:' +
    // Second person only (subjunctive, or with a pronoun attached): an instruction wherever it stands.
    'escribas|teclees|lances|ejecutes|abras|pruebes|hagas|uses|pongas|escríbel[oa]s?|lánzal[oa]s?|ejecútal[oa]s?|ábrel[oa]s?|pruébal[oa]s?' +
    // Imperative or «si escribes…»; the same words after «que»/«se» describe instead («que lanza»).
    '|(?<!\\b(?:que|se|lo|la|los|las|le|les)\\s)(?:escrib(?:e|es)|tecle(?:a|as)|lanz(?:a|as)|ejecut(?:a|as)|abr(?:e|es)|prueb(?:a|as)|haz|usa|pon|copia|pega)' +
    ')(?![\\wáéíóú])',
  'i',
);
const FREE_TERMINAL = /\]\(\/terminal\/\)|terminal libre/i;

/** Sentences that tell the learner to type or launch something in a terminal. */
function terminalInstructions(mdx: string): string[] {
  return sentences(mdx).filter((s) => PLACE.test(s) && VERB.test(s));
}

/** Why an instruction cannot be followed on the page, or null if it can. */
function problemWith(instruction: string): string | null {
  if (FREE_TERMINAL.test(instruction)) return null;
  if (WORKLOAD_LABELS.some((label) => instruction.includes(`**${label}**`))) return null;
  return 'the block terminals take no typing: name the free terminal ([terminal libre](/terminal/)) or a workload button';
}

/** Labels of the buttons the lessons tell you to press: "Pulsa **X**", "el botón **X**", "**X**, el botón…". */
function pressedButtons(mdx: string): string[] {
  const text = paragraphs(mdx).join('\n');
  const out: string[] = [];
  for (const re of [
    /\bpuls(?:a|as|es|ar)(?:\s+otra\s+vez)?\s+\*\*([^*]+)\*\*/gi,
    /\bbot[oó]n(?:es)?\s+\*\*([^*]+)\*\*/gi,
    /\*\*([^*]+)\*\*,?\s+(?:el|un|los)\s+bot[oó]n/gi,
  ]) {
    for (const m of text.matchAll(re)) out.push(m[1]);
  }
  return out;
}

test('the checker flags typing into a block terminal and accepts the free terminal or a real workload button', () => {
  const bad = [
    'Pulsa **Ejecutar**, lanza algún comando en el terminal de la página y pulsa **Detener**.',
    'Ejecútala y abre unos cuantos ficheros (un `ls` o un `cat` en el terminal de la página)…',
    'Para ver un contador mayor, escribe `env true` en el terminal: `env` busca el programa.',
    'Ejecuta esta y lanza `cat /etc/hostname` en el terminal:',
    'Pulsa **Lanzar un programa** (no existe) y escribe `ls` en el terminal.',
  ];
  for (const s of bad) {
    assert.deepEqual(terminalInstructions(s), [s.trim()], `detected: ${s}`);
    assert.ok(problemWith(s), `flagged: ${s}`);
  }
  const good = [
    'Escribe `ls` en el [terminal libre](/terminal/), abierto en otra pestaña.',
    `Pulsa **${ui['workload.exec']}**, el botón que aparece bajo el bloque, o escribe algo en otro terminal libre.`,
  ];
  for (const s of good) assert.equal(problemWith(s), null, s);
  // Descriptions are not instructions.
  assert.deepEqual(terminalInstructions('Un botón **Ejecutar** que lanza el ejemplo en un terminal dentro de la página.'), []);
  assert.deepEqual(terminalInstructions('En tu terminal los pararías con Ctrl+C.'), []);
  assert.deepEqual(pressedButtons('Pulsa **Lanzar un programa** y luego el botón **Detener**.'), ['Lanzar un programa', 'Detener']);
});

test('every instruction to type or launch something in a terminal can be followed on the page', () => {
  let found = 0;
  const problems: string[] = [];
  for (const f of LESSONS) {
    for (const s of terminalInstructions(read(f))) {
      found++;
      const why = problemWith(s);
      if (why) problems.push(`${f}: «${s}» — ${why}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(found >= 5, `the lessons give at least 5 such instructions (found ${found}); the scan still finds them`);
});

test('every button a lesson tells you to press exists on the page', () => {
  const pressed = new Set<string>();
  for (const f of LESSONS) {
    for (const label of pressedButtons(read(f))) {
      assert.ok(UI_LABELS.has(label), `${f}: no button is labelled «${label}»`);
      pressed.add(label);
    }
  }
  // The scan is not empty: every workload button is named somewhere, and so is Ejecutar.
  for (const label of [...WORKLOAD_LABELS, ui['run.start']]) assert.ok(pressed.has(label), `a lesson tells you to press «${label}»`);
});

test('the first program shows what the page prints for bpf_printk, and the raw trace_pipe format only where it is read by hand', () => {
  const lesson = read('02-primer-programa.mdx');
  const shown: string[] = [];
  new RunnerStream(() => {})
    .push(Buffer.from('{"type":"printk","comm":"tallerej","pid":12315,"message":"execve called"}\n'))
    .toString()
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\r\n')
    .filter(Boolean)
    .forEach((l) => shown.push(l));
  assert.deepEqual(shown, ['tallerej-12315: execve called']);
  const pageLine = lesson.indexOf(`\n${shown[0]}\n`);
  const rawLine = lesson.search(/^\s+\S+-\d+\s+\[\d+\] \S+\s+[\d.]+: bpf_trace_printk: execve called$/m);
  const byHand = lesson.indexOf('cat /sys/kernel/tracing/trace_pipe');
  assert.ok(pageLine > 0, 'lesson 2 shows a line exactly as the page prints it');
  assert.ok(byHand > 0 && rawLine > byHand, 'the raw trace_pipe line comes with reading trace_pipe by hand');
  assert.ok(pageLine < byHand, 'what Ejecutar shows comes first');
});

test('the flood example explains the "Lost N events" lines', () => {
  const lesson = read('03-bpftrace.mdx');
  const start = lesson.indexOf('run="inundacion"');
  const section = lesson.slice(start, lesson.indexOf('\n## ', start));
  assert.match(section, /^Lost \d+ events$/m);
  assert.match(section, /perf buffer/);
  assert.match(section, /se pierden/);
  assert.match(section, /No esperan su turno ni llegan más tarde/);
});

test('prose: no calques, one word for the verifier log, and the table of contents not called «Sinopsis»', () => {
  for (const f of LESSONS) {
    const prose = paragraphs(read(f)).join('\n');
    assert.doesNotMatch(prose, /cada una de microsegundos|un lenguaje de una línea|seguro por construcción|\ba ceros\b|\bSinopsis\b/i, f);
    // «registro» everywhere; the English word only as a gloss right after it.
    for (const m of prose.matchAll(/\blogs?\b/gi)) {
      const before = prose.slice(Math.max(0, m.index! - 40), m.index);
      assert.match(before, /registro[^.]*\((?:su )?\*?$/, `${f}: «log» without «registro» before it: …${before}${m[0]}`);
    }
  }
  const es = JSON.parse(readFileSync('src/content/i18n/es.json', 'utf8')) as Record<string, string>;
  assert.ok(es['tableOfContents.overview'] && es['tableOfContents.overview'] !== 'Sinopsis');
  assert.match(readFileSync('src/content.config.ts', 'utf8'), /i18n:\s*defineCollection\(\{\s*loader:\s*i18nLoader\(\)/);
});
