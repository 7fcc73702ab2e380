// The page's link to the local server, prepared before the learner clicks: the
// session is checked once per page (and again only after the server was lost),
// and one terminal socket ("spare") is opened ahead of time, so that Ejecutar,
// Comprobar or the free terminal only send their start message on an open
// socket. The server counts a spare against no limit until it starts something
// (server/terminals/gateway.ts), closes it after a while, and this module opens
// another when the learner shows intent again (boot.ts calls `warm`).
//
// Never more than one spare per page; none while the page is hidden. A click
// takes the spare if it is open or opening; otherwise it opens its own socket,
// exactly as without a spare.
import { SESSION_PATH, TERMINAL_PATH } from '../../lib/protocol.ts';
import { ui } from '../lib/ui-strings.ts';
import { apiFetch, sessionToken, terminalProtocols } from './session.ts';

/** The token last confirmed by the server; null until checked, and again after the server was lost. */
let confirmed: string | null = null;
/** The check under way, shared by whoever asks meanwhile. */
let checking: Promise<string | null> | null = null;

let spare: { ws: WebSocket; token: string } | null = null;
/** A spare that could not even open: no other until a click has gone through (the click reports why). */
let spareBroken = false;

function mark(state: 'open' | 'opening' | 'none'): void {
  // For tests and the bench: whether a spare is ready (`open`) on this page.
  document.documentElement.dataset.terminalSpare = state;
}

/** Checks that this page holds this start's token; returns a Spanish problem or null. */
export function sessionProblem(token: string | null = sessionToken()): Promise<string | null> {
  if (!token) return Promise.resolve(ui['term.noToken']);
  if (confirmed === token) return Promise.resolve(null);
  checking ??= (async () => {
    try {
      const res = await apiFetch(SESSION_PATH, {}, token);
      if (!res || res.status === 401) return ui['term.noToken'];
      if (!res.ok) return ui['term.noServer'];
      confirmed = token;
      return null;
    } catch {
      return ui['term.noServer'];
    } finally {
      checking = null;
    }
  })();
  return checking;
}

/** The server went away under an open socket: the next click checks the session again (it may have restarted). */
export function serverLost(): void {
  confirmed = null;
}

function socketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${TERMINAL_PATH}`;
}

/** A new terminal socket: the token travels as an offered subprotocol (the server echoes only the fixed one). */
export function openSocket(token: string): WebSocket {
  const ws = new WebSocket(socketUrl(), terminalProtocols(token));
  ws.binaryType = 'arraybuffer';
  return ws;
}

/** Opens the page's spare if there is none, the page is visible and the session is confirmed. */
export async function warm(): Promise<void> {
  if (spare || spareBroken || document.visibilityState !== 'visible') return;
  const token = sessionToken();
  if ((await sessionProblem(token)) || !token) return;
  if (spare || document.visibilityState !== 'visible') return; // another warm() won meanwhile
  const ws = openSocket(token);
  const mine = { ws, token };
  spare = mine;
  mark('opening');
  let opened = false;
  ws.addEventListener('open', () => {
    opened = true;
    if (spare === mine) mark('open');
  });
  ws.addEventListener('close', (ev) => {
    if (spare !== mine) return; // taken by a click: its terminal handles the close
    spare = null;
    mark('none');
    if (!opened) spareBroken = true;
    // Closed by the server for being idle (1000) or one too many (1013): it is still there.
    if (ev.code !== 1000 && ev.code !== 1013) serverLost();
  });
}

/** Closes the spare (page hidden or leaving); a later `warm` opens another. */
export function dropSpare(): void {
  const s = spare;
  spare = null;
  mark('none');
  if (s && s.ws.readyState <= WebSocket.OPEN) s.ws.close(1000);
}

/**
 * The socket for a start: the spare when it is open or opening with this token (it is then no longer the spare), or
 * null (the caller opens its own).
 */
export function takeSpare(token: string): WebSocket | null {
  const s = spare;
  if (!s || s.token !== token || s.ws.readyState > WebSocket.OPEN) return null;
  spare = null;
  mark('none');
  return s.ws;
}

/** A start went through: spares may be tried again. */
export function clickWorked(): void {
  spareBroken = false;
}

// No spare while nobody looks at the page, nor kept open across a navigation (it would also keep the page out of the
// back/forward cache).
document.addEventListener('visibilitychange', () => (document.visibilityState === 'hidden' ? dropSpare() : void warm()));
addEventListener('pagehide', dropSpare);
addEventListener('pageshow', (e) => {
  if (e.persisted) void warm();
});
