// Which code a block runs: the learner's edit if there is one. Kept apart from
// the editor so that running a block does not load CodeMirror.
const KEY = (id: string) => `taller:codigo:${id}`;

/** Live editors register a reader here (see editor.ts). */
const live = new WeakMap<HTMLElement, () => string | undefined>();

export function registerEditor(block: HTMLElement, read: () => string | undefined): void {
  live.set(block, read);
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
  const read = live.get(block);
  if (read) return read();
  return (block.dataset.runId && savedSource(block.dataset.runId)) || undefined;
}
