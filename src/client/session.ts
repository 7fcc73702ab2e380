// Does this browser hold the session cookie? The cookie itself is HttpOnly;
// the server sets a readable hint beside it (see server/auth.ts).
import { HINT_COOKIE } from '../../lib/protocol.ts';

export function hasSessionHint(): boolean {
  return document.cookie.split(';').some((c) => c.trim() === `${HINT_COOKIE}=1`);
}
