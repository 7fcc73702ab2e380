// The sentences the terminal shows, filled from the catalogues
// (lib/messages/es/terminal.mjs, errors.mjs). One place, so that wording stays consistent.
import type { MissingNeed } from '../runs/needs.ts';
import {
  EXEC_RUNS,
  MKDIR_DIRS,
  NETWORK_WORKLOADS,
  OPENS_PER_RUN,
  READLINE_LINES,
  READS_PER_RUN,
  UNLINK_FILES,
  WORKLOAD_FILE,
  type WorkloadKind,
  type WorkloadOutcome,
  type WorkloadResult,
} from '../processes/workloads.ts';
import { SANDBOX } from '../limits.ts';
import type { Sandbox } from '../processes/sandbox.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { terminal } from '../../lib/messages/es/terminal.mjs';
import { errors } from '../../lib/messages/es/errors.mjs';

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

const SIGNAL_WORDS: Record<string, string> = {
  SIGINT: terminal['exit.signal.SIGINT'],
  SIGTERM: terminal['exit.signal.SIGTERM'],
  SIGKILL: terminal['exit.signal.SIGKILL'],
  SIGHUP: terminal['exit.signal.SIGHUP'],
  SIGPIPE: terminal['exit.signal.SIGPIPE'],
  SIGSEGV: terminal['exit.signal.SIGSEGV'],
  SIGABRT: terminal['exit.signal.SIGABRT'],
  SIGBUS: terminal['exit.signal.SIGBUS'],
  SIGFPE: terminal['exit.signal.SIGFPE'],
};

/** Why a block failed when it reads something another block must provide first. */
export function needSentence(m: MissingNeed, lesson: string, label: string): string {
  const first =
    m.provider.lesson !== lesson
      ? fill(errors['need.firstElsewhere'], { label, lesson: m.provider.lesson })
      : fill(errors['need.first'], { label });
  const key = ({ map: 'need.map', prog: 'need.prog', pin: 'need.pin' } as const)[m.need.kind];
  return fill(errors[key], { name: m.need.name, first });
}

/** The exit sentence; `why` (a failed run's likely cause) follows a non-zero exit. */
export function exitSentence(code: number | null, signal: string | null, why?: string | null): string {
  const base = baseExitSentence(code, signal);
  return why && !signal && code !== 0 ? fill(terminal['exit.withWhy'], { exit: base, why }) : base;
}

function baseExitSentence(code: number | null, signal: string | null): string {
  if (signal) return fill(terminal['exit.signal'], { how: SIGNAL_WORDS[signal] ?? fill(terminal['exit.signal.other'], { signal }) });
  if (code === 0) return terminal['exit.ok'];
  if (code === 130) return terminal['exit.ctrlC'];
  return code === null ? terminal['exit.noCode'] : fill(terminal['exit.code'], { code });
}

const WORKLOAD_DONE: Record<string, (name: string) => string> = {
  exec: (name) => fill(terminal['workload.exec'], { name, runs: EXEC_RUNS }),
  open: (name) => fill(terminal['workload.open'], { name, file: WORKLOAD_FILE, opens: OPENS_PER_RUN }),
  read: (name) => fill(terminal['workload.read'], { name, reads: READS_PER_RUN }),
  unlink: (name) => fill(terminal['workload.unlink'], { name, count: UNLINK_FILES.length, files: UNLINK_FILES.join(', ') }),
  readline: (name) =>
    fill(terminal['workload.readline'], {
      name,
      count: READLINE_LINES.length,
      lines: READLINE_LINES.map((text) => fill(terminal['workload.quoted'], { text })).join(', '),
    }),
};

/** One outcome of a workload as a terminal line (✔ or ✘ first). */
function outcomeLine(o: WorkloadOutcome, name: string): string {
  const mark = o.ok ? '✔' : '✘';
  const [action, arg = ''] = o.action.split(':');
  const base = { mark, detail: o.detail, srv: SANDBOX.srvAddress, port: arg, dir: arg, file: arg, name };
  switch (action) {
    case 'ping':
      return fill(terminal['outcome.ping'], base);
    case 'tcp': {
      const key = `errno.${o.detail}` as keyof typeof terminal;
      const meaning = fill(terminal[key in terminal ? key : 'errno.other'], { seconds: seconds(SANDBOX.netTimeoutMs) });
      return fill(terminal[o.ok ? 'outcome.tcp.ok' : 'outcome.tcp.failed'], { ...base, meaning });
    }
    case 'udp':
      return fill(terminal['outcome.udp'], base);
    case 'mkdir':
      return fill(terminal[o.ok ? 'outcome.mkdir.ok' : 'outcome.mkdir.failed'], base);
    case 'unlink':
      return fill(terminal[o.ok ? 'outcome.unlink.removed' : 'outcome.unlink.present'], base);
    default:
      if (o.ok) return fill(terminal['outcome.exit.ok'], base);
      return fill(terminal[/^SIG/.test(o.detail) ? 'outcome.exit.signal' : 'outcome.exit.code'], base);
  }
}

/** What a workload did: its sentence, or for the sandbox's workloads a heading and one line per outcome. */
function workloadSentence(kind: WorkloadKind, w: WorkloadResult): string {
  const outcomes = w.outcomes ?? [];
  if (NETWORK_WORKLOADS.includes(kind)) {
    if (!outcomes.length) return terminal['workload.noNetwork'];
    const head = fill(terminal['workload.network'], { cli: SANDBOX.cliAddress, srv: SANDBOX.srvAddress });
    return [head, ...outcomes.map((o) => outcomeLine(o, w.name))].join('\n');
  }
  if (kind === 'mkdir') {
    const head = fill(terminal['workload.mkdir'], { name: w.name, dirs: MKDIR_DIRS.join(', ') });
    return [head, ...outcomes.map((o) => outcomeLine(o, w.name))].join('\n');
  }
  // An unlink that did not remove every file (a program stopped it): say what happened to each.
  if (kind === 'unlink' && outcomes.some((o) => !o.ok)) {
    const head = fill(terminal['workload.unlinkTried'], { name: w.name, files: UNLINK_FILES.join(', ') });
    return [head, ...outcomes.map((o) => outcomeLine(o, w.name))].join('\n');
  }
  return WORKLOAD_DONE[kind]?.(w.name) ?? terminal['workload.other'];
}

export const msg = {
  sandboxFailed: (detail: string) => fill(terminal['sandbox.failed'], { detail: detail || '?' }),
  /** Where the run's sandbox is, so that the free terminal can enter it. */
  sandboxReady: (sb: Sandbox, network: boolean) =>
    network
      ? fill(terminal['sandbox.network'], {
          cli: sb.cliNs,
          srv: sb.srvNs,
          cliAddress: SANDBOX.cliAddress,
          srvAddress: SANDBOX.srvAddress,
          srvInterface: SANDBOX.srvInterface,
        })
      : fill(terminal['sandbox.cgroup'], { cgroup: sb.cgroup?.path ?? '?' }),
  unknownExercise: (id: string) => fill(terminal['run.unknownExercise'], { id: id.slice(0, 64) }),
  workloadDone: workloadSentence,
  unknownBlock: (id: string) => fill(terminal['run.unknownBlock'], { id: id.slice(0, 64) }),
  runTimeout: (ms: number) => fill(terminal['run.timeout'], { seconds: seconds(ms) }),
  idle: (ms: number) => fill(terminal['run.idle'], { seconds: seconds(ms) }),
  tooMany: (max: number) => fill(terminal['run.tooMany'], { max }),
  spawnFailed: (file: string, err: unknown) =>
    fill(terminal['run.spawnFailed'], { file, error: err instanceof Error ? err.message : String(err) }),
};
