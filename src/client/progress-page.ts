// /progreso/: fills in the state of each lesson and exercise from this browser's storage.
import { loadProgress, resetProgress } from './progress.ts';
import { ui } from '../lib/ui-strings.ts';

export function renderProgress(root: HTMLElement): void {
  const paint = () => {
    const p = loadProgress();
    for (const li of root.querySelectorAll<HTMLElement>('li[data-lesson]')) {
      const done = Boolean(p.visited[li.dataset.lesson!]);
      li.dataset.state = done ? 'visited' : 'pending';
      li.querySelector('.progress-state')!.textContent = done ? ui['progress.visited'] : ui['progress.notVisited'];
    }
    for (const li of root.querySelectorAll<HTMLElement>('li[data-exercise]')) {
      const done = Boolean(p.solved[li.dataset.exercise!]);
      li.dataset.state = done ? 'solved' : 'pending';
      li.querySelector('.progress-state')!.textContent = done ? ui['progress.solved'] : ui['progress.notSolved'];
    }
  };
  paint();
  root.querySelector('[data-progress-reset]')?.addEventListener('click', () => {
    resetProgress();
    paint();
    const s = root.querySelector('[data-progress-status]');
    if (s) s.textContent = ui['progress.resetDone'];
  });
}
