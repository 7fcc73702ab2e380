// An xterm.js terminal bound to one terminal session over a WebSocket.
// Flow control per the xterm.js guide: every binary frame is acknowledged from
// xterm's write callback, once it has been rendered.
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import xtermCss from '@xterm/xterm/css/xterm.css?inline';
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

/** The page keeps the last 256 Ki characters a run printed (charts read them). */
const TRANSCRIPT_CHARS = 256 * 1024;
const FONT_SIZE = 13;
const FONT_FAMILY = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
/** The width the fit addon leaves to xterm's scrollbar. */
const SCROLLBAR_WIDTH = 14;

const COLOURS = { notice: '1;33', error: '1;31', exit: '1;36' } as const;

export function createTerminal(host: HTMLElement): { terminal: Terminal; fit: FitAddon } {
  const terminal = new Terminal({
    convertEol: false,
    cursorBlink: true,
    fontSize: FONT_SIZE,
    fontFamily: FONT_FAMILY,
    scrollback: 5000,
    theme: { background: '#101418', foreground: '#e6edf3' },
  });
  const fit = new FitAddon();
  terminal.loadAddon(fit);
  terminal.open(shadowMount(host));
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

/**
 * The element xterm.js opens in: inside a shadow root of `host`. Its DOM renderer writes its own <style>
 * elements (theme, cell size, cursor keyframes) and rewrites them on resize and reset; in the page's own
 * tree each rewrite makes the browser recompute the style and layout of the whole lesson (~30 ms per
 * rewrite on a lesson page, measured with Chromium's timeline), inside a shadow root only the terminal's.
 */
function shadowMount(host: HTMLElement): HTMLElement {
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = `${xtermCss}\n:host > div { height: 100%; }`;
  const mount = document.createElement('div');
  root.append(style, mount);
  return mount;
}

export function line(terminal: Terminal, kind: keyof typeof COLOURS, text: string): void {
  terminal.write(`\r\n\x1b[${COLOURS[kind]}m${text}\x1b[0m\r\n`);
}

/**
 * A terminal not created yet, and the size it will have. Building and first drawing an xterm.js terminal
 * in a lesson costs the page ~100–200 ms (its DOM renderer forces a layout for every new character it
 * measures; see docs/benchmarks.md): when the socket is already open, the start message goes out first
 * with this size, and the server compiles and loads while the page builds the terminal.
 */
export interface LaterTerminal {
  make: () => Terminal;
  size: { cols: number; rows: number };
}

/** Font metrics of the terminal's font, measured once without touching the page's layout. */
let cell: { width: number; height: number } | null = null;

/** The size `createTerminal` will give a terminal in `host` (already in the page), close enough for a start message. */
export function expectedSize(host: HTMLElement): { cols: number; rows: number } {
  if (!cell) {
    const ctx = document.createElement('canvas').getContext('2d');
    if (ctx) ctx.font = `${FONT_SIZE}px ${FONT_FAMILY}`;
    cell = { width: ctx?.measureText('W').width || FONT_SIZE * 0.6, height: Math.ceil(FONT_SIZE * 1.2) };
  }
  const width = host.clientWidth - SCROLLBAR_WIDTH;
  const height = host.clientHeight;
  return { cols: Math.max(20, Math.floor(width / cell.width)), rows: Math.max(5, Math.floor(height / cell.height)) };
}

export async function connect(source: Terminal | LaterTerminal, start: StartRequest, events: TerminalEvents = {}): Promise<TerminalHandle> {
  let ended = false;
  const end = (reason: string) => {
    if (ended) return;
    ended = true;
    events.onEnd?.(reason);
  };
  const chunks: string[] = [];
  let kept = 0;
  const decoder = new TextDecoder();
  const made = source instanceof Terminal ? null : source;
  let terminal = made ? null : (source as Terminal);
  const getTerminal = (): Terminal => (terminal ??= made!.make());
  const handle: TerminalHandle = {
    get terminal() {
      return getTerminal();
    },
    send() {},
    text: () => {
      const all = chunks.join('').slice(-TRANSCRIPT_CHARS);
      chunks.splice(0, chunks.length, all);
      kept = all.length;
      return all;
    },
    stop() {},
    dispose() {},
  };

  // Checked once per page, ahead of the click (spare.ts); again only if the server was lost since.
  const refuse = (why: string) => {
    line(getTerminal(), 'error', why);
    end(why);
  };
  const token = sessionToken();
  const problem = await sessionProblem(token);
  if (problem || !token) {
    refuse(problem ?? ui['term.noToken']);
    return handle;
  }

  const spare = takeSpare(token);
  const first = spare ?? openSocket(token);
  // An open spare: the start goes before the terminal is built (see LaterTerminal).
  let sentEarly = false;
  if (made && first.readyState === WebSocket.OPEN) {
    first.send(JSON.stringify({ ...start, ...made.size } satisfies ClientMessage));
    sentEarly = true;
  }
  const term = getTerminal();
  if (sentEarly && (term.cols !== made!.size.cols || term.rows !== made!.size.rows)) {
    first.send(JSON.stringify({ type: 'resize', cols: term.cols, rows: term.rows } satisfies ClientMessage));
  }

  let ws: WebSocket;
  const send = (m: ClientMessage) => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
  };
  const disposables = [
    term.onData((data) => {
      for (let i = 0; i < data.length; i += INPUT_CHUNK) send({ type: 'input', data: data.slice(i, i + INPUT_CHUNK) });
    }),
    term.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows })),
  ];

  /** Runs the start on `socket`; a spare that closes before the server said anything is replaced once by a new socket. */
  const use = (socket: WebSocket, spare: boolean, started = false) => {
    ws = socket;
    let heard = false;
    const begin = () => send({ ...start, cols: term.cols, rows: term.rows });
    if (started) {
      // sent before the terminal was built
    } else if (socket.readyState === WebSocket.OPEN) begin();
    else socket.onopen = begin;
    socket.onmessage = (ev) => {
      heard = true;
      if (ev.data instanceof ArrayBuffer) {
        const bytes = new Uint8Array(ev.data);
        const text = decoder.decode(bytes, { stream: true });
        chunks.push(text);
        kept += text.length;
        if (kept > 2 * TRANSCRIPT_CHARS) handle.text(); // trims what is kept, now and then rather than per frame
        term.write(bytes, () => send({ type: 'ack', bytes: bytes.length }));
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
          line(term, 'exit', m.message);
          events.onExit?.(m);
          break;
        case 'notice':
          line(term, 'notice', m.message);
          break;
        case 'error':
          line(term, 'error', m.message);
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
    if (error) line(term, 'error', error);
    end(error && error !== ui['term.lost'] ? error : 'closed');
    // Ready for the next run: a new spare, idle until then.
    void warm();
  };

  use(first, spare !== null, sentEarly);

  handle.stop = () => send({ type: 'stop' });
  handle.send = send;
  handle.dispose = () => ws.close(1000);
  return handle;
}
