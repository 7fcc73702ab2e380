// A block run's output on its way to the pump: the kind's transform (bpftrace
// noise filter, runner events → text and messages), then the Spanish error
// summaries and notes, which hold a partial line a moment to read it whole.
import type { OutputNotes } from '../runs/error-summary.ts';
import { OUTPUT } from '../limits.ts';

/** Rewrites a run's output on its way to the page (hides noise, renders runner events). */
export interface OutputTransform {
  push(chunk: Buffer): Buffer;
  flush(): Buffer;
}

/** A partial line held for the error summaries goes out after this long without its end (a prompt). */

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
    const notes = this.notes;
    if (notes) {
      data = notes.push(data);
      if (notes.holding && !this.releaseTimer) {
        this.releaseTimer = setTimeout(() => {
          this.releaseTimer = null;
          this.emit(notes.release());
        }, OUTPUT.partialLineMs);
      }
    }
    this.emit(data);
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
