// Ejecutar / Detener for one runnable block: opens a terminal under the block
// and runs that block (by id) in a fresh sandbox session.
import { connect, createTerminal, type TerminalHandle } from './terminal.ts';
import type { Terminal } from '@xterm/xterm';
import { ui } from '../lib/ui-strings.ts';
import { clearPanels, renderMaps, renderVerifier } from './bpf-panels.ts';

type State = 'idle' | 'starting' | 'running' | 'stopping';

interface BlockState {
  state: State;
  terminal?: Terminal;
  handle?: TerminalHandle;
}

const blocks = new WeakMap<HTMLElement, BlockState>();

function setState(block: HTMLElement, button: HTMLButtonElement, s: BlockState, state: State, status = '') {
  s.state = state;
  block.dataset.runState = state;
  button.dataset.state = state === 'idle' ? '' : 'running';
  button.textContent = state === 'idle' ? ui['run.start'] : state === 'stopping' ? ui['run.stopping'] : ui['run.stop'];
  button.disabled = state === 'starting' || state === 'stopping';
  const statusEl = block.querySelector<HTMLElement>('[data-run-status]');
  if (statusEl) statusEl.textContent = status;
}

export async function toggleRun(button: HTMLButtonElement): Promise<void> {
  const block = button.closest<HTMLElement>('.runnable');
  const id = button.dataset.runId;
  if (!block || !id) return;
  const s = blocks.get(block) ?? { state: 'idle' as State };
  blocks.set(block, s);

  if (s.state === 'running') {
    setState(block, button, s, 'stopping', ui['run.stopping']);
    s.handle?.stop();
    return;
  }
  if (s.state !== 'idle') return;

  setState(block, button, s, 'starting', ui['run.starting']);
  if (!s.terminal) {
    const host = document.createElement('div');
    host.className = 'run-terminal not-content';
    host.setAttribute('role', 'region');
    host.setAttribute('aria-label', `${ui['term.label']}: ${id}`);
    block.append(host);
    s.terminal = createTerminal(host).terminal;
  } else {
    s.terminal.reset();
  }
  clearPanels(block);
  s.handle = await connect(s.terminal, { type: 'run', id }, {
    onStarted: (m) => {
      s.terminal?.write(`\x1b[2m$ ${m.command.replace(/\n/g, '\r\n  ')}\x1b[0m\r\n`);
      setState(block, button, s, 'running', ui['run.running']);
    },
    onExit: (m) => setState(block, button, s, 'idle', m.message),
    onMessage: (m) => {
      if (m.type === 'maps') renderMaps(block, m);
      else if (m.type === 'verifier') renderVerifier(block, m);
      else if (m.type === 'attached') {
        block.dataset.attached = 'true';
        const status = block.querySelector<HTMLElement>('[data-run-status]');
        if (status) status.textContent = `${ui['run.attached']}: ${m.program} → ${m.section}`;
      }
    },
    onEnd: (reason) => {
      if (s.state !== 'idle') setState(block, button, s, 'idle', reason === 'closed' ? ui['run.finished'] : reason);
    },
  });
}
