// A block run's output on its way to the pump: the kind's transform (bpftrace
// noise filter, runner events → text and messages), then the Spanish error
// summaries and notes. The noise filter and the summaries hold a partial line a
// moment to read it whole.
import type { OutputNotes } from '../runs/error-summary.ts';
import { OUTPUT } from '../limits.ts';

/** Rewrites a run's output on its way to the page (hides noise, renders runner events). */
export interface OutputTransform {
  push(chunk: Buffer): Buffer;
  flush(): Buffer;
  /** Something is held back waiting for the rest of its line (transforms that read whole lines). */
  readonly holding?: boolean;
  /** Lets what is held go as it is. */
  release?(): Buffer;
}

export class RunOutput {
  private releaseTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly transform: OutputTransform | null,
    /** Spanish error summaries and notes (block runs only, not the free shell). */
    private readonly notes: OutputNotes | null,
    private readonly emit: (data: Buffer) => void,
  ) {}

  /** Output of the process: through the transforms, then to `emit`. */
  push(chunk: Buffer): void {
    let data = this.transform ? this.transform.push(chunk) : chunk;
    if (this.notes) data = this.notes.push(data);
    // A partial line held by the transform or the summaries goes out after a moment without its end (a prompt).
    if ((this.transform?.holding || this.notes?.holding) && !this.releaseTimer) {
      this.releaseTimer = setTimeout(() => {
        this.releaseTimer = null;
        this.emit(this.release());
      }, OUTPUT.partialLineMs);
    }
    this.emit(data);
  }

  /** What the transform and the summaries hold, let go as it is. */
  private release(): Buffer {
    const held = this.transform?.release?.() ?? Buffer.alloc(0);
    if (!this.notes) return held;
    return Buffer.concat([this.notes.push(held), this.notes.release()]);
  }

  /** At exit: what the transforms still hold. */
  finish(): Buffer {
    let tail = this.transform ? this.transform.flush() : Buffer.alloc(0);
    if (this.notes) tail = Buffer.concat([this.notes.push(tail), this.notes.flush()]);
    return tail;
  }

  clearTimer(): void {
    if (this.releaseTimer) clearTimeout(this.releaseTimer);
    this.releaseTimer = null;
  }
}
