// What the server and the page (src/client/) share: the terminal protocol, the
// HTTP bodies, how the token travels, workload kinds and storage keys. Types, constants
// and one pure helper, with no import at run time, so that the page can load it.
// The client → server messages are defined once, as zod schemas, in
// protocol-schema.ts (server side); their type is re-exported here.
//
// One WebSocket per terminal, at TERMINAL_PATH. Client → server messages are
// JSON text frames; process output travels server → client as binary frames
// (raw pty bytes); control messages server → client are JSON text frames.

import type { ClientMessage, DiagnosticsRequest } from './protocol-schema.ts';

export type { ClientMessage, DiagnosticsRequest };

export const TERMINAL_PATH = '/api/terminal';
/** GET: {@link SessionBody}. */
export const SESSION_PATH = '/api/session';
/** GET: {@link ReadinessBody} — can this machine run each block? */
export const READINESS_PATH = '/api/readiness';
/** GET: {@link RequirementsBody} — the requirements checks, run now. */
export const REQUIREMENTS_PATH = '/api/requirements';

/** POST {@link DiagnosticsRequest} → {@link DiagnosticsBody}: checks code while the learner types. */
export const DIAGNOSTICS_PATH = '/api/diagnostics';

/** The start URL's query parameter that carries the per-start token (`/?token=…`). */
export const TOKEN_PARAM = 'token';
/** localStorage: the per-start token, taken from the start URL by the page (src/client/session.ts).
 * It is never a cookie: browsers send cookies to every port of a host, so a page served by another local
 * user on another port of 127.0.0.1 would receive it. API requests carry it as `Authorization: Bearer …`. */
export const TOKEN_KEY = 'taller:token';
/** The terminal WebSocket's subprotocol: the only one the server ever echoes back. */
export const TERMINAL_PROTOCOL = 'taller.v1';
/** The upgrade carries the token as one more offered subprotocol, `token.<token>`, beside
 * {@link TERMINAL_PROTOCOL} (a browser cannot set headers on a WebSocket); it is never echoed back. */
export const TOKEN_PROTOCOL_PREFIX = 'token.';

/** localStorage: the learner's edit of a block, by block id. */
export const EDIT_KEY_PREFIX = 'taller:codigo:';
/** localStorage: the learner's progress (lessons visited, exercises solved). */
export const PROGRESS_KEY = 'taller:progreso';

/** The workload buttons: known events the server can make happen. */
export const WORKLOAD_KINDS = ['exec', 'open', 'read', 'unlink', 'readline', 'ping', 'tcp', 'udp', 'red', 'mkdir'] as const;
/** The workloads that need a run's sandbox network (server/processes/sandbox.ts). */
export const NETWORK_WORKLOADS: readonly WorkloadKind[] = ['ping', 'tcp', 'udp', 'red'];
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface SessionBody {
  ok: true;
  root: boolean;
}

/** What is missing, in the words the page shows: the kernel, a tool, privileges, or system set-up. */
export type Missing = 'kernel' | 'tools' | 'privileges' | 'system';

export interface Readiness {
  ready: boolean;
  /** Spanish sentences, when not ready, each starting with what is missing (MISSING_PREFIX in server/requirements/readiness.ts). */
  reasons: string[];
  missing: Missing[];
  /** Workload buttons that make this block's events happen. */
  workloads: WorkloadKind[];
}

export interface ReadinessBody {
  blocks: Record<string, Readiness>;
  /** The installed bpftrace's version (`0.17.0`), or null when there is none or it did not say: the page shows each
   * snippet's form for it (fence metas `variant=`, `bpftrace-min=`; CONTRIBUTING.md). */
  bpftrace: string | null;
}

/** Is bpftrace `version` (`0.17.0`, `v0.23.2`) at least `min` (`0.19`)? Compared as numbers, part by part. */
export function versionAtLeast(version: string, min: string): boolean {
  const nums = (v: string) => (/\d+(?:\.\d+)*/.exec(v)?.[0] ?? '0').split('.').map(Number);
  const [have, need] = [nums(version), nums(min)];
  for (let i = 0; i < Math.max(have.length, need.length); i++) {
    const d = (have[i] ?? 0) - (need[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return true;
}

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** One requirements check. */
export interface Check {
  id: string;
  status: CheckStatus;
  title: string;
  detail: string;
  /** What to do about it (empty when ok). */
  fix: string;
}

export interface RequirementsBody {
  checks: Check[];
  summary: string;
  ok: boolean;
}

export interface DiagnosticsBody {
  diagnostics: Diagnostic[];
}

export interface Diagnostic {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

/** Largest input chunk the page sends in one message (pastes are split). */
export const INPUT_CHUNK = 16 * 1024;

export type ServerMessage =
  /** A process is running; `command` is what the learner would type. */
  | { type: 'started'; id: string; command: string }
  /** The process ended; `message` is the Spanish sentence to show. */
  | { type: 'exit'; code: number | null; signal: string | null; message: string }
  /** Something the learner should know (time limit, idle…). */
  | { type: 'notice'; message: string }
  /** The request could not be served; the socket closes after it. */
  | { type: 'error'; message: string }
  /** C runs: a loaded program's instructions after verification, with source lines (Ver bytecode). */
  | { type: 'bytecode'; program: string; id: number; text: string }
  /** The result of Comprobar. */
  | { type: 'verdict'; exercise: string; ok: boolean; message: string }
  /** C runs: a program is attached to its hook (`section`). */
  | { type: 'attached'; program: string; section: string }
  /** C runs: the maps' contents, formatted from BTF; sent when they change and at exit (`final`). */
  | { type: 'maps'; final: boolean; maps: BpfMapDump[] }
  /** C runs: records read from a ring buffer or perf buffer map, one row per record, each field decoded from BTF
   * (a record without a known type: `{size, bytes}`). `dropped` (not forwarded: over the workshop's rate limit)
   * and `lost` (the kernel could not write them: perf buffer full) are totals since the start. */
  | { type: 'events'; map: string; kind: 'ringbuf' | 'perfbuf'; struct: string | null; rows: EventRow[]; dropped: number; lost: number }
  /** C runs: the verifier rejected a program; what it said and what it means. */
  | {
      type: 'verifier';
      program: string;
      decisive: string;
      source: { code: string; file: string; line: number } | null;
      cause: string | null;
      /** The cause in a few Spanish words: the panel's heading. */
      summary: string;
      explanation: string;
      log: string;
      truncated: boolean;
    };

/** One record of a ring buffer or perf buffer: field name → value (numbers, strings, nested objects). */
export type EventRow = Record<string, unknown>;

export interface BpfMapDump {
  name: string;
  /** Kernel map type, e.g. `hash`, `percpu_array`. */
  type: string;
  /** Keys and values as JSON: numbers as numbers, char arrays as strings, structs as objects. */
  entries: Array<{ key: unknown; value: unknown }>;
  truncated: boolean;
}

// How map keys and values read to a C programmer: strings quoted, numbers bare,
// one-field structs unwrapped. Shared by the terminal text (server) and the tables (page).
export function showValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 1) return showValue(entries[0][1]);
    return `{ ${entries.map(([k, x]) => `${k}: ${showValue(x)}`).join(', ')} }`;
  }
  return Array.isArray(v) ? `[${v.map(showValue).join(', ')}]` : String(v);
}
