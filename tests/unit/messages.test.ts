// Learner-facing text lives in catalogues: lib/messages/es/*.mjs for everything
// the server, the installer and the shared code say, src/lib/ui-strings.ts (and ui-strings-ready.ts)
// for the page. Code elsewhere holds no Spanish string literal, and every template is
// well formed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fill, placeholders } from '../../lib/messages/fill.mjs';

const CATALOGUE_DIR = 'lib/messages/es';
const SCANNED = ['server', 'setup', 'lib', 'src/client', 'src/lib'];
/** The page's own catalogue (the texts shown before any click in a table of their own). */
const PAGE_CATALOGUES = ['src/lib/ui-strings.ts', 'src/lib/ui-strings-ready.ts'];

/** String literals of a JavaScript/TypeScript source, comments and regular expressions skipped. */
export function stringLiterals(src: string): Array<{ text: string; line: number }> {
  const out: Array<{ text: string; line: number }> = [];
  let i = 0;
  let line = 1;
  let prev = ''; // last significant character, to tell a regex from a division
  while (i < src.length) {
    const c = src[i];
    if (c === '\n') line++;
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      line += (src.slice(i, stop).match(/\n/g) ?? []).length;
      i = stop;
      continue;
    }
    if (
      c === '/' &&
      (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev) || /\breturn$/.test(src.slice(Math.max(0, i - 7), i).trimEnd()))
    ) {
      let inClass = false;
      i++;
      while (i < src.length && src[i] !== '\n') {
        if (src[i] === '\\') i++;
        else if (src[i] === '[') inClass = true;
        else if (src[i] === ']') inClass = false;
        else if (src[i] === '/' && !inClass) break;
        i++;
      }
      i++;
      prev = '/';
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const start = line;
      let text = '';
      i++;
      while (i < src.length && src[i] !== c) {
        if (src[i] === '\\') {
          text += src[i + 1] ?? '';
          i += 2;
          continue;
        }
        if (src[i] === '\n') line++;
        text += src[i];
        i++;
      }
      i++;
      out.push({ text, line: start });
      prev = c;
      continue;
    }
    if (!/\s/.test(c)) prev = c;
    i++;
  }
  return out;
}

const SPANISH_CHARS = /[áéíóúñÁÉÍÓÚÑ¿¡]/;
const SPANISH_WORDS = new Set([
  'el',
  'la',
  'los',
  'las',
  'del',
  'que',
  'para',
  'con',
  'una',
  'es',
  'de',
  'se',
  'al',
  'lo',
  'tu',
  'y',
  'está',
  'hay',
  'puede',
]);

/** Does this literal read as Spanish prose? */
export function looksSpanish(text: string): boolean {
  if (SPANISH_CHARS.test(text)) return true;
  const words = new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
  return [...words].filter((w) => SPANISH_WORDS.has(w)).length >= 2;
}

function codeFiles(): string[] {
  return execFileSync('git', ['ls-files', '-co', '--exclude-standard', ...SCANNED])
    .toString()
    .split('\n')
    .filter((f) => /\.(ts|mjs)$/.test(f) && !f.startsWith(`${CATALOGUE_DIR}/`) && !PAGE_CATALOGUES.includes(f));
}

test('the literal reader skips comments and regular expressions, and the Spanish test tells prose from code', () => {
  const src =
    "const a = 'hola, ¿qué tal?'; // 'comentario de la línea'\n/* 'otro de la' */ const r = /de la 'x'/; const b = `${a} y el resto`;";
  assert.deepEqual(
    stringLiterals(src).map((l) => l.text),
    ['hola, ¿qué tal?', '${a} y el resto'],
  );
  assert.equal(looksSpanish('El proceso terminó'), true);
  assert.equal(looksSpanish('no se pudo leer el fichero'), true);
  assert.equal(looksSpanish('--no-install-recommends'), false);
  assert.equal(looksSpanish('error: use of undeclared identifier'), false);
});

test('no Spanish string literal outside the catalogues (server, setup, lib, page code)', () => {
  const found: string[] = [];
  for (const f of codeFiles()) {
    for (const l of stringLiterals(readFileSync(f, 'utf8'))) {
      if (looksSpanish(l.text)) found.push(`${f}:${l.line}: ${l.text.slice(0, 80)}`);
    }
  }
  assert.deepEqual(found, []);
});

test('every catalogue template has well-formed placeholders, and fill() replaces them', async () => {
  const files = readdirSync(CATALOGUE_DIR).filter((f) => f.endsWith('.mjs'));
  assert.ok(files.length >= 5, files.join());
  for (const f of files) {
    const mod = (await import(`../../${join(CATALOGUE_DIR, f)}`)) as Record<string, Record<string, string>>;
    const [catalogue] = Object.values(mod);
    for (const [key, template] of Object.entries(catalogue)) {
      assert.match(key, /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/, `${f}: key ${key}`);
      assert.equal(typeof template, 'string', `${f}: ${key}`);
      assert.doesNotMatch(template, /\$\{/, `${f}: ${key} holds a template-literal leftover`);
      const params = Object.fromEntries(placeholders(template).map((p) => [p, 'X']));
      assert.doesNotMatch(fill(template, params), /\{[a-zA-Z][a-zA-Z0-9_]*\}/, `${f}: ${key}`);
    }
  }
  assert.equal(fill('a {b} {c}', { b: 1 }), 'a 1 {c}', 'a missing value stays visible');
});
