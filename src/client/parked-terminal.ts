// One terminal built before the learner clicks. Building an xterm.js terminal and drawing it the
// first time takes the page tens of milliseconds of main-thread work (measured on a 2-vCPU machine:
// ~30 ms of script, plus the first measurement of every character it draws), and on a click that
// work competes with the compile and the load it is waiting for. So, once the page is idle, one
// terminal is built "parked": out of the page's flow, invisible and inert, the width of a lesson's
// block, with the usual characters drawn once (xterm.js measures each one the first time). Ejecutar
// or Comprobar moves it under its block; another is parked at the next idle time.
//
// Never more than one parked terminal per page. A block of another width refits it (terminal.ts
// refits on width changes).
import type { Terminal } from '@xterm/xterm';
import { createTerminal } from './terminal.ts';

const PARKED_CLASS = 'run-terminal-parked';
/** Printable ASCII, drawn once plain and once bold (the page's notices are bold), then cleared. */
const WARM_TEXT = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

interface Parked {
  host: HTMLElement;
  terminal: Terminal;
}

let parked: Parked | null = null;
let building = false;

/** The width a terminal host gets under `block` (its content box), for parking at that width. */
function widthUnder(block: HTMLElement): number {
  const cs = getComputedStyle(block);
  return block.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
}

/** Builds the parked terminal at the next idle time, if there is none (and a block to size it by). */
export function park(): void {
  if (parked || building) return;
  const block = document.querySelector<HTMLElement>('.runnable');
  if (!block) return;
  building = true;
  const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 50));
  idle(
    () => {
      const host = document.createElement('div');
      host.className = `${PARKED_CLASS} not-content`;
      host.setAttribute('aria-hidden', 'true');
      host.inert = true;
      document.body.append(host);
      const own = getComputedStyle(host);
      host.style.width = `${widthUnder(block) - parseFloat(own.paddingLeft) - parseFloat(own.paddingRight)}px`;
      const { terminal } = createTerminal(host);
      terminal.write(`${WARM_TEXT}\r\n\x1b[1m${WARM_TEXT}\x1b[0m`, () => {
        // Cleared once drawn: the measuring happens when the rows are rendered.
        requestAnimationFrame(() => {
          terminal.reset();
          parked = { host, terminal };
          building = false;
          document.documentElement.dataset.terminalParked = 'ready'; // for tests and the bench
        });
      });
    },
    { timeout: 2000 },
  );
}

/** The parked terminal, moved into `block` as its terminal (`label`: the region's name), or null if none is ready. */
export function unpark(block: HTMLElement, label: string): { host: HTMLElement; terminal: Terminal } | null {
  const p = parked;
  if (!p) return null;
  parked = null;
  delete document.documentElement.dataset.terminalParked;
  p.host.className = 'run-terminal not-content';
  p.host.style.width = '';
  p.host.removeAttribute('aria-hidden');
  p.host.inert = false;
  p.host.setAttribute('role', 'region');
  p.host.setAttribute('aria-label', label);
  block.append(p.host);
  return p;
}
