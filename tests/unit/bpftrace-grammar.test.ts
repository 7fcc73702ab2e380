// The hand-written TextMate grammar for bpftrace, tokenised by the real Shiki.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createHighlighter } from 'shiki';

const grammar = JSON.parse(readFileSync('src/grammars/bpftrace.tmLanguage.json', 'utf8'));
const highlighter = await createHighlighter({ themes: ['github-dark'], langs: [grammar] });

function scopesOf(code: string): Map<string, string[]> {
  const lines = highlighter.codeToTokensBase(code, { lang: 'bpftrace' as never, theme: 'github-dark', includeExplanation: true });
  const out = new Map<string, string[]>();
  for (const t of lines.flat()) {
    for (const e of t.explanation ?? []) {
      const scopes = e.scopes.map((s) => s.scopeName);
      out.set(e.content.trim() || e.content, scopes);
    }
  }
  return out;
}

const has = (m: Map<string, string[]>, token: string, scope: string) =>
  assert.ok(
    (m.get(token) ?? []).some((s) => s.startsWith(scope)),
    `${token}: ${JSON.stringify(m.get(token))}`,
  );

test('probes, predicates, maps, builtins and functions get their scopes', () => {
  const m = scopesOf('tracepoint:syscalls:sys_exit_read /@start[tid]/ { @ns = hist(nsecs - @start[tid]); delete(@start[tid]); }');
  has(m, 'tracepoint', 'entity.name.type.probe');
  has(m, 'sys_exit_read', 'entity.name.function.probe');
  has(m, '@start', 'variable.other.map');
  has(m, '@ns', 'variable.other.map');
  has(m, 'tid', 'variable.language.builtin');
  has(m, 'nsecs', 'variable.language.builtin');
  has(m, 'hist', 'support.function');
  has(m, 'delete', 'support.function');
});

test('strings with format specifiers, BEGIN/END and comments', () => {
  const m = scopesOf('BEGIN { printf("%s %d\\n", comm, pid); } // hola\nEND { clear(@); }');
  has(m, 'BEGIN', 'keyword.control.probe');
  has(m, 'END', 'keyword.control.probe');
  has(m, '%s', 'constant.other.placeholder');
  has(m, '\\n', 'constant.character.escape');
  has(m, '// hola', 'comment.line');
  has(m, 'comm', 'variable.language.builtin');
  has(m, 'printf', 'support.function');
});

test('a division inside an action is not taken for a predicate', () => {
  const m = scopesOf('interval:s:1 { @x = nsecs / 1000; }');
  assert.ok(!(m.get('/') ?? []).some((s) => s.includes('predicate')), JSON.stringify(m.get('/')));
  has(m, '1000', 'constant.numeric');
});
