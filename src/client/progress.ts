// The learner's progress, kept in this browser only: lessons visited, exercises solved.
import { EDIT_KEY_PREFIX, PROGRESS_KEY } from '../../lib/protocol.ts';

const KEY = PROGRESS_KEY;

export interface Progress {
  visited: Record<string, number>;
  solved: Record<string, number>;
}

export function loadProgress(): Progress {
  try {
    const p = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return { visited: p.visited ?? {}, solved: p.solved ?? {} };
  } catch {
    return { visited: {}, solved: {} };
  }
}

function save(p: Progress): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(p));
  } catch {
    /* storage blocked: progress lives until the tab closes */
  }
}

export function markVisited(slug: string): void {
  const p = loadProgress();
  if (!p.visited[slug]) {
    p.visited[slug] = Date.now();
    save(p);
  }
}

export function markSolved(exercise: string): void {
  const p = loadProgress();
  p.solved[exercise] = Date.now();
  save(p);
}

export function resetProgress(): void {
  try {
    localStorage.removeItem(KEY);
    for (const k of Object.keys(localStorage)) if (k.startsWith(EDIT_KEY_PREFIX)) localStorage.removeItem(k);
  } catch {
    /* ignore */
  }
}
