// Loaded on every lesson page (a few hundred bytes): waits for a click on a
// runnable block's button and only then loads the terminal code.
document.addEventListener('click', (event) => {
  const button = (event.target as Element | null)?.closest?.('button.run-btn');
  if (!(button instanceof HTMLButtonElement)) return;
  event.preventDefault();
  void import('./run-block.ts').then((m) => m.toggleRun(button));
});

const free = document.querySelector<HTMLElement>('[data-free-terminal]');
if (free) void import('./free-terminal.ts').then((m) => m.mountFreeTerminal(free));
