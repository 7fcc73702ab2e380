// The lines between the site (src/), the server (server/), the installer
// (setup/) and what they share (lib/): every import in those folders is read
// (TypeScript, .mjs, .astro) and checked against them.
//
// - the page's scripts (src/client/) import only lib/protocol.ts, src/ and npm packages;
// - the server never imports src/; the site build (src/, outside src/client/)
//   reads only the exercise folders (server/exercises/folders.ts, blocks.ts);
// - lib/protocol.ts, which the page loads, has no runtime import (types only);
// - lib/ imports neither src/ nor server/ nor setup/;
// - no cycle between folders (server/<dir>, src/<dir>, lib, setup; a file at the
//   top of server/ or src/ counts as its own folder).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SCANNED = ['src', 'server', 'setup', 'lib'];
const CODE = /\.(?:ts|mts|mjs|js|astro)$/;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'node_modules' ? [] : files(p);
    return CODE.test(name) ? [p] : [];
  });
}

/** Every module specifier a file names: static imports, re-exports, `import 'x'`, `import('x')`. */
export function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[\w*{}\s,$]*?\s+from\s*['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s*from\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1]);
  return out;
}

/** The folder a repository path belongs to, for the folder graph. */
function folderOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'lib' || parts[0] === 'setup') return parts[0];
  if (parts[0] === 'src' || parts[0] === 'server') return parts.length > 2 ? `${parts[0]}/${parts[1]}` : path;
  return parts[0];
}

interface Edge {
  from: string;
  to: string;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const top of SCANNED) {
    for (const file of files(join(ROOT, top))) {
      const from = relative(ROOT, file);
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue; // npm packages and node: modules
        const to = relative(ROOT, resolve(dirname(file), spec));
        out.push({ from, to });
      }
    }
  }
  return out;
}

const all = edges();
const show = (list: Edge[]): string[] => list.map((e) => `${e.from} → ${e.to}`);

test('the boundary reader sees every kind of import', () => {
  const src = [
    "import a from './a.ts';",
    "import type { B } from '../b.ts';",
    "import {\n  c,\n  type D,\n} from './c.ts';",
    "export { e } from './e.ts';",
    "export * from './f.ts';",
    "import './g.css';",
    "void import('./h.ts');",
    "// import x from './commented.ts';",
  ].join('\n');
  assert.deepEqual(specifiers(src).sort(), ['../b.ts', './a.ts', './c.ts', './e.ts', './f.ts', './g.css', './h.ts'].sort());
  assert.ok(all.length > 100, `only ${all.length} imports found`);
});

test('the page scripts (src/client/) import only lib/protocol.ts from outside src/', () => {
  const bad = all.filter((e) => e.from.startsWith('src/client/') && !e.to.startsWith('src/') && e.to !== 'lib/protocol.ts');
  assert.deepEqual(show(bad), []);
});

test('the server never imports the site (src/)', () => {
  const bad = all.filter((e) => e.from.startsWith('server/') && e.to.startsWith('src/'));
  assert.deepEqual(show(bad), []);
});

test('the site build reads only the exercise folders from server/', () => {
  const allowed = new Set(['server/exercises/folders.ts', 'server/exercises/blocks.ts']);
  const bad = all.filter((e) => e.from.startsWith('src/') && e.to.startsWith('server/') && !allowed.has(e.to));
  assert.deepEqual(show(bad), []);
});

test('lib/protocol.ts has no runtime import (the page loads it; zod stays on the server)', () => {
  const text = readFileSync(join(ROOT, 'lib/protocol.ts'), 'utf8');
  const runtime = [...text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  assert.deepEqual(runtime, []);
});

test('lib/ imports only lib/', () => {
  const bad = all.filter((e) => e.from.startsWith('lib/') && !e.to.startsWith('lib/'));
  assert.deepEqual(show(bad), []);
});

test('no import cycle between folders', () => {
  const graph = new Map<string, Map<string, Edge>>();
  for (const e of all) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a === b) continue;
    if (!graph.has(a)) graph.set(a, new Map());
    if (!graph.get(a)!.has(b)) graph.get(a)!.set(b, e);
  }
  // Tarjan's strongly connected components: any with more than one folder is a cycle.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) {
        const inside = new Set(comp);
        const links = comp.flatMap((a) => [...(graph.get(a) ?? [])].filter(([b]) => inside.has(b)).map(([, e]) => `${e.from} → ${e.to}`));
        cycles.push(`${comp.sort().join(' ↔ ')}:\n    ${links.join('\n    ')}`);
      }
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  assert.deepEqual(cycles, []);
});
