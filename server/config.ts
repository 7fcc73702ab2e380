import { fill } from '../lib/messages/fill.mjs';
import { setup as t } from '../lib/messages/es/setup.mjs';
import { OUTPUT } from './limits.ts';

// Every server option, with its default, in one place (like ws documents its
// options). Values come from the environment and command-line flags.

export interface ServerConfig {
  /** Address to bind. Loopback unless `--host` says otherwise (with a loud warning). */
  host: string;
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  /** Folder with the built site. */
  distDir: string;
  /** Folder with the lesson sources (the server rebuilds the run table from them). */
  contentDir: string;
  /** Most terminals open at once. */
  maxTerminals: number;
  /** A run nobody stops is interrupted after this many ms. */
  runTimeoutMs: number;
  /** A terminal with no input and no output for this long is closed. */
  idleTimeoutMs: number;
  /** A page's spare terminal socket that has started nothing is closed after this long (the page opens another when needed). */
  spareTimeoutMs: number;
  /** Largest WebSocket message accepted, in bytes. */
  maxMessageBytes: number;
  /** Flow control: pause the pty above this many unacknowledged bytes… */
  highWaterBytes: number;
  /** …and resume it below this many. */
  lowWaterBytes: number;
  /** Output is batched for this many ms before it is sent. */
  batchMs: number;
  /** Grace periods of Detener: SIGINT, then SIGTERM after `termAfterMs`, SIGKILL after `killAfterMs`. */
  termAfterMs: number;
  killAfterMs: number;
  /** Compile the lessons' C blocks ahead of the first click once started (processes/warm-cache.ts); `TALLER_WARM_CACHE=0` turns it off. */
  warmCache: boolean;
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(fill(t['config.notInteger'], { name, value }));
  return n;
}

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

export function loadConfig(argv = process.argv.slice(2), env = process.env, root = process.cwd()): ServerConfig {
  return {
    host: flag(argv, '--host') ?? '127.0.0.1',
    port: intFrom(flag(argv, '--port') ?? env.PORT, 4321, 'PORT'),
    distDir: env.TALLER_DIST_DIR ?? `${root}/dist`,
    contentDir: env.TALLER_CONTENT_DIR ?? `${root}/content`,
    maxTerminals: intFrom(env.TALLER_MAX_TERMINALS, 8, 'TALLER_MAX_TERMINALS'),
    runTimeoutMs: intFrom(env.TALLER_RUN_TIMEOUT_MS, 60_000, 'TALLER_RUN_TIMEOUT_MS'),
    idleTimeoutMs: intFrom(env.TALLER_IDLE_TIMEOUT_MS, 30 * 60_000, 'TALLER_IDLE_TIMEOUT_MS'),
    spareTimeoutMs: intFrom(env.TALLER_SPARE_TIMEOUT_MS, 5 * 60_000, 'TALLER_SPARE_TIMEOUT_MS'),
    maxMessageBytes: intFrom(env.TALLER_MAX_MESSAGE_BYTES, 1 << 20, 'TALLER_MAX_MESSAGE_BYTES'),
    highWaterBytes: OUTPUT.highWaterBytes,
    lowWaterBytes: OUTPUT.lowWaterBytes,
    batchMs: 5,
    termAfterMs: 2_000,
    killAfterMs: 4_000,
    warmCache: env.TALLER_WARM_CACHE !== '0',
  };
}

export const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
