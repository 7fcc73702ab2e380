// An xterm.js terminal bound to one terminal session over a WebSocket.
// Flow control per the xterm.js guide: every binary frame is acknowledged from
// xterm's write callback, once it has been rendered.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { INPUT_CHUNK, type ClientMessage, type ServerMessage } from '../../lib/protocol.ts';
import { ui } from '../lib/ui-strings.ts';
import { sessionToken } from './session.ts';
import { clickWorked, openSocket, serverLost, sessionProblem, takeSpare, warm } from './spare.ts';

export { warm } from './spare.ts';

export type StartRequest =
  | { type: 'run'; id: string; source?: string; config?: Record<string, string> }
  | { type: 'check'; exercise: string; source?: string }
  | { type: 'shell' };

export interface TerminalEvents {
  onStarted?: (m: Extract<ServerMessage, { type: 'started' }>) => void;
  onExit?: (m: Extract<ServerMessage, { type: 'exit' }>) => void;
  /** Every control message (maps, verifier, attached…), after the terminal handled its own. */
  onMessage?: (m: ServerMessage) => void;
  /** The session is over, whatever the reason (exit, error, lost connection). */
  onEnd?: (reason: string) => void;
}

export interface TerminalHandle {
  terminal: Terminal;
  send(m: ClientMessage): void;
  /** What the process printed so far (the last 256 KiB), as text. */
  text(): string;
  stop(): void;
  dispose(): void;
}

const COLOURS = { notice: '1;33', error: '1;31', exit: '1;36' } as const;

export function createTerminal(host: HTMLElement): { terminal: Terminal; fit: FitAddon } {
  const terminal = new Terminal({
    convertEol: false,
    cursorBlink: true,
    fontSize: 13,
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
    scrollback: 5000,
    theme: { background: '#101418', foreground: '#e6edf3' },
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(host);
  fit.fit();
  // Tests and curious learners can reach the terminal from the element.
  (host as HTMLElement & { xterm?: Terminal }).xterm = terminal;
  // The host has a fixed height (CSS); refit only when the width changes, so that
  // fitting never feeds back into the layout.
  let width = host.clientWidth;
  new ResizeObserver(() => {
    if (host.clientWidth !== width) {
      width = host.clientWidth;
      fit.fit();
    }
  }).observe(host);
  return { terminal, fit };
}

export function line(terminal: Terminal, kind: keyof typeof COLOURS, text: string): void {
  terminal.write(`\r\n\x1b[${COLOURS[kind]}m${text}\x1b[0m\r\n`);
}

export async function connect(terminal: Terminal, start: StartRequest, events: TerminalEvents = {}): Promise<TerminalHandle> {
  let ended = false;
  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    events.onEnd?.(reason);
  };
  let transcript = '';
  const decoder = new TextDecoder();
  const handle: TerminalHandle = { terminal, send() {}, text: () => transcript, stop() {}, dispose() {} };

  // Checked once per page, ahead of the click (spare.ts); again only if the server was lost since.
  const refuse = (why: string) => {
    line(terminal, 'error', why);
    end(why);
  };
  const token = sessionToken();
  const problem = await sessionProblem(token);
  if (problem || !token) {
    refuse(problem ?? ui['term.noToken']);
    return handle;
  }

  let ws: WebSocket;
  const send = (m: ClientMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
  };
  const disposables = [
    terminal.onData((data) => {
      for (let i = 0; i < data.length; i += INPUT_CHUNK) send({ type: 'input', data: data.slice(i, i + INPUT_CHUNK) });
    }),
    terminal.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows })),
  ];

  /** Runs the start on `socket`; a spare that closes before the server said anything is replaced once by a new socket. */
  const use = (socket: WebSocket, spare: boolean) => {
    ws = socket;
    let heard = false;
    const begin = () => send({ ...start, cols: terminal.cols, rows: terminal.rows });
    if (socket.readyState === WebSocket.OPEN) begin();
    else socket.onopen = begin;
    socket.onmessage = (ev) => {
      heard = true;
      if (ev.data instanceof ArrayBuffer) {
        const bytes = new Uint8Array(ev.data);
        transcript = (transcript + decoder.decode(bytes, { stream: true })).slice(-256 * 1024);
        terminal.write(bytes, () => send({ type: 'ack', bytes: bytes.length }));
        return;
      }
      let m: ServerMessage;
      try {
        m = JSON.parse(String(ev.data));
      } catch {
        return;
      }
      switch (m.type) {
        case 'started':
          clickWorked();
          events.onStarted?.(m);
          break;
        case 'exit':
          line(terminal, 'exit', m.message);
          events.onExit?.(m);
          break;
        case 'notice':
          line(terminal, 'notice', m.message);
          break;
        case 'error':
          line(terminal, 'error', m.message);
          end(m.message);
          break;
      }
      events.onMessage?.(m);
    };
    socket.onclose = (ev) => {
      const abnormal = ev.code !== 1000 && ev.code !== 1013;
      if (abnormal) serverLost();
      if (spare && !heard && !ended) {
        // The spare died just as it was taken (idle close, server restart): as if there had been none.
        void sessionProblem(token).then((again) => (again ? finish(again) : use(openSocket(token), false)));
        return;
      }
      finish(!ended && ev.code !== 1000 ? ui['term.lost'] : null);
    };
  };
  const finish = (error: string | null) => {
    for (const d of disposables) d.dispose();
    if (error) line(terminal, 'error', error);
    end(error && error !== ui['term.lost'] ? error : 'closed');
    // Ready for the next run: a new spare, idle until then.
    void warm();
  };

  const spare = takeSpare(token);
  use(spare ?? openSocket(token), spare !== null);

  handle.stop = () => send({ type: 'stop' });
  handle.send = send;
  handle.dispose = () => ws.close(1000);
  return handle;
}
