// Starts the real server on a free port for a test file: the compiled server `npm start` runs
// (setup/build-server.mjs), compiled again first when a source changed since its last build.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { TERMINAL_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../lib/protocol.ts';
import { checkoutOwner, ensureServerBuild } from '../../setup/steps.mjs';

/**
 * The compiled server's entry for the current sources, built (as the checkout's owner, like the setup
 * does) when missing: an edit to server/, lib/ or content/ is always what the next test runs.
 */
export function compiledServer(): string {
  return ensureServerBuild(checkoutOwner(), { quiet: true });
}

export interface RunningServer {
  proc: ChildProcess;
  port: number;
  origin: string;
  token: string;
  /** The start-up URL, with the token. */
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Reads a starting server's output until its start URL line; `output()` keeps collecting afterwards. */
export async function waitForStartUrl(proc: ChildProcess, timeoutMs = 120_000): Promise<{ url: string; output: () => string }> {
  let out = '';
  proc.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start URL in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /^(http:\/\/\S+\?token=\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before printing its URL:\n${out}`));
    });
  });
  return { url, output: () => out };
}

/** A RunningServer for a process that printed `url`; `stop` sends SIGTERM unless given. */
export function runningServer(proc: ChildProcess, url: string, output: () => string, stop?: () => Promise<void>): RunningServer {
  const u = new URL(url);
  return {
    proc,
    port: Number(u.port),
    origin: u.origin,
    token: u.searchParams.get('token')!,
    url,
    output,
    stop:
      stop ??
      (async () => {
        if (proc.exitCode !== null || proc.signalCode !== null) return;
        proc.kill('SIGTERM');
        await once(proc, 'exit');
      }),
  };
}

export async function startServer(env: Record<string, string> = {}, args: string[] = []): Promise<RunningServer> {
  const proc = spawn(process.execPath, [compiledServer(), '--port', '0', ...args], {
    // The compile cache's warm-up is off unless a test asks for it: a test that compiles on its first run
    // must not race a compile started in the background.
    env: { TALLER_WARM_CACHE: '0', ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { url, output } = await waitForStartUrl(proc);
  return runningServer(proc, url, output);
}

/** The header an API request carries the token in, as the page sends it. */
export function authHeader(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** The subprotocols a terminal upgrade offers, as the page offers them: the fixed one and the token. */
export function terminalProtocols(token: string): string[] {
  return [TERMINAL_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
}
