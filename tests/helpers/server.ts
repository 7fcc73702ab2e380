// Starts the real server (server/main.ts) on a free port for a test file.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

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

export async function startServer(env: Record<string, string> = {}, args: string[] = []): Promise<RunningServer> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      out += d;
      const m = /^(http:\/\/\S+\?token=\S+)$/m.exec(out);
      if (m) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`server exited (${code}) before printing its URL:\n${out}`)));
  });
  const u = new URL(url);
  return {
    proc,
    port: Number(u.port),
    origin: u.origin,
    token: u.searchParams.get('token')!,
    url,
    output: () => out,
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      await once(proc, 'exit');
    },
  };
}
