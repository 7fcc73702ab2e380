// One terminal: a WebSocket bridged to one sandboxed process, with output
// batching, flow control (pause above the high-water mark of unacknowledged
// bytes, resume below the low-water mark), a run time limit and an idle limit.
import type { WebSocket, RawData } from 'ws';
import type { ServerMessage } from '../protocol.ts';
import { parseClientMessage } from './parse.ts';
import type { ServerConfig } from '../config.ts';
import type { RunTable } from '../runs/table.ts';
import { recipeFor, shellRecipe, type RecipeContext } from '../runs/recipes.ts';
import type { CgroupPool } from '../sandbox/cgroup.ts';
import { spawnInPty, type SandboxProcess } from '../sandbox/pty-process.ts';
import { NoiseFilter } from '../sandbox/noise-filter.ts';
import { RunnerStream } from '../bpf/runner-stream.ts';
import { exitSentence, msg, needSentence } from './messages.ts';
import { wrapText } from './wrap.ts';
import { OutputNotes } from '../runs/error-summary.ts';
import { blockLabel, missingNeed } from '../runs/needs.ts';
import { rmSync } from 'node:fs';
import { validateLearnerSource } from '../runs/learner-source.ts';
import { EXERCISES, exerciseBlockId } from '../exercises/catalog.ts';
import { CheckRun } from '../exercises/check-run.ts';
import { runWorkload, type WorkloadKind } from '../sandbox/workloads.ts';
import { dumpXlated } from '../sandbox/bytecode.ts';

/** Rewrites a run's output on its way to the page (hides noise, renders runner events). */
interface OutputTransform {
  push(chunk: Buffer): Buffer;
  flush(): Buffer;
}

/** A batch this large is sent without waiting for the batching timer. */
const FULL_BATCH = 32 * 1024;

/** A partial line held for the error summaries goes out after this long without its end (a prompt). */
const PARTIAL_LINE_MS = 30;

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

export class TerminalSession {
  private proc: SandboxProcess | null = null;
  private transform: OutputTransform | null = null;
  /** Spanish error summaries and notes (block runs only, not the free shell). */
  private notes: OutputNotes | null = null;
  private releaseTimer: NodeJS.Timeout | null = null;
  /** The terminal's width, from run/shell/check and resize messages. */
  private cols = 80;
  private blockId: string | null = null;
  private batch: Buffer[] = [];
  private batchBytes = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private inputPending = false;
  private unacked = 0;
  private paused = false;
  private runTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Scratch folder of an edited run, removed when the run ends. */
  private scratch: string | null = null;
  private check: CheckRun | null = null;

  constructor(
    private readonly ws: WebSocket,
    private readonly deps: SessionDeps,
  ) {
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
        return this.startRun(parsed.id, parsed, parsed.source);
      case 'check':
        return this.startCheck(parsed.exercise, parsed, parsed.source);
      case 'workload':
        return this.workload(parsed.kind);
      case 'shell':
        return this.startShell(parsed);
      case 'input':
        this.inputPending = true;
        return this.proc?.write(parsed.data);
      case 'resize':
        this.cols = parsed.cols;
        return this.proc?.resize(parsed.cols, parsed.rows);
      case 'stop':
        return this.stop();
      case 'ack':
        return this.ack(parsed.bytes);
    }
  }

  private startCheck(exercise: string, size: { cols: number; rows: number }, source?: string): void {
    if (this.proc) return;
    const ex = EXERCISES.get(exercise);
    if (!ex) return this.fail(msg.unknownExercise(exercise));
    this.check = new CheckRun(ex, () => this.stop(), (message) => this.notice(message));
    this.startRun(exerciseBlockId(ex.id), size, source);
  }

  private async sendBytecode(program: string, id: number): Promise<void> {
    const text = await dumpXlated(id);
    if (text) this.send({ type: 'bytecode', program, id, text });
  }

  private workload(kind: WorkloadKind): void {
    if (!this.proc) return;
    runWorkload(kind).then(
      (w) => this.notice(msg.workloadDone(kind, w.name)),
      () => undefined,
    );
  }

  private startRun(id: string, size: { cols: number; rows: number }, source?: string): void {
    if (this.proc) return;
    this.cols = size.cols;
    const block = this.deps.runs.get(id);
    if (!block) return this.fail(msg.unknownBlock(id));
    let edited: string | undefined;
    if (source !== undefined && source !== block.code) {
      const v = validateLearnerSource(block.kind, source);
      if (!v.ok) return this.fail(v.message);
      edited = v.source;
    }
    const recipe = recipeFor(block, this.deps.recipeContext, edited);
    if (!recipe.ok) return this.fail(recipe.message);
    this.scratch = recipe.scratch ?? null;
    const check = this.check;
    const cols = () => this.cols;
    if (recipe.output === 'bpftrace') this.transform = new NoiseFilter();
    if (recipe.output === 'runner') {
      this.transform = new RunnerStream(
        (m) => this.send(m),
        (ev) => {
          check?.onEvent(ev);
          if (ev.type === 'loaded') void this.sendBytecode(ev.program, ev.id);
        },
        cols,
      );
    }
    // Paths in the build or scratch folder are shown as the learner's file names.
    const folders = [recipe.command.cwd, recipe.scratch].filter((f): f is string => !!f);
    this.notes = new OutputNotes({ folders, cols, bpftrace: recipe.output === 'bpftrace' });
    this.blockId = id;
    this.spawn(recipe.command, size, id, recipe.display);
    if (!this.proc) return;
    runningBlocks.set(this, id);
    if (recipe.preamble) this.emit(Buffer.from(recipe.preamble));
    this.runTimer = setTimeout(() => {
      this.notice(msg.runTimeout(this.deps.config.runTimeoutMs));
      this.stop();
    }, this.deps.config.runTimeoutMs);
  }

  private startShell(size: { cols: number; rows: number }): void {
    if (this.proc) return;
    this.cols = size.cols;
    this.spawn(shellRecipe(this.deps.recipeContext), size, 'shell', 'bash');
  }

  private spawn(cmd: Parameters<typeof spawnInPty>[0], size: { cols: number; rows: number }, id: string, display: string) {
    let proc: SandboxProcess;
    try {
      proc = spawnInPty(cmd, size, this.deps.cgroups);
    } catch (err) {
      return this.fail(msg.spawnFailed(cmd.file, err));
    }
    this.proc = proc;
    this.send({ type: 'started', id, command: display });
    proc.onData((chunk) => this.output(chunk));
    proc.onExit((code, signal) => {
      runningBlocks.delete(this);
      let tail = this.transform ? this.transform.flush() : Buffer.alloc(0);
      if (this.notes) tail = Buffer.concat([this.notes.push(tail), this.notes.flush()]);
      this.emit(tail);
      this.flush();
      this.send({ type: 'exit', code, signal, message: this.wrap(exitSentence(code, signal, code !== 0 && !signal ? this.missingNeed() : null)) });
      if (this.check) {
        const v = this.check.verdict();
        this.send({ type: 'verdict', exercise: this.check.exercise.id, ok: v.ok, message: v.message });
        this.check.dispose();
        this.check = null;
      }
      this.removeScratch();
      this.proc = null;
      this.clearTimers();
      this.deps.afterRun?.();
      this.ws.close(1000, 'fin');
    });
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

  /** Output of the process: through the run's transforms, then to the page. */
  private output(chunk: Buffer): void {
    this.touch();
    let data = this.transform ? this.transform.push(chunk) : chunk;
    if (this.notes) {
      data = this.notes.push(data);
      if (this.notes.holding && !this.releaseTimer) {
        this.releaseTimer = setTimeout(() => {
          this.releaseTimer = null;
          if (this.notes) this.emit(this.notes.release());
        }, PARTIAL_LINE_MS);
      }
    }
    this.emit(data);
  }

  /** Bytes ready for the page: batched, counted for flow control. */
  private emit(data: Buffer): void {
    if (data.length === 0) return;
    this.check?.onText(data.toString('utf8'));
    this.batch.push(data);
    this.batchBytes += data.length;
    this.unacked += data.length;
    if (!this.paused && this.unacked > this.deps.config.highWaterBytes) {
      this.paused = true;
      this.proc?.pause();
    }
    // The first write after a quiet spell goes at once;
    // writes that follow within batchMs travel together; a full batch goes at once.
    // Output right after a keystroke (its echo) is not held back either.
    const quiet = Date.now() - this.lastFlush >= this.deps.config.batchMs;
    const echo = this.inputPending;
    this.inputPending = false;
    if (this.batchBytes >= FULL_BATCH || ((quiet || echo) && !this.flushTimer)) this.flush();
    else if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), this.deps.config.batchMs);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.batchBytes === 0) return;
    this.lastFlush = Date.now();
    const frame = this.batch.length === 1 ? this.batch[0] : Buffer.concat(this.batch, this.batchBytes);
    this.batch = [];
    this.batchBytes = 0;
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(frame, { binary: true });
  }

  private ack(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked < this.deps.config.lowWaterBytes) {
      this.paused = false;
      this.proc?.resume();
    }
  }

  private stop(): void {
    if (!this.proc) return;
    const { termAfterMs, killAfterMs } = this.deps.config;
    this.proc.stop({ termAfterMs, killAfterMs });
    // A learner who stops wants to see the end (bpftrace prints its maps): keep reading.
    if (this.paused) {
      this.paused = false;
      this.proc.resume();
    }
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.closed) return;
    this.idleTimer = setTimeout(() => {
      this.notice(msg.idle(this.deps.config.idleTimeoutMs));
      this.close();
    }, this.deps.config.idleTimeoutMs);
  }

  private clearTimers(): void {
    for (const t of [this.runTimer, this.idleTimer, this.flushTimer, this.releaseTimer]) if (t) clearTimeout(t);
    this.runTimer = this.idleTimer = this.flushTimer = this.releaseTimer = null;
  }

  private fail(message: string): void {
    this.send({ type: 'error', message: this.wrap(message) });
    this.ws.close(1000, 'error');
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
      // The exit handler (see spawn) removes the scratch folder once the process is gone.
      this.proc.killAll();
      this.deps.afterRun?.();
    } else {
      this.removeScratch();
    }
    this.proc = null;
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(1000, 'fin');
    this.deps.onClose();
  }
}
