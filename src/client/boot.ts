// Loaded on every page (about a kilobyte): keeps the start URL's token, wires
// the buttons, records the visit, asks the local server whether this machine
// can run each block, and loads the heavy code (xterm.js, CodeMirror) only when
// it is needed. It holds no texts (they come with the HTML: data-edit-label,
// data-done-label) so that the page's first load stays small.
import { adoptTokenFromUrl } from './session.ts';
import { markVisited } from './progress.ts';
import { savedSource } from './edits.ts';

// First: the start URL's ?token=… goes into this origin's storage and out of the address bar.
adoptTokenFromUrl();

const EDITABLE =
  '.runnable[data-run-kind="c"], .runnable[data-run-kind="bpftrace"], .runnable[data-run-kind="loader"], .runnable[data-run-kind="program"]';

document.addEventListener('click', (event) => {
  const target = event.target as Element | null;
  const hit = (sel: string) => target?.closest?.(sel) as HTMLElement | null;
  const run = hit('button.run-btn[data-run-id]');
  if (run instanceof HTMLButtonElement) {
    event.preventDefault();
    void import('./run-block.ts').then((m) => m.toggleRun(run, 'run'));
    return;
  }
  const check = hit('button.check-btn');
  if (check instanceof HTMLButtonElement) {
    event.preventDefault();
    void import('./run-block.ts').then((m) => m.toggleRun(check, 'check'));
    return;
  }
  const work = hit('button.workload-btn');
  if (work instanceof HTMLButtonElement) {
    void import('./run-block.ts').then((m) => m.workload(work));
    return;
  }
  const sys = hit('[data-system-check-button]');
  if (sys instanceof HTMLButtonElement) {
    event.preventDefault();
    void import('./system-check.ts').then((m) => m.runSystemCheck(sys));
    return;
  }
  const hint = hit('button[data-hint-next]');
  if (hint instanceof HTMLButtonElement && hint.getAttribute('aria-disabled') !== 'true') revealHint(hint);
});

// The editor loads when the learner first puts the cursor in an editable block's
// code, or reaches it with Tab: the code's frame is a tab stop of its own.
function wakeEditor(event: Event): void {
  const target = event.target as Element | null;
  const block = target?.closest?.(EDITABLE) as HTMLElement | null;
  if (!block || !target!.closest('.expressive-code pre, [data-edit-target]')) return;
  void import('./editor.ts').then((m) => m.makeEditable(block, true));
}
document.addEventListener('focusin', wakeEditor);
document.addEventListener('mousedown', wakeEditor);
for (const block of document.querySelectorAll<HTMLElement>(EDITABLE)) {
  const frame = block.querySelector<HTMLElement>('.expressive-code > figure');
  if (!frame) continue;
  frame.tabIndex = 0;
  frame.dataset.editTarget = '';
  frame.setAttribute('aria-label', `${block.dataset.editLabel}: ${block.dataset.fileName ?? block.dataset.runId}`);
}

// Esc stops a running block from its buttons too (the editor has its own key).
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || event.defaultPrevented) return;
  const target = event.target as Element | null;
  if (!target?.closest?.('.run-bar')) return;
  const block = target.closest<HTMLElement>('.runnable');
  if (block?.dataset.runState !== 'running') return;
  const active = block.querySelector<HTMLButtonElement>('.run-bar button[data-state="running"]');
  if (!active) return;
  event.preventDefault();
  active.click();
});

// Blocks with saved edits show them right away.
for (const block of document.querySelectorAll<HTMLElement>(EDITABLE)) {
  if (block.dataset.runId && savedSource(block.dataset.runId) !== null) {
    void import('./editor.ts').then((m) => m.makeEditable(block));
  }
}

function revealHint(button: HTMLButtonElement): void {
  const list = button.closest('.exercise')?.querySelector('.exercise-hints');
  const next = list?.querySelector<HTMLElement>('li[hidden]');
  if (next) next.hidden = false;
  const left = list?.querySelectorAll('li[hidden]').length ?? 0;
  button.dataset.left = String(left);
  if (left === 0) {
    // aria-disabled rather than disabled: the button keeps the keyboard focus.
    button.setAttribute('aria-disabled', 'true');
    button.textContent = button.dataset.doneLabel ?? '';
  }
}

const slug = location.pathname.replace(/^\/|\/$/g, '');
if (document.querySelector('.sl-markdown-content') && slug) markVisited(slug);

const free = document.querySelector<HTMLElement>('[data-free-terminal]');
if (free) void import('./free-terminal.ts').then((m) => m.mountFreeTerminal(free));

if (document.querySelector('.runnable')) void import('./readiness.ts').then((m) => m.showReadiness());

// The terminal code (xterm.js) is fetched before the learner clicks, and the
// page's link to the server is prepared (session checked, a spare socket open:
// see spare.ts): when the browser is idle after load, when a runnable block
// nears the viewport, or when Ejecutar/Comprobar is pointed at or focused,
// whichever comes first. Never before `load`, so that it does not compete with
// the page's own content (nor delay its Largest Contentful Paint); a click
// before then still works (it imports the same module).
let warmed: Promise<void> | null = null;
function prepareTerminal(): void {
  if (warmed) return;
  performance.mark('taller:terminal-prefetch'); // the bench tells the prefetch from the initial load by it
  warmed = import('./run-block.ts').then((m) => m.warm());
}
/** After intent, the link may need re-opening (the server closes a spare nobody used for a while). */
function rewarm(): void {
  if (warmed) void warmed.then(() => import('./run-block.ts')).then((m) => m.warm());
  else prepareTerminal();
}
const RUN_BUTTONS = 'button.run-btn[data-run-id], button.check-btn';
const runnables = document.querySelectorAll<HTMLElement>('.runnable');
if (runnables.length) {
  for (const type of ['pointerover', 'focusin', 'pointerdown']) {
    document.addEventListener(type, (event) => {
      if ((event.target as Element | null)?.closest?.(RUN_BUTTONS)) rewarm();
    });
  }
  const afterLoad = () => {
    const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
    idle(prepareTerminal, { timeout: 2000 });
    const near = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        near.disconnect();
        prepareTerminal();
      },
      { rootMargin: '600px 0px' },
    );
    for (const r of runnables) near.observe(r);
  };
  if (document.readyState === 'complete') afterLoad();
  else addEventListener('load', afterLoad, { once: true });
}

const progress = document.querySelector<HTMLElement>('[data-progress]');
if (progress) void import('./progress-page.ts').then((m) => m.renderProgress(progress));
