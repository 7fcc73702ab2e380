// Which code a block runs: the learner's edit if there is one. Kept apart from
// the editor so that running a block does not load CodeMirror.
import { EDIT_KEY_PREFIX } from '../../lib/protocol.ts';

const KEY = (id: string) => `${EDIT_KEY_PREFIX}${id}`;

/** What a live editor offers the rest of the page (see editor.ts). */
export interface LiveEditor {
  /** The learner's edit, or undefined when the text is the lesson's own. */
  read(): string | undefined;
  /** Marks one line (1-based) as the verifier's rejected line; null clears it. */
  markLine(line: number | null): void;
}

const live = new WeakMap<HTMLElement, LiveEditor>();

export function registerEditor(block: HTMLElement, editor: LiveEditor): void {
  live.set(block, editor);
}

/** Marks the rejected line in the block's editor, if it has one; false when it has none. */
export function markEditorLine(block: HTMLElement, line: number | null): boolean {
  const editor = live.get(block);
  editor?.markLine(line);
  return Boolean(editor);
}

export function savedSource(id: string): string | null {
  try {
    return localStorage.getItem(KEY(id));
  } catch {
    return null;
  }
}

export function saveSource(id: string, text: string | null): void {
  try {
    if (text === null) localStorage.removeItem(KEY(id));
    else localStorage.setItem(KEY(id), text);
  } catch {
    /* storage full or blocked: edits live until the tab closes */
  }
}

/** The code to run for a block: the learner's edit, or undefined for the lesson's own. */
export function editedSource(block: HTMLElement): string | undefined {
  const editor = live.get(block);
  if (editor) return editor.read();
  return (block.dataset.runId && savedSource(block.dataset.runId)) || undefined;
}
