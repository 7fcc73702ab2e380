// Word wrapping for the text the server writes into a terminal (runner events in
// Spanish, verifier explanations, notices, error summaries). xterm.js breaks a
// long line at the last column, in the middle of a word; these helpers break it
// at spaces instead, for the terminal's current width. Widths count what the
// terminal draws: ANSI escapes take no room, an accented letter takes one column
// whether it is one UTF-8 byte or several, East Asian wide characters take two.

/** One ANSI escape: CSI (colours, cursor), OSC (titles, links) or a two-byte escape. */
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/** Columns one code point takes in the terminal. */
export function charWidth(cp: number): 0 | 1 | 2 {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0; // control characters
  if (
    (cp >= 0x0300 && cp <= 0x036f) || // combining accents (NFD "é" = "e" + U+0301)
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space, joiners, marks
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xfe20 && cp <= 0xfe2f)
  ) {
    return 0;
  }
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

/** Columns a string takes in the terminal (escapes excluded). */
export function visibleWidth(s: string): number {
  let w = 0;
  for (const ch of stripAnsi(s)) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** A piece of a line: an escape (no width) or one code point. */
function* pieces(s: string): Generator<{ text: string; width: number }> {
  let last = 0;
  for (const m of s.matchAll(ANSI)) {
    for (const ch of s.slice(last, m.index)) yield { text: ch, width: charWidth(ch.codePointAt(0)!) };
    yield { text: m[0], width: 0 };
    last = m.index! + m[0].length;
  }
  for (const ch of s.slice(last)) yield { text: ch, width: charWidth(ch.codePointAt(0)!) };
}

/** Splits a word longer than `room` columns into chunks of at most `room` columns (escapes stay attached). */
function hardBreak(word: string, room: number): string[] {
  const out: string[] = [];
  let cur = '';
  let w = 0;
  for (const p of pieces(word)) {
    if (p.width > 0 && w + p.width > room && w > 0) {
      out.push(cur);
      cur = '';
      w = 0;
    }
    cur += p.text;
    w += p.width;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Wraps one line (no line breaks inside) to `cols` columns at spaces. Continuation
 * lines keep the line's indentation. A word longer than the room left is cut.
 */
export function wrapLine(line: string, cols: number): string[] {
  if (!Number.isFinite(cols) || cols < 2 || visibleWidth(line) <= cols) return [line];
  const plain = stripAnsi(line);
  let indentWidth = /^ */.exec(plain)![0].length;
  if (indentWidth > cols / 2) indentWidth = 0;
  const indent = ' '.repeat(indentWidth);
  // Tokens: runs of spaces and runs of anything else (a word keeps its escapes).
  const tokens = line.match(/ +|[^ ]+/g) ?? [];
  const lines: string[] = [];
  let cur = '';
  let curWidth = 0;
  let hasWord = false; // something other than the indentation is on the current line
  let space = ''; // spaces waiting between the last word and the next
  let first = true;
  const newLine = () => {
    lines.push(cur);
    cur = indent;
    curWidth = indentWidth;
    hasWord = false;
    space = '';
  };
  for (const tok of tokens) {
    if (tok.startsWith(' ')) {
      if (first && !hasWord) {
        // The line's own indentation.
        cur += tok;
        curWidth += tok.length;
      } else {
        space += tok;
      }
      continue;
    }
    first = false;
    const w = visibleWidth(tok);
    if (w === 0) {
      cur += space + tok; // an escape on its own
      curWidth += space.length;
      space = '';
      continue;
    }
    if (curWidth + space.length + w <= cols) {
      cur += space + tok;
      curWidth += space.length + w;
      space = '';
      hasWord = true;
      continue;
    }
    if (w <= cols - indentWidth) {
      // Fits on a line of its own.
      if (hasWord) newLine();
      cur += tok;
      curWidth += w;
      space = '';
      hasWord = true;
      continue;
    }
    // Longer than a whole line: cut it, starting where the line is.
    if (hasWord && cols - curWidth - space.length < 2) newLine();
    cur += space;
    curWidth += space.length;
    space = '';
    const chunks = hardBreak(tok, Math.max(1, cols - curWidth));
    const room = cols - indentWidth;
    const head = chunks.shift()!;
    cur += head;
    curWidth += visibleWidth(head);
    hasWord = true;
    for (const c of hardBreak(chunks.join(''), room)) {
      newLine();
      cur += c;
      curWidth += visibleWidth(c);
      hasWord = true;
    }
  }
  lines.push(cur.replace(/ +$/, ''));
  return lines.map((l) => l.replace(/ +((?:\x1b\[[0-?]*[ -/]*[@-~])*)$/, '$1'));
}

/** Wraps every line of `text` (CRLF or LF separated) to `cols` columns; lines are joined with CRLF. */
export function wrapText(text: string, cols: number): string {
  return text
    .split(/\r?\n/)
    .flatMap((l) => wrapLine(l, cols))
    .join('\r\n');
}
