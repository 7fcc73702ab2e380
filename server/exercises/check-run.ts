// One "Comprobar": watches the learner's run, generates the exercise's events
// once the program is attached, stops it when the answer is proven (or after a
// short grace), and judges what was seen.
import type { Exercise } from './catalog.ts';
import type { Observation, Verdict } from './judge-kit.ts';
import { setTimeout as delay } from 'node:timers/promises';
import { runWorkload, workloadName } from '../processes/workloads.ts';
import type { Sandbox } from '../processes/sandbox.ts';
import type { RunnerEvent } from '../bpf/runner-stream.ts';
import { CHECK, EVENTS } from '../limits.ts';
import { ATTACHED_LINE } from '../runs/bpftrace-output.ts';
import { explainVerifierLog } from '../bpf/verifier.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { exercises as X } from '../../lib/messages/es/exercises.mjs';

export class CheckRun {
  readonly obs: Observation = { printk: [], maps: [], events: [], text: '', workload: null };
  private attached = false;
  private graceTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The verifier's rejection, in a few Spanish words, when the program did not load. */
  private rejected: string | null = null;
  /** The run's sandbox (processes/sandbox.ts), when its block has one: the workload runs in it. */
  sandbox: Sandbox | null = null;

  constructor(
    readonly exercise: Exercise,
    private readonly stop: () => void,
    private readonly notice: (message: string) => void,
  ) {}

  onEvent(ev: RunnerEvent): void {
    if (ev.type === 'printk') this.obs.printk.push(ev);
    if (ev.type === 'maps') this.obs.maps = ev.maps;
    if (ev.type === 'events') {
      // Bounded: a program that floods keeps only its latest rows.
      const events = [...(this.obs.events ?? []), ...ev.rows.map((row) => ({ map: ev.map, row }))];
      this.obs.events = events.slice(-EVENTS.observed);
    }
    if (ev.type === 'attached') this.onAttached();
    if (ev.type === 'verifier' && this.rejected === null) this.rejected = explainVerifierLog(ev.log).summary;
    this.maybeDone();
  }

  onText(text: string): void {
    // Colours and cursor moves removed; bounded so that a flood cannot grow it.
    this.obs.text = (this.obs.text + text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '')).slice(-256 * 1024);
    // bpftrace's "Attaching N probes..." (up to 0.23) or "Attached N probes" (0.24 and later).
    if (!this.attached && ATTACHED_LINE.test(this.obs.text)) this.onAttached();
    this.maybeDone();
  }

  private onAttached(): void {
    if (this.attached) return;
    this.attached = true;
    this.notice(fill(X['check.started'], { workload: workloadName(this.exercise.workload) }));
    this.generate().then(
      () => {
        this.maybeDone();
        this.graceTimer = setTimeout(() => this.finish(), CHECK.graceMs);
      },
      () => this.finish(),
    );
  }

  /**
   * bpftrace up to 0.23 prints "Attaching N probes..." a moment before its probes
   * are live, and says nothing when they are (0.24 prints "Attached N probes" after
   * attaching): its exercises repeat the workload a few times so that later rounds
   * are seen even if the first one came too early.
   */
  private async generate(): Promise<void> {
    const rounds = this.exercise.kind === 'bpftrace' ? 3 : 1;
    for (let i = 0; i < rounds && !this.stopped; i++) {
      if (i > 0) await delay(CHECK.roundGapMs);
      const w = await runWorkload(this.exercise.workload, this.sandbox);
      const before = this.obs.workload;
      this.obs.workload = before
        ? { name: w.name, pids: [...before.pids, ...w.pids], outcomes: [...(before.outcomes ?? []), ...(w.outcomes ?? [])] }
        : w;
    }
  }

  private maybeDone(): void {
    if (this.obs.workload && this.exercise.satisfied(this.obs)) this.finish();
  }

  private finish(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.stop();
  }

  dispose(): void {
    if (this.graceTimer) clearTimeout(this.graceTimer);
  }

  verdict(): Verdict {
    if (!this.attached) {
      if (this.rejected !== null)
        return {
          ok: false,
          message: fill(X['check.verifierRejected'], { summary: this.rejected, workload: workloadName(this.exercise.workload) }),
        };
      return { ok: false, message: X['check.notAttached'] };
    }
    return this.exercise.judge(this.obs);
  }
}
