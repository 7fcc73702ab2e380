// Editable runnable blocks (C and bpftrace): CodeMirror 6 replaces the static
// code on first focus. Edits persist per block in localStorage; Restaurar goes
// back to the lesson's code; Ctrl+Enter runs; the real clang / bpftrace check
// the code while typing (debounced) and mark errors on their lines.
import { EditorView, keymap } from '@codemirror/view';
import { EditorState, Compartment } from '@codemirror/state';
import { basicSetup } from 'codemirror';
import { cpp } from '@codemirror/lang-cpp';
import { StreamLanguage } from '@codemirror/language';
import { oneDark } from '@codemirror/theme-one-dark';
import { linter, lintGutter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { DIAGNOSTICS_PATH, type Diagnostic } from '../../server/protocol.ts';
import { ui } from '../lib/ui-strings.ts';
import { hasSessionHint } from './session.ts';
import { registerEditor, saveSource, savedSource } from './edits.ts';

const editors = new WeakSet<HTMLElement>();

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
    if (stream.match(/^(pid|tid|uid|gid|nsecs|elapsed|cpu|comm|kstack|ustack|arg\d|retval|func|probe|curtask|args|cgroup)\b/)) return 'atom';
    if (stream.match(/^\w+(?=\s*\()/)) return 'function(variableName)';
    if (stream.match(/^\d+/)) return 'number';
    const ch = stream.next();
    if (ch === '{') state.inBlock++;
    if (ch === '}') state.inBlock = Math.max(0, state.inBlock - 1);
    return ch && /[-+*/%=<>!&|^~?:]/.test(ch) ? 'operator' : null;
  },
});

async function remoteDiagnostics(kind: 'c' | 'bpftrace', source: string, fileName: string | undefined, view: EditorView): Promise<CmDiagnostic[]> {
  if (!hasSessionHint()) return [];
  try {
    const res = await fetch(DIAGNOSTICS_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind, source, fileName }),
    });
    const body = await res.json();
    if (!res.ok) return [{ from: 0, to: 0, severity: 'error', message: body.error ?? ui['term.noServer'] }];
    return (body.diagnostics as Diagnostic[])
      .filter((d) => d.line >= 1 && d.line <= view.state.doc.lines)
      .map((d) => {
        const line = view.state.doc.line(d.line);
        const from = Math.min(line.from + Math.max(0, d.column - 1), line.to);
        return { from, to: Math.max(from + 1 <= line.to ? from + 1 : from, line.to === from ? from : line.to), severity: d.severity, message: d.message };
      });
  } catch {
    return [];
  }
}

export function makeEditable(block: HTMLElement, focus = false): void {
  if (editors.has(block)) return;
  const id = block.dataset.runId!;
  const kind = block.dataset.runKind === 'c' ? 'c' : 'bpftrace';
  const figure = block.querySelector<HTMLElement>('.expressive-code');
  const pre = figure?.querySelector('pre');
  if (!figure || !pre) return;
  const original = [...pre.querySelectorAll('.ec-line')].map((l) => l.textContent ?? '').join('\n');
  const fileName = /\.c$/.test(block.dataset.fileName ?? '') ? block.dataset.fileName : undefined;
  const host = document.createElement('div');
  host.className = 'run-editor not-content';
  const dark = document.documentElement.dataset.theme !== 'light';
  const theme = new Compartment();
  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: savedSource(id) ?? original,
      extensions: [
        basicSetup,
        kind === 'c' ? cpp() : bpftrace,
        theme.of(dark ? oneDark : []),
        lintGutter(),
        linter((v) => remoteDiagnostics(kind, v.state.doc.toString(), fileName, v), { delay: 600 }),
        keymap.of([
          {
            key: 'Mod-Enter',
            run: () => {
              block.querySelector<HTMLButtonElement>('.run-btn[data-run-id]')?.click();
              return true;
            },
          },
        ]),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          const text = u.state.doc.toString();
          saveSource(id, text === original ? null : text);
          block.dataset.edited = String(text !== original);
        }),
      ],
    }),
  });
  figure.replaceWith(host);
  editors.add(block);
  registerEditor(block, () => {
    const text = view.state.doc.toString();
    return text === original ? undefined : text;
  });
  block.dataset.edited = String(view.state.doc.toString() !== original);
  addRestoreButton(block, view, original, id);
  if (focus) view.focus();
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
