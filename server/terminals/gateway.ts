// WebSocket upgrades for terminals: the gate (Host, Origin, the token offered as
// a subprotocol) runs in the HTTP upgrade handler, before any process exists;
// then the session limit. The handshake answers only `taller.v1`, never the token.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { checkUpgrade, chooseProtocol, type Gate } from '../auth.ts';
import { TERMINAL_PATH, type ServerMessage } from '../../lib/protocol.ts';
import { TerminalSession, type SessionDeps } from './session.ts';
import { msg } from './messages.ts';
import { terminal } from '../../lib/messages/es/terminal.mjs';

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = Buffer.from(reason, 'utf8');
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Forbidden'}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${body.length}\r\n\r\n${reason}`,
  );
}

export function createTerminalGateway(getGate: () => Gate, deps: Omit<SessionDeps, 'onClose'>) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: deps.config.maxMessageBytes,
    // Invalid UTF-8 must not kill a session: it simply fails to parse and is ignored.
    skipUTF8Validation: true,
    perMessageDeflate: false,
    // The offer also holds `token.<token>`: echo only the fixed protocol, so the token never comes back.
    handleProtocols: (offered) => chooseProtocol(offered),
  });
  const sessions = new Set<TerminalSession>();

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== TERMINAL_PATH) return refuse(socket, 404, terminal['http.notFound']);
    const verdict = checkUpgrade(getGate(), req);
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.reason);
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (sessions.size >= deps.config.maxTerminals) {
        const m: ServerMessage = { type: 'error', message: msg.tooMany(deps.config.maxTerminals) };
        ws.send(JSON.stringify(m));
        ws.close(1013, 'limit');
        return;
      }
      const session: TerminalSession = new TerminalSession(ws, { ...deps, onClose: () => sessions.delete(session) });
      sessions.add(session);
    });
  }

  return {
    onUpgrade,
    get count() {
      return sessions.size;
    },
    closeAll(): void {
      for (const s of sessions) s.close();
    },
  };
}
