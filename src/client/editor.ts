// Editable runnable blocks (C and bpftrace): CodeMirror 6 replaces the static
// code on first focus. Edits persist per block in localStorage; Restaurar goes
// back to the lesson's code; Ctrl+Enter runs and Esc stops; the real clang /
// bpftrace check the code while typing (debounced) and mark errors on their
// lines. The editor follows Starlight's light/dark switch live.
import { Decoration, EditorView, keymap, type DecorationSet } from '@codemirror/view';
import { EditorState, Compartment, Prec, StateEffect, StateField } from '@codemirror/state';
import { basicSetup } from 'codemirror';
import { cpp } from '@codemirror/lang-cpp';
import { StreamLanguage } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { currentScheme, editorTheme } from './editor-theme.ts';
import { DIAGNOSTICS_PATH, type DiagnosticsBody, type DiagnosticsRequest } from '../../lib/protocol.ts';
import { ui } from '../lib/ui-strings.ts';
import { apiFetch } from './session.ts';
import { registerEditor, saveSource, savedSource } from './edits.ts';

const editors = new WeakSet<HTMLElement>();

/** Tabs as wide as in the static blocks (custom.css sets the same tab-size). */
const TAB_SIZE = 4;

/** A small bpftrace mode, in step with src/grammars/bpftrace.tmLanguage.json. */
const bpftrace = StreamLanguage.define<{ inBlock: number }>({
  startState: () => ({ inBlock: 0 }),
  token(stream, state) {
    if (stream.eatSpace()) return null;
    if (stream.match('//')) {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^(BEGIN|END)\b/)) return 'keyword';
    if (state.inBlock === 0 && stream.match(/^[a-z]+:[\w./*-]*(:[\w.*-]*)?/)) return 'typeName';
    if (stream.match(/^@\w*/)) return 'variableName.special';
    if (stream.match(/^\$\w+/)) return 'variableName';
    if (stream.match(/^(if|else|return|unroll|while)\b/)) return 'keyword';
    if (stream.match(/^(pid|tid|uid|gid|nsecs|elapsed|cpu|comm|kstack|ustack|arg\d|retval|func|probe|curtask|args|cgroup)\b/))
      return 'atom';
    if (stream.match(/^\w+(?=\s*\()/)) return 'variableName.function';
    if (stream.match(/^\d+/)) return 'number';
    const ch = stream.next();
    if (ch === '{') state.inBlock++;
    if (ch === '}') state.inBlock = Math.max(0, state.inBlock - 1);
    return ch && /[-+*/%=<>!&|^~?:]/.test(ch) ? 'operator' : null;
  },
});

async function remoteDiagnostics(
  kind: 'c' | 'bpftrace',
  source: string,
  fileName: string | undefined,
  view: EditorView,
): Promise<CmDiagnostic[]> {
  try {
    const res = await apiFetch(DIAGNOSTICS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind, source, fileName } satisfies DiagnosticsRequest),
    });
    if (!res) return []; // no token: the page only reads
    const body = await res.json();
    if (!res.ok) return [{ from: 0, to: 0, severity: 'error', message: body.error ?? ui['term.noServer'] }];
    return (body as DiagnosticsBody).diagnostics
      .filter((d) => d.line >= 1 && d.line <= view.state.doc.lines)
      .map((d) => {
        const line = view.state.doc.line(d.line);
        const from = Math.min(line.from + Math.max(0, d.column - 1), line.to);
        return {
          from,
          to: Math.max(from + 1 <= line.to ? from + 1 : from, line.to === from ? from : line.to),
          severity: d.severity,
          message: d.message,
        };
      });
  } catch {
    return [];
  }
}

/** The verifier's rejected line, marked in the editor (see bpf-panels.ts). */
const setMark = StateEffect.define<number | null>();
const markField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setMark)) continue;
      const n = e.value;
      next =
        n !== null && n >= 1 && n <= tr.state.doc.lines
          ? Decoration.set([Decoration.line({ class: 'verifier-mark' }).range(tr.state.doc.line(n).from)])
          : Decoration.none;
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/**
 * The block's code exactly as the lesson has it: Expressive Code's own copy of
 * the text (newlines stored as U+007F), or else its lines. (An empty line's
 * element holds a newline of its own, so its text is not joined as is.)
 */
function staticSource(figure: HTMLElement): string {
  const copy = figure.querySelector<HTMLElement>('.copy button[data-code]')?.dataset.code;
  if (copy !== undefined) return copy.replace(/\u007f/g, '\n');
  return [...figure.querySelectorAll('pre .ec-line')].map((l) => (l.textContent ?? '').replace(/\n$/, '')).join('\n');
}

function runButton(block: HTMLElement): HTMLButtonElement | null {
  return block.querySelector<HTMLButtonElement>('.run-btn[data-run-id]');
}

export function makeEditable(block: HTMLElement, focus = false): void {
  if (editors.has(block)) return;
  const id = block.dataset.runId!;
  const runKind = block.dataset.runKind;
  const kind = runKind === 'c' || runKind === 'loader' || runKind === 'program' ? 'c' : 'bpftrace';
  // A loader or a program is user-space C: the live diagnostics (clang -target bpf) do not apply.
  const lint =
    runKind === 'loader' || runKind === 'program'
      ? []
      : [linter((v) => remoteDiagnostics(kind, v.state.doc.toString(), fileName, v), { delay: 600 })];
  const figure = block.querySelector<HTMLElement>('.expressive-code');
  const pre = figure?.querySelector('pre');
  if (!figure || !pre) return;
  const original = staticSource(figure);
  const marked = [...pre.querySelectorAll('.ec-line')].findIndex((l) => l.classList.contains('verifier-mark')) + 1;
  const fileName = /\.c$/.test(block.dataset.fileName ?? '') ? block.dataset.fileName : undefined;
  const host = document.createElement('div');
  host.className = 'run-editor not-content';
  const theme = new Compartment();
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: savedSource(id) ?? original,
      extensions: [
        // Ahead of basicSetup's keymap, whose Mod-Enter inserts a blank line.
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              run: () => {
                const state = block.dataset.runState ?? 'idle';
                if (state === 'idle') runButton(block)?.click();
                return true;
              },
            },
            {
              key: 'Escape',
              run: () => {
                if (block.dataset.runState !== 'running') return false;
                runButton(block)?.click();
                return true;
              },
            },
          ]),
        ),
        basicSetup,
        kind === 'c' ? cpp() : bpftrace,
        EditorState.tabSize.of(TAB_SIZE),
        theme.of(editorTheme(currentScheme())),
        markField,
        lintGutter(),
        ...lint,
        EditorView.contentAttributes.of({ 'aria-label': `${ui['edit.label']}: ${block.dataset.fileName ?? id}` }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          const text = u.state.doc.toString();
          saveSource(id, text === original ? null : text);
          block.dataset.edited = String(text !== original);
        }),
      ],
    }),
  });
  // Follow Starlight's theme switch (it sets data-theme on <html>).
  new MutationObserver(() => view.dispatch({ effects: theme.reconfigure(editorTheme(currentScheme())) })).observe(
    document.documentElement,
    { attributes: true, attributeFilter: ['data-theme'] },
  );
  // Take the focus only if the learner is still on this block's code (a fast
  // Tab may have moved on while the editor loaded).
  const focusHere = focus && (figure.contains(document.activeElement) || document.activeElement === document.body);
  figure.replaceWith(host);
  editors.add(block);
  // Tests and curious learners can reach the editor from its element.
  (host as HTMLElement & { cmView?: EditorView }).cmView = view;
  registerEditor(block, {
    read: () => {
      const text = view.state.doc.toString();
      return text === original ? undefined : text;
    },
    markLine: (line) => view.dispatch({ effects: setMark.of(line) }),
  });
  if (marked > 0) view.dispatch({ effects: setMark.of(marked) });
  block.dataset.edited = String(view.state.doc.toString() !== original);
  addRestoreButton(block, view, original, id);
  if (focusHere) view.focus();
}

function addRestoreButton(block: HTMLElement, view: EditorView, original: string, id: string): void {
  const bar = block.querySelector('.run-bar');
  if (!bar || bar.querySelector('.restore-btn')) return;
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'bar-btn restore-btn';
  b.textContent = ui['edit.restore'];
  b.title = ui['edit.restoreTitle'];
  b.addEventListener('click', () => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: original } });
    saveSource(id, null);
  });
  bar.append(b);
}
