// One terminal: a WebSocket bridged to one process in its own session and cgroup. This is the
// dispatcher and the lifecycle (start, exit, stop, close, run and idle time
// limits); starting a run is in run-start.ts, a run's output transforms in
// run-output.ts, batching and flow control in output-pump.ts.
import { rmSync } from 'node:fs';
import type { WebSocket, RawData } from 'ws';
import type { ServerMessage } from '../../lib/protocol.ts';
import { parseClientMessage } from './parse.ts';
import type { ServerConfig } from '../config.ts';
import type { RunTable } from '../runs/table.ts';
import { shellRecipe, type RecipeContext } from '../runs/recipes.ts';
import type { CgroupPool } from '../processes/cgroup.ts';
import type { CommandSpec, SandboxProcess } from '../processes/pty-process.ts';
import { exitSentence, msg, needSentence } from './messages.ts';
import { wrapText } from '../text/wrap.ts';
import { blockLabel, missingNeed } from '../runs/needs.ts';
import type { CheckRun } from '../exercises/check-run.ts';
import { runWorkload, type WorkloadKind } from '../processes/workloads.ts';
import { OutputPump } from './output-pump.ts';
import type { RunOutput } from './run-output.ts';
import { prepareCheck, prepareRun, spawnRun } from './run-start.ts';
import { createSandbox, type Sandbox } from '../processes/sandbox.ts';
import { needsSandbox, usesNetwork } from '../runs/sandbox-needs.ts';

/** The blocks running now, in every terminal of this server (a block that needs another asks). */
const runningBlocks = new Map<TerminalSession, string>();

function runningIds(): Set<string> {
  return new Set(runningBlocks.values());
}

export interface SessionDeps {
  config: ServerConfig;
  runs: RunTable;
  recipeContext: RecipeContext;
  cgroups: CgroupPool;
  onClose: () => void;
  /** Called after every run ends (BPF clean-up of what a killed runner may leave). */
  afterRun?: () => void;
}

type Size = { cols: number; rows: number };

export class TerminalSession {
  private proc: SandboxProcess | null = null;
  /** A block run's transforms and notes (null for the free shell). */
  private output: RunOutput | null = null;
  private readonly pump: OutputPump;
  /** The terminal's width, from run/shell/check and resize messages. */
  private cols = 80;
  private blockId: string | null = null;
  private runTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Scratch folder of an edited run, removed when the run ends. */
  private scratch: string | null = null;
  private check: CheckRun | null = null;
  /** A loader run's attach watch (see loader-attach.ts). */
  private stopWatch: (() => void) | null = null;
  /** A loader run's clean-up of its pins (see run-start.ts). */
  private afterExit: (() => string | null) | null = null;
  /** The run's namespaces and cgroup, for blocks that need them (processes/sandbox.ts). */
  private sandbox: Sandbox | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: SessionDeps,
  ) {
    this.pump = new OutputPump(deps.config, {
      send: (frame) => {
        if (this.ws.readyState === this.ws.OPEN) this.ws.send(frame, { binary: true });
      },
      pause: () => this.proc?.pause(),
      resume: () => this.proc?.resume(),
    });
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('close', () => this.close());
    ws.on('error', () => this.close());
    this.touch();
  }

  private send(m: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(m));
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return; // input travels as JSON; binary frames from the page mean nothing
    const parsed = parseClientMessage(data.toString());
    if (!parsed) return; // malformed, unknown type, bad sizes: ignored, session kept
    this.touch();
    switch (parsed.type) {
      case 'run':
        return this.startRun(parsed.id, parsed, parsed.source, parsed.config);
      case 'check':
        return this.startCheck(parsed.exercise, parsed, parsed.source);
      case 'workload':
        return this.workload(parsed.kind);
      case 'shell':
        return this.startShell(parsed);
      case 'input':
        this.pump.inputSent();
        return this.proc?.write(parsed.data);
      case 'resize':
        this.cols = parsed.cols;
        return this.proc?.resize(parsed.cols, parsed.rows);
      case 'stop':
        return this.stop();
      case 'ack':
        return this.pump.ack(parsed.bytes);
    }
  }

  private startCheck(exercise: string, size: Size, source?: string): void {
    if (this.proc) return;
    const prepared = prepareCheck(
      exercise,
      () => this.stop(),
      (message) => this.notice(message),
    );
    if (!prepared.ok) return this.fail(prepared.message);
    this.check = prepared.check;
    this.startRun(prepared.blockId, size, source);
  }

  private workload(kind: WorkloadKind): void {
    if (!this.proc) return;
    runWorkload(kind, this.sandbox).then(
      (w) => this.notice(msg.workloadDone(kind, w)),
      () => undefined,
    );
  }

  /** `config`: values for the block's settable globals (a check uses its exercise's defaults). */
  private startRun(id: string, size: Size, source?: string, config?: Record<string, string>): void {
    if (this.proc) return;
    this.cols = size.cols;
    const block = this.deps.runs.get(id);
    if (block && needsSandbox(block)) {
      const made = createSandbox(this.deps.cgroups);
      if (!made.ok) return this.fail(msg.sandboxFailed(made.detail));
      this.sandbox = made.sandbox;
      if (this.check) this.check.sandbox = made.sandbox;
    }
    const run = prepareRun(
      id,
      source,
      config,
      this.deps.runs,
      this.deps.recipeContext,
      {
        send: (m) => this.send(m),
        cols: () => this.cols,
        emit: (data) => this.emit(data),
        check: this.check,
      },
      this.sandbox,
    );
    if (!run.ok) {
      this.destroySandbox();
      return this.fail(run.message);
    }
    this.scratch = run.scratch;
    this.output = run.output;
    this.blockId = id;
    const proc = this.spawn(run.command, size, id, run.display);
    if (!proc) return;
    this.stopWatch = run.watch?.(proc.pid) ?? null;
    this.afterExit = run.afterExit ?? null;
    runningBlocks.set(this, id);
    if (run.preamble) this.emit(Buffer.from(run.preamble));
    if (this.sandbox && block) this.notice(msg.sandboxReady(this.sandbox, usesNetwork(block.bpf?.code ?? block.code)));
    this.runTimer = setTimeout(() => {
      this.notice(msg.runTimeout(this.deps.config.runTimeoutMs));
      this.stop();
    }, this.deps.config.runTimeoutMs);
  }

  private startShell(size: Size): void {
    if (this.proc) return;
    this.cols = size.cols;
    this.spawn(shellRecipe(this.deps.recipeContext), size, 'shell', 'bash');
  }

  private spawn(cmd: CommandSpec, size: Size, id: string, display: string): SandboxProcess | null {
    const spawned = spawnRun(cmd, size, this.deps.cgroups);
    if (!spawned.ok) {
      this.fail(spawned.message);
      return null;
    }
    const proc = spawned.proc;
    this.proc = proc;
    this.send({ type: 'started', id, command: display });
    proc.onData((chunk) => {
      this.touch();
      if (this.output) this.output.push(chunk);
      else this.emit(chunk);
    });
    proc.onExit((code, signal) => this.exited(code, signal));
    return proc;
  }

  /** The process and everything it started are gone: the last output, exit, verdict, then the socket closes. */
  private exited(code: number | null, signal: string | null): void {
    runningBlocks.delete(this);
    if (this.output) this.emit(this.output.finish());
    this.pump.flush();
    const pins = this.afterExit?.();
    this.afterExit = null;
    if (pins) this.notice(pins);
    this.send({
      type: 'exit',
      code,
      signal,
      message: this.wrap(exitSentence(code, signal, code !== 0 && !signal ? this.missingNeed() : null)),
    });
    if (this.check) {
      const v = this.check.verdict();
      this.send({ type: 'verdict', exercise: this.check.exercise.id, ok: v.ok, message: v.message });
      this.check.dispose();
      this.check = null;
    }
    this.removeScratch();
    this.destroySandbox();
    this.proc = null;
    this.clearTimers();
    this.deps.afterRun?.();
    this.ws.close(1000, 'end');
  }

  /** Why a failed block may have failed: another block it needs is not running (see runs/needs.ts). */
  private missingNeed(): string | null {
    const block = this.blockId ? this.deps.runs.get(this.blockId) : undefined;
    if (!block) return null;
    const m = missingNeed(block, this.deps.runs, { running: runningIds() });
    return m ? needSentence(m, block.lesson, blockLabel(m.provider, m.need)) : null;
  }

  /** Spanish text for the terminal, broken at spaces for its width. */
  private wrap(text: string): string {
    return wrapText(text, this.cols);
  }

  private notice(message: string): void {
    this.send({ type: 'notice', message: this.wrap(message) });
  }

  /** Bytes for the page: seen by the exercise check, then batched. */
  private emit(data: Buffer): void {
    if (data.length === 0) return;
    this.check?.onText(data.toString('utf8'));
    this.pump.push(data);
  }

  private stop(): void {
    if (!this.proc) return;
    const { termAfterMs, killAfterMs } = this.deps.config;
    this.proc.stop({ termAfterMs, killAfterMs });
    // A learner who stops wants to see the end (bpftrace prints its maps): keep reading.
    this.pump.unpause();
  }

  /** Activity: the idle limit starts again (the same timer, restarted: this runs for every chunk of output). */
  private touch(): void {
    if (this.closed) return;
    if (this.idleTimer) {
      this.idleTimer.refresh();
      return;
    }
    this.idleTimer = setTimeout(() => {
      this.notice(msg.idle(this.deps.config.idleTimeoutMs));
      this.close();
    }, this.deps.config.idleTimeoutMs);
  }

  private clearTimers(): void {
    this.stopWatch?.();
    this.stopWatch = null;
    for (const t of [this.runTimer, this.idleTimer]) if (t) clearTimeout(t);
    this.runTimer = this.idleTimer = null;
    this.pump.clearTimer();
    this.output?.clearTimer();
  }

  private fail(message: string): void {
    this.send({ type: 'error', message: this.wrap(message) });
    this.ws.close(1000, 'error');
  }

  /** The run's namespaces, cgroup and the processes in it: gone. */
  private destroySandbox(): void {
    this.sandbox?.destroy();
    this.sandbox = null;
  }

  private removeScratch(): void {
    if (this.scratch) rmSync(this.scratch, { recursive: true, force: true });
    this.scratch = null;
  }

  /** The socket is gone (tab closed, network, idle): kill everything the session started. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    runningBlocks.delete(this);
    this.clearTimers();
    this.check?.dispose();
    if (this.proc) {
      // The exit handler (see exited) removes the scratch folder once the process is gone.
      this.proc.killAll();
      this.deps.afterRun?.();
    } else {
      this.removeScratch();
    }
    this.destroySandbox();
    this.proc = null;
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(1000, 'end');
    this.deps.onClose();
  }
}
