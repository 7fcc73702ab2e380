// The per-start session token, as the page holds it. It is never a cookie:
// browsers do not isolate cookies by port, so a cookie of 127.0.0.1:4321 would
// also be sent to whatever another local user serves on 127.0.0.1:<other port>.
// The page sends it explicitly instead: `Authorization: Bearer …` on every API
// request, and the WebSocket subprotocol `token.<token>` (beside `taller.v1`,
// the only one the server echoes) on every terminal.
//
// Kept in localStorage rather than sessionStorage. Both are per origin, and the
// origin includes the port, so no other local port can read either. localStorage
// is shared by every tab of this origin, as the cookie was: a lesson opened in a
// new tab (middle click, a bookmark) while the server runs still has it, where
// sessionStorage would leave that tab without it. Keeping it after the browser
// closes costs nothing: the token changes at every start, an old one is refused
// (401) and then forgotten here, and the page tells the learner to open the URL
// that `npm start` printed.
import { TERMINAL_PROTOCOL, TOKEN_KEY, TOKEN_PARAM, TOKEN_PROTOCOL_PREFIX } from '../../lib/protocol.ts';

/** What the server prints (256 random bits, base64url); also a valid WebSocket subprotocol token. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,256}$/;

function read(): string | null {
  try {
    const v = localStorage.getItem(TOKEN_KEY);
    return v && TOKEN_SHAPE.test(v) ? v : null;
  } catch {
    return null; // storage disabled: the page works as without a token
  }
}

/**
 * The start URL (`/?token=…`): keeps the token and drops it from the address bar (and so from
 * bookmarks and the history entry). Runs first on every page (boot.ts).
 */
export function adoptTokenFromUrl(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has(TOKEN_PARAM)) return;
  const token = url.searchParams.get(TOKEN_PARAM) ?? '';
  url.searchParams.delete(TOKEN_PARAM);
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  if (!TOKEN_SHAPE.test(token)) return;
  try {
    localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // storage disabled: nothing to keep it in
  }
}

/** The stored token, or null when this browser has none (opened without the start URL). */
export function sessionToken(): string | null {
  return read();
}

/** Forgets `token` once the server refused it (an earlier start's), unless another tab stored a newer one meanwhile. */
export function forgetToken(token: string): void {
  try {
    if (localStorage.getItem(TOKEN_KEY) === token) localStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing stored
  }
}

/**
 * fetch() to one of our API routes with the token (the stored one unless given); null when there
 * is none. No cookie is sent (there is none to send). A 401 means the token is not this start's:
 * it is forgotten.
 */
export async function apiFetch(path: string, init: RequestInit = {}, token = read()): Promise<Response | null> {
  if (!token) return null;
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  const res = await fetch(path, { ...init, headers, credentials: 'omit', cache: 'no-store' });
  if (res.status === 401) forgetToken(token);
  return res;
}

/** The subprotocols a terminal WebSocket offers: the fixed one (echoed) and the token (never echoed). */
export function terminalProtocols(token: string): string[] {
  return [TERMINAL_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
}
