// Every fixed limit and timeout of the server that is not a user setting (those
// are in config.ts), named once, like the Rust playground's limits.rs.

/**
 * The compile cache's warm-up (processes/warm-cache.ts): it starts this long after the URL is printed (the
 * learner's first page load goes first) and gives one compile at most this long.
 */
export const WARM_CACHE = { startAfterMs: 1_500, compileTimeoutMs: 60_000 } as const;

/** Short programs (tool versions, diagnostics, bytecode dumps, workloads). */
export const SHORT_RUN = {
  /**
   * `--version` of a tool. bpftrace loads LLVM first: 0.15 s here, over 1.5 s in a qemu TCG guest while the other
   * probes run, and readiness needs its version (snippet forms). Only a hung tool ever waits this long.
   */
  versionMs: 10_000,
  /** clang -fsyntax-only / bpftrace --emit-elf while the learner types. */
  diagnoseMs: 5_000,
  /** bpftool prog dump xlated. */
  bytecodeMs: 3_000,
  /** One run of a workload program. */
  workloadMs: 5_000,
  /** The readline workload: an interactive bash typing a few lines (slower under qemu's TCG). */
  interactiveMs: 20_000,
  /** Output kept from a short program, in bytes. */
  maxOutputBytes: 1 << 20,
} as const;

/**
 * Terminal sockets open but not started yet (each page keeps one spare, so that Ejecutar starts at once). They hold
 * no process and do not count against `maxTerminals`; past this many, the oldest is closed (its page opens another).
 */
export const MAX_SPARE_SOCKETS = 64;

/** Live diagnostics: at most this many at once, and this many waiting. */
export const DIAGNOSE = { running: 2, queued: 8 } as const;

/** Code the learner edits, in bytes. */
export const MAX_SOURCE_BYTES = { c: 64 * 1024, bpftrace: 16 * 1024 } as const;

/** Shutting down (Ctrl-C): when to clean the kernel, and when to give up waiting for connections. */
export const SHUTDOWN = {
  /** Killed runners release their tracefs instances within this time; then instances and pins are removed. */
  cleanAfterMs: 300,
  /** After the server closes, before exiting (the clean-up above has run). */
  exitAfterCloseMs: 350,
  /** Exit even if connections are still closing. */
  forceExitMs: 3_000,
} as const;

/**
 * Terminal output (terminals/output-pump.ts). Flow control: the pty is paused above `highWaterBytes` sent and not yet
 * acknowledged by the page (xterm has parsed them), and resumed below `lowWaterBytes`. The low mark keeps xterm busy
 * while the resume travels back (ack → server → pty read → frame: a few ms; xterm parses ~40–50 MB/s, so 256 KiB is
 * ~5 ms of work); the gap between the marks makes each pause/resume cycle carry 768 KiB instead of 90 kB. The high
 * mark bounds what a terminal holds for a client that stops acknowledging: 1 MiB per terminal, 8 MiB for the 8
 * terminals of the session limit; and after Ctrl-C the page parses at most that much before the prompt (~25 ms).
 * A batch of `fullBatchBytes` goes out at once (larger frames: fewer sends, write callbacks and acks).
 * A partial line held for error summaries waits at most `partialLineMs`.
 */
export const OUTPUT = {
  highWaterBytes: 1 << 20,
  lowWaterBytes: 256 << 10,
  fullBatchBytes: 32 << 10,
  partialLineMs: 30,
  maxSummariesPerRun: 10,
} as const;

/** Runner lines: an event (a verifier log, escaped, or the maps) up to this size; other text lines while waiting for their newline. */
export const RUNNER_LINE = { maxEventBytes: 8 * 1024 * 1024, maxTextBytes: 64 * 1024 } as const;

/** Ring buffer and perf buffer records: at most this many rows a second per map reach the terminal and the page
 * (the runner's --max-events; the rest are counted as dropped); Comprobar keeps at most `observed` rows. */
export const EVENTS = { maxPerSecond: 100, observed: 1_000 } as const;

/** Comprobar: how long to keep watching after the workload, and the pause between workload rounds. */
export const CHECK = { graceMs: 1_500, roundGapMs: 300 } as const;

/** Detener: bpftrace 0.17 ignores a SIGINT right after "Attaching"; the second one goes after at most this long. */
export const SECOND_SIGINT_MS = 500;

/** A loader run: how often its open files are read until it holds a BPF link (terminals/loader-attach.ts). */
export const LOADER = { attachPollMs: 100 } as const;

/**
 * The sandbox network of a networking run (processes/sandbox.ts): its fixed facts. Every run has its
 * own pair of namespaces, so every run uses the same addresses (TEST-NET-1, RFC 5737: never routed).
 */
export const SANDBOX = {
  cliInterface: 'cli0',
  srvInterface: 'srv0',
  cliAddress: '192.0.2.1',
  srvAddress: '192.0.2.2',
  prefixLength: 24,
  /** The TCP ports the server side listens on (it answers `hola` and closes). */
  tcpPorts: [8080, 9090],
  /** The UDP port the server side counts datagrams on. */
  udpPort: 5000,
  udpDatagrams: 10,
  udpBytes: 64,
  pings: 3,
  /** A connect, or the wait for the last datagram, gives up after this. */
  netTimeoutMs: 1_000,
  /** Building or removing the namespaces (a handful of `ip` commands). */
  setupTimeoutMs: 5_000,
  /** A traffic program (node starts in ~50 ms here, seconds under qemu's TCG) or the listeners' start. */
  workloadMs: 20_000,
} as const;
