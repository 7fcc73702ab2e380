// Drops bpftrace's harmless start-up line
//   ERROR: Unknown error -1: couldn't set RLIMIT_MEMLOCK for bpftrace. …
// (see docs/kernel-notes.md, Privileges) so that the learner does not read it as an error.
// Only the first lines of a run are inspected; after that, bytes pass as they come.
import { NOISE_HEAD_BYTES } from '../limits.ts';

const NOISE = /couldn't set RLIMIT_MEMLOCK/;

export class NoiseFilter {
  private pending = Buffer.alloc(0);
  private seen = 0;
  private passthrough = false;

  /** Returns what can be shown now. */
  push(chunk: Buffer): Buffer {
    if (this.passthrough) return chunk;
    this.pending = Buffer.concat([this.pending, chunk]);
    const out: Buffer[] = [];
    let nl: number;
    while (!this.passthrough && (nl = this.pending.indexOf(0x0a)) >= 0) {
      const line = this.pending.subarray(0, nl + 1);
      this.pending = this.pending.subarray(nl + 1);
      this.seen += line.length;
      if (!NOISE.test(line.toString('latin1'))) out.push(line);
      if (this.seen >= NOISE_HEAD_BYTES || /^Attaching /.test(line.toString('latin1'))) this.passthrough = true;
    }
    if (this.passthrough || this.pending.length >= NOISE_HEAD_BYTES) {
      this.passthrough = true;
      out.push(this.pending);
      this.pending = Buffer.alloc(0);
    }
    return Buffer.concat(out);
  }

  /** Whatever is still held back (at exit). */
  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    return NOISE.test(rest.toString('latin1')) ? Buffer.alloc(0) : rest;
  }
}
