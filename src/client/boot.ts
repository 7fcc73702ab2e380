// Loaded on every lesson page (about a kilobyte): wires the buttons, asks the
// local server whether this machine can run each block, and loads the
// terminal code only when the learner clicks.
document.addEventListener('click', (event) => {
  const target = event.target as Element | null;
  const button = target?.closest?.('button.run-btn[data-run-id]');
  if (button instanceof HTMLButtonElement) {
    event.preventDefault();
    void import('./run-block.ts').then((m) => m.toggleRun(button));
    return;
  }
  const check = target?.closest?.('[data-system-check-button]');
  if (check instanceof HTMLButtonElement) {
    event.preventDefault();
    void import('./system-check.ts').then((m) => m.runSystemCheck(check));
  }
});

const free = document.querySelector<HTMLElement>('[data-free-terminal]');
if (free) void import('./free-terminal.ts').then((m) => m.mountFreeTerminal(free));

if (document.querySelector('.runnable')) void import('./readiness.ts').then((m) => m.showReadiness());
