// The terminal protocol, shared by the server and the page (src/client/).
// Types and constants only (no runtime dependencies), so that the page can
// import it; the server validates with the zod schema in terminals/parse.ts.
//
// One WebSocket per terminal, at TERMINAL_PATH. Client → server messages are
// JSON text frames; process output travels server → client as binary frames
// (raw pty bytes); control messages server → client are JSON text frames.

export const TERMINAL_PATH = '/api/terminal';
export const SESSION_PATH = '/api/session';
/** GET: `{blocks: {[id]: {ready, reasons}}}` — can this machine run each block? */
export const READINESS_PATH = '/api/readiness';
/** GET: `{checks: [{id, status, title, detail, fix}], summary, ok}` — the requirements checks, run now. */
export const REQUIREMENTS_PATH = '/api/requirements';

/** POST `{kind: 'c'|'bpftrace', source, fileName?}` → `{diagnostics: Diagnostic[]}`: checks code while the learner types. */
export const DIAGNOSTICS_PATH = '/api/diagnostics';

export interface Diagnostic {
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

/** Largest input chunk the page sends in one message (pastes are split). */
export const INPUT_CHUNK = 16 * 1024;

export type ClientMessage =
  /**
   * Run a lesson block, by id. The server looks the command up; it never takes one from the page.
   * `source`: the learner's edited code, accepted only for C and bpftrace blocks.
   */
  | { type: 'run'; id: string; cols: number; rows: number; source?: string }
  /** Comprobar: run an exercise (edited code or its starting code) and judge it on the kernel. */
  | { type: 'check'; exercise: string; cols: number; rows: number; source?: string }
  /** A workload button: generate known events (the server runs a fixed program). */
  | { type: 'workload'; kind: 'exec' | 'open' | 'read' }
  /** Open the free interactive shell. */
  | { type: 'shell'; cols: number; rows: number }
  /** Keystrokes or a paste chunk (≤ INPUT_CHUNK). */
  | { type: 'input'; data: string }
  | { type: 'resize'; cols: number; rows: number }
  /** Detener: SIGINT to the process group, SIGTERM after 2 s, SIGKILL after 4 s. */
  | { type: 'stop' }
  /** Flow control: the page has rendered this many more output bytes (sent from xterm's write callback). */
  | { type: 'ack'; bytes: number };

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

export interface BpfMapDump {
  name: string;
  /** Kernel map type, e.g. `hash`, `percpu_array`. */
  type: string;
  /** Keys and values as JSON: numbers as numbers, char arrays as strings, structs as objects. */
  entries: Array<{ key: unknown; value: unknown }>;
  truncated: boolean;
}
