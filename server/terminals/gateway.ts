// WebSocket upgrades for terminals: the gate (Host, Origin, the token offered as
// a subprotocol) runs in the HTTP upgrade handler, before any process exists.
// The handshake answers only `taller.v1`, never the token.
//
// A page opens its socket ahead of the click (a "spare", see src/client/spare.ts),
// so an upgraded socket is not yet a terminal: it is a spare until its first start
// message (run, check, shell). The session limit (`maxTerminals`) applies there,
// when a process would start; a spare holds no process and does not count. Spares
// have their own bounds: at most MAX_SPARE_SOCKETS (past it the oldest is closed),
// and each is closed after `spareTimeoutMs` without a start.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { checkUpgrade, chooseProtocol, type Gate } from '../auth.ts';
import { TERMINAL_PATH, type ServerMessage } from '../../lib/protocol.ts';
import { TerminalSession, type SessionDeps } from './session.ts';
import { msg } from './messages.ts';
import { terminal } from '../../lib/messages/es/terminal.mjs';
import { parseClientMessage } from './parse.ts';
import { MAX_SPARE_SOCKETS } from '../limits.ts';

/** The client messages that start a process: the first one turns a spare into a terminal session. */
const STARTS = new Set(['run', 'check', 'shell']);

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
  /** Upgraded sockets that have started nothing yet, oldest first (a Set keeps insertion order). */
  const spares = new Set<WebSocket>();

  /** Holds `ws` as a spare until its first start message, then admits it as a session (or refuses it). */
  function holdSpare(ws: WebSocket): void {
    if (spares.size >= MAX_SPARE_SOCKETS) {
      const oldest = spares.values().next().value as WebSocket;
      spares.delete(oldest);
      oldest.close(1013, 'spare limit');
    }
    spares.add(ws);
    const timer = setTimeout(() => ws.close(1000, 'idle'), deps.config.spareTimeoutMs);
    const release = () => {
      clearTimeout(timer);
      spares.delete(ws);
      ws.off('message', onMessage);
      ws.off('close', release);
      ws.off('error', release);
    };
    const onMessage = (data: RawData, isBinary: boolean) => {
      // Acks, resizes or input before a start mean nothing (as in a session with no process).
      if (isBinary || !STARTS.has(parseClientMessage(data.toString())?.type ?? '')) return;
      release();
      if (sessions.size >= deps.config.maxTerminals) {
        const m: ServerMessage = { type: 'error', message: msg.tooMany(deps.config.maxTerminals) };
        ws.send(JSON.stringify(m));
        ws.close(1013, 'limit');
        return;
      }
      const session: TerminalSession = new TerminalSession(ws, { ...deps, onClose: () => sessions.delete(session) });
      sessions.add(session);
      // The session listens from now on: hand it the start message that admitted it.
      ws.emit('message', data, isBinary);
    };
    ws.on('message', onMessage);
    ws.on('close', release);
    ws.on('error', release);
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== TERMINAL_PATH) return refuse(socket, 404, terminal['http.notFound']);
    const verdict = checkUpgrade(getGate(), req);
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.reason);
    wss.handleUpgrade(req, socket, head, holdSpare);
  }

  return {
    onUpgrade,
    /** Terminal sessions (sockets that started a process); spares are not counted. */
    get count() {
      return sessions.size;
    },
    closeAll(): void {
      for (const s of sessions) s.close();
      for (const ws of spares) ws.close(1001, 'shutdown');
    },
  };
}
