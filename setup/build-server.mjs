// Compiles the server that `npm start` runs (no TypeScript loader, no MDX toolchain at run time):
//
//   node setup/build-server.mjs <out-dir>
//
// Run by steps.mjs (ensureServerBuild) as the checkout's owner, into a folder of the checkout named by
// the hash of its inputs. It writes, into a fresh folder that is then renamed to <out-dir> in one step
// (a concurrent build or a starting server never sees half of it):
//   main.mjs          the server (server/main.ts), bundled with esbuild; node-pty (native) stays outside
//   warm-cache-worker.mjs  the compile cache's warm-up (server/processes/warm-cache-worker.ts)
//   judge-<id>.mjs    each exercise's judge (content/ejercicios/<id>/juez.ts), sharing the server's chunks
//   run-table.json    every runnable block of the lessons and each lesson's `requires`, and
//   exercises.json    the exercises, read from the lessons with the site build's own rules
//                     (server/build-content.ts); the server loads these instead of parsing MDX
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Native or optional modules: loaded from node_modules at run time. */
const EXTERNAL = ['@lydell/node-pty', 'bufferutil', 'utf-8-validate'];
/** Same name as server/exercises/judge-module.ts. */
const judgeEntryName = (/** @type {string} */ folder) => `judge-${folder}`;

/**
 * `import.meta.url` of a source file, kept as it was: the compiled file lives elsewhere, and the
 * server finds the checkout, bpf/ and its helper scripts from where its sources are.
 * @param {string} outDir @returns {import('esbuild').Plugin}
 */
function sourceUrls(outDir) {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.(ts|mjs)$/ }, (args) => {
        if (args.path.includes('/node_modules/')) return undefined;
        const text = readFileSync(args.path, 'utf8');
        if (!text.includes('import.meta.url')) return undefined;
        const rel = JSON.stringify(relative(outDir, args.path));
        return {
          contents: text.replaceAll('import.meta.url', `new URL(${rel}, import.meta.url).href`),
          loader: args.path.endsWith('.ts') ? 'ts' : 'js',
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

/** @param {string} outDir @param {Record<string, string>} entryPoints @param {Partial<import('esbuild').BuildOptions>} [extra] */
async function bundle(outDir, entryPoints, extra = {}) {
  await build({
    entryPoints,
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    external: EXTERNAL,
    // CommonJS dependencies (ws) call require(); the bundle's own URL tells the server where its table is.
    banner: {
      js: [
        "import { createRequire as __tallerCreateRequire } from 'node:module';",
        'const require = __tallerCreateRequire(import.meta.url);',
        'const __taller_bundle_url = import.meta.url;',
      ].join('\n'),
    },
    define: { TALLER_BUNDLE_URL: '__taller_bundle_url' },
    plugins: [sourceUrls(outDir)],
    logLevel: 'warning',
    ...extra,
  });
}

const out = process.argv[2];
if (!out) {
  console.error('usage: node setup/build-server.mjs <out-dir>');
  process.exit(2);
}
const tmp = `${out}.tmp-${process.pid}`;
rmSync(tmp, { recursive: true, force: true });

const exercisesDir = join(ROOT, 'content', 'ejercicios');
/** @type {Record<string, string>} */
const entries = {
  main: join(ROOT, 'server', 'main.ts'),
  // Same name as WORKER_ENTRY in server/processes/warm-cache.ts.
  'warm-cache-worker': join(ROOT, 'server', 'processes', 'warm-cache-worker.ts'),
};
for (const folder of existsSync(exercisesDir) ? readdirSync(exercisesDir).sort() : []) {
  const judge = join(exercisesDir, folder, 'juez.ts');
  if (existsSync(judge)) entries[judgeEntryName(folder)] = judge;
}
await bundle(tmp, entries);

// The run table and the exercises: computed by the lessons' own reader (bundled on its own, only for
// this), written as JSON.
const readerDir = join(tmp, '.reader');
await bundle(readerDir, { reader: join(ROOT, 'server', 'build-content.ts') }, { splitting: false, packages: 'external' });
const reader = await import(pathToFileURL(join(readerDir, 'reader.mjs')).href);
for (const [name, text] of Object.entries(reader.builtContent(ROOT))) writeFileSync(join(tmp, name), text);
rmSync(readerDir, { recursive: true, force: true });

try {
  renameSync(tmp, out);
} catch (err) {
  // Another build of the same inputs finished first: its output is the same.
  rmSync(tmp, { recursive: true, force: true });
  if (!existsSync(join(out, 'main.mjs'))) throw err;
}
