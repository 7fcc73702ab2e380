// Hides two harmless things bpftrace prints, so that the learner does not read
// them as errors (their wording in each version: bpftrace-output.ts):
//   - the start-up line `couldn't set RLIMIT_MEMLOCK` (docs/kernel-notes.md,
//     Privileges), an `ERROR:` up to 0.20 and a `WARNING:` later;
//   - from 0.23, the `WARNING: File exists … map_update_elem` block that a
//     count() prints when two CPUs add the same key at once (one event's count
//     is lost; nothing to do about it).
// Works on whole lines: a partial line is held until its end arrives, or until
// the session releases it (a prompt, a printf without "\n"). Chunks without
// either text and with nothing held pass as they come.
import { stripAnsi } from '../text/wrap.ts';
import { HELPER_EEXIST, MEMLOCK_LINE } from './bpftrace-output.ts';

const NEEDLES = ['RLIMIT_MEMLOCK', 'WARNING: File exists'].map((s) => Buffer.from(s));

/** Where we are in a `File exists` block: nothing held, its first line held, or its source line awaited. */
type State = 'none' | 'header' | 'info' | 'source';

const plain = (line: Buffer) =>
  stripAnsi(line.toString('utf8'))
    .replace(/\r?\n$/, '')
    .replace(/\r$/, '');

export class NoiseFilter {
  private pending = Buffer.alloc(0);
  /** Lines held while deciding whether they are a `File exists` block. */
  private held: Buffer[] = [];
  private state: State = 'none';
  /** The beginning of the current line already went out (released): the rest is not looked at. */
  private lineStarted = false;

  /** Is anything held back? */
  get holding(): boolean {
    return this.pending.length > 0 || this.held.length > 0;
  }

  /** Returns what can be shown now. */
  push(chunk: Buffer): Buffer {
    if (chunk.length === 0) return chunk;
    let data = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: Buffer[] = [];
    if (this.lineStarted) {
      const nl = data.indexOf(0x0a);
      const end = nl < 0 ? data.length : nl + 1;
      out.push(data.subarray(0, end));
      this.lineStarted = nl < 0;
      data = data.subarray(end);
    }
    const nl = data.lastIndexOf(0x0a);
    this.pending = Buffer.from(data.subarray(nl + 1));
    const complete = data.subarray(0, nl + 1);
    if (this.state === 'none' && !NEEDLES.some((n) => complete.includes(n))) out.push(complete);
    else for (const line of splitLines(complete)) out.push(...this.line(line));
    return out.length === 1 ? out[0] : Buffer.concat(out);
  }

  /** Lets what is held go as it is (the session calls it when output pauses). */
  release(): Buffer {
    const out = Buffer.concat([...this.held, this.pending]);
    this.lineStarted = this.pending.length > 0;
    this.held = [];
    this.state = 'none';
    this.pending = Buffer.alloc(0);
    return out;
  }

  /** Whatever is still held back (at exit); a last memlock line without its newline is dropped. */
  flush(): Buffer {
    const rest = this.pending;
    this.pending = Buffer.alloc(0);
    const tail = !this.lineStarted && MEMLOCK_LINE.test(plain(rest)) ? Buffer.alloc(0) : rest;
    const out = Buffer.concat([...this.held, tail]);
    this.held = [];
    this.state = 'none';
    this.lineStarted = false;
    return out;
  }

  /** One complete line → what goes out now (possibly lines held before it). */
  private line(line: Buffer): Buffer[] {
    const text = plain(line);
    switch (this.state) {
      case 'header':
        if (HELPER_EEXIST.info.test(text)) {
          // The block is the noise: its first two lines go; its source line and marker may follow.
          this.held = [];
          this.state = 'info';
          return [];
        }
        return [...this.letGo(), ...this.line(line)];
      case 'info':
        // The source line of the block, unless the location spanned several lines (then nothing follows).
        this.held = [line];
        this.state = 'source';
        return [];
      case 'source':
        if (HELPER_EEXIST.marker.test(text)) {
          this.held = [];
          this.state = 'none';
          return [];
        }
        return [...this.letGo(), ...this.line(line)];
      case 'none':
        if (MEMLOCK_LINE.test(text)) return [];
        if (HELPER_EEXIST.header.test(text)) {
          this.held = [line];
          this.state = 'header';
          return [];
        }
        return [line];
    }
  }

  /** Gives up on a block: the held lines go out as they are. */
  private letGo(): Buffer[] {
    const held = this.held;
    this.held = [];
    this.state = 'none';
    return held;
  }
}

/** A run of complete lines → each line with its "\n". */
function splitLines(buf: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let nl = buf.indexOf(0x0a); nl >= 0; nl = buf.indexOf(0x0a, start)) {
    lines.push(buf.subarray(start, nl + 1));
    start = nl + 1;
  }
  return lines;
}
