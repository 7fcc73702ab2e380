// Ejecutar / Detener / Comprobar for one runnable block: opens a terminal under
// the block and runs that block (by id, with the learner's edits if any) in a
// fresh terminal session.
import { connect, createTerminal, expectedSize, warm as warmLink, type LaterTerminal, type TerminalHandle } from './terminal.ts';
import { park, unpark } from './parked-terminal.ts';
import type { Terminal } from '@xterm/xterm';
import type { WorkloadKind } from '../../lib/protocol.ts';
import { ui } from '../lib/ui-strings.ts';
import { dropStale, renderBytecode, renderMaps, renderVerifier, stalePanels } from './bpf-panels.ts';
import { renderCharts } from './charts.ts';
import { renderEvents } from './event-table.ts';
import { editedSource } from './edits.ts';
import { markSolved } from './progress.ts';
import { configValues, lockConfig } from './run-config.ts';

/** Prepares the page before a click: the link to the server, and a terminal built ahead (parked-terminal.ts). */
export async function warm(): Promise<void> {
  park();
  await warmLink();
}

type State = 'idle' | 'starting' | 'running' | 'stopping';
type Mode = 'run' | 'check';

interface BlockState {
  state: State;
  mode: Mode;
  terminal?: Terminal;
  handle?: TerminalHandle;
}

const blocks = new WeakMap<HTMLElement, BlockState>();

function buttons(block: HTMLElement) {
  return {
    run: block.querySelector<HTMLButtonElement>('.run-btn[data-run-id]'),
    check: block.querySelector<HTMLButtonElement>('.check-btn'),
    workloads: [...block.querySelectorAll<HTMLButtonElement>('.workload-btn')],
  };
}

function setState(block: HTMLElement, s: BlockState, state: State, status = '') {
  s.state = state;
  block.dataset.runState = state;
  const b = buttons(block);
  const active = s.mode === 'check' ? b.check : b.run;
  const other = s.mode === 'check' ? b.run : b.check;
  if (active) {
    active.dataset.state = state === 'idle' ? '' : 'running';
    active.textContent =
      state === 'idle'
        ? s.mode === 'check'
          ? ui['exercise.check']
          : ui['run.start']
        : state === 'stopping'
          ? ui['run.stopping']
          : ui['run.stop'];
    // Not `disabled`: a disabled button drops the keyboard focus, and the
    // focus must stay on it so that Ejecutar becomes Detener under the finger.
    // Clicks while starting or stopping are ignored (see toggleRun).
    active.disabled = false;
    if (state === 'starting' || state === 'stopping') active.setAttribute('aria-disabled', 'true');
    else active.removeAttribute('aria-disabled');
  }
  if (other) other.disabled = state !== 'idle';
  for (const w of b.workloads) w.hidden = state !== 'running';
  lockConfig(block, state !== 'idle');
  const statusEl = block.querySelector<HTMLElement>('[data-run-status]');
  if (statusEl) statusEl.textContent = status;
}

export async function toggleRun(button: HTMLButtonElement, mode: Mode = 'run'): Promise<void> {
  const block = button.closest<HTMLElement>('.runnable');
  const id = block?.dataset.runId;
  if (!block || !id) return;
  const s = blocks.get(block) ?? { state: 'idle' as State, mode };
  blocks.set(block, s);

  if (s.state === 'running') {
    setState(block, s, 'stopping', ui['run.stopping']);
    s.handle?.stop();
    return;
  }
  if (s.state !== 'idle') return;
  s.mode = mode;

  setState(block, s, 'starting', mode === 'check' ? ui['exercise.checking'] : ui['run.starting']);
  // The block's terminal: the one built ahead of the click if there is one (another is built once this
  // run ends); else connect() builds it after the start message has left (see LaterTerminal).
  let target: Terminal | LaterTerminal;
  const label = `${ui['term.label']}: ${id}`;
  const built = s.terminal ? null : unpark(block, label);
  if (built) {
    s.terminal = built.terminal;
    target = built.terminal;
  } else if (!s.terminal) {
    const host = document.createElement('div');
    host.className = 'run-terminal not-content';
    host.setAttribute('role', 'region');
    host.setAttribute('aria-label', label);
    block.append(host);
    target = { make: () => (s.terminal = createTerminal(host).terminal), size: expectedSize(host) };
  } else {
    s.terminal.reset();
    target = s.terminal;
  }
  stalePanels(block);
  delete block.dataset.attached;
  const verdictEl = block.parentElement?.querySelector<HTMLElement>(':scope > .exercise-verdict');
  if (verdictEl && mode === 'check') {
    verdictEl.textContent = '';
    delete verdictEl.dataset.ok;
  }
  // A check's outcome is its verdict (sent after the program's exit), not the
  // exit status of the program it ran.
  let verdict: boolean | undefined;
  const checkStatus = () => (verdict === undefined ? ui['exercise.checking'] : verdict ? ui['exercise.passed'] : ui['exercise.failed']);
  const finalStatus = (fallback: string) => (mode === 'check' ? checkStatus() : fallback);
  const source = editedSource(block);
  const exercise = block.dataset.exercise;
  const start =
    mode === 'check' && exercise
      ? { type: 'check' as const, exercise, source }
      : { type: 'run' as const, id, source, config: configValues(block) };
  s.handle = await connect(target, start, {
    onStarted: (m) => {
      s.terminal?.write(`\x1b[2m$ ${m.command.replace(/\n/g, '\r\n  ')}\x1b[0m\r\n`);
      setState(block, s, 'running', mode === 'check' ? ui['exercise.checking'] : ui['run.running']);
    },
    onExit: (m) => {
      dropStale(block);
      setState(block, s, 'idle', finalStatus(m.message));
      renderCharts(block, s.handle?.text() ?? '');
    },
    onMessage: (m) => {
      if (m.type === 'maps') renderMaps(block, m);
      else if (m.type === 'events') renderEvents(block, m);
      else if (m.type === 'verifier') renderVerifier(block, m);
      else if (m.type === 'bytecode') renderBytecode(block, m);
      else if (m.type === 'attached') {
        block.dataset.attached = 'true';
        dropStale(block, '.run-verifier');
        const status = block.querySelector<HTMLElement>('[data-run-status]');
        if (status && mode === 'run') status.textContent = `${ui['run.attached']}: ${m.program} → ${m.section}`;
      } else if (m.type === 'verdict') {
        verdict = m.ok;
        if (m.ok) markSolved(m.exercise);
        const status = block.querySelector<HTMLElement>('[data-run-status]');
        if (status && s.state === 'idle') status.textContent = checkStatus();
        if (!verdictEl) return;
        verdictEl.textContent = m.message;
        verdictEl.dataset.ok = String(m.ok);
      }
    },
    onEnd: (reason) => {
      dropStale(block);
      park();
      const checkEnd = verdict === undefined ? ui['exercise.noVerdict'] : checkStatus();
      const message = reason !== 'closed' ? reason : mode === 'check' ? checkEnd : ui['run.finished'];
      if (s.state !== 'idle') setState(block, s, 'idle', message);
      else if (mode === 'check' && verdict === undefined) {
        const status = block.querySelector<HTMLElement>('[data-run-status]');
        if (status) status.textContent = message;
      }
    },
  });
}

/** A workload button: asks the running session for known events. */
export function workload(button: HTMLButtonElement): void {
  const block = button.closest<HTMLElement>('.runnable');
  const s = block ? blocks.get(block) : undefined;
  const kind = button.dataset.workload as WorkloadKind;
  if (s?.state === 'running') s.handle?.send({ type: 'workload', kind });
}
