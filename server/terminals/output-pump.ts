// The bytes a terminal sends to the page: batched into binary frames, counted
// for flow control (pause the process above the high-water mark of
// unacknowledged bytes, resume below the low-water mark), acknowledged by the page.
import type { ServerConfig } from '../config.ts';
import { OUTPUT } from '../limits.ts';

export type PumpSettings = Pick<ServerConfig, 'batchMs' | 'highWaterBytes' | 'lowWaterBytes'>;

/** Where the frames go, and the process whose output they are (paused and resumed). */
export interface PumpEnds {
  send(frame: Buffer): void;
  pause(): void;
  resume(): void;
}

export class OutputPump {
  private batch: Buffer[] = [];
  private batchBytes = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  private inputPending = false;
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly settings: PumpSettings,
    private readonly ends: PumpEnds,
  ) {}

  /** Input went to the process: the output that follows (its echo) is not held back. */
  inputSent(): void {
    this.inputPending = true;
  }

  /** Bytes ready for the page: batched, counted for flow control. */
  push(data: Buffer): void {
    if (data.length === 0) return;
    this.batch.push(data);
    this.batchBytes += data.length;
    this.unacked += data.length;
    if (!this.paused && this.unacked > this.settings.highWaterBytes) {
      this.paused = true;
      this.ends.pause();
      // Nothing more comes until the page has caught up: what is batched goes now, not after the timer.
      this.flush();
      return;
    }
    // The first write after a quiet spell goes at once;
    // writes that follow within batchMs travel together; a full batch goes at once.
    // Output right after a keystroke (its echo) is not held back either, not even behind a batch that waits.
    const quiet = Date.now() - this.lastFlush >= this.settings.batchMs;
    const echo = this.inputPending;
    this.inputPending = false;
    if (this.batchBytes >= OUTPUT.fullBatchBytes || echo || (quiet && !this.flushTimer)) this.flush();
    else if (!this.flushTimer) this.flushTimer = setTimeout(() => this.flush(), this.settings.batchMs);
  }

  flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.batchBytes === 0) return;
    this.lastFlush = Date.now();
    const frame = this.batch.length === 1 ? this.batch[0] : Buffer.concat(this.batch, this.batchBytes);
    this.batch = [];
    this.batchBytes = 0;
    this.ends.send(frame);
  }

  /** The page has written `bytes` more. */
  ack(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked < this.settings.lowWaterBytes) {
      this.paused = false;
      this.ends.resume();
    }
  }

  /** Reads on whatever the page has acknowledged (Detener: the learner wants to see the end). */
  unpause(): void {
    if (this.paused) {
      this.paused = false;
      this.ends.resume();
    }
  }

  /** Drops the batching timer; what is still batched goes out with the next push or flush, if any. */
  clearTimer(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }
}
