// Test entry point (`npm test`): runs every tests/**/*.test.ts file one at a
// time (kernel tests share global state such as tracefs), prints the spec
// report, and ends with one summary line.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'fixtures' || name === 'scratch' || (name === 'soak' && !soak) ? [] : find(p);
    return name.endsWith('.test.ts') ? [p] : [];
  });
}

const args = process.argv.slice(2);
// `--soak` adds the long soak suite (tests/soak/), which `npm test` leaves out.
const soak = args.includes('--soak');
const filter = args.filter((a) => a !== '--soak');
const files = find('tests')
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort((a, b) => Number(a.includes('/e2e/')) - Number(b.includes('/e2e/')) || a.localeCompare(b));

let passed = 0;
let failed = 0;
let skipped = 0;
const stream = run({ files, concurrency: 1, timeout: 4 * 60_000 });
stream.on('test:pass', (e) => {
  if (e.details.type === 'suite') return;
  if (e.skip || e.todo) skipped++;
  else passed++;
});
stream.on('test:fail', (e) => {
  if (e.details.type === 'suite') return;
  failed++;
});
stream.compose(spec as unknown as NodeJS.ReadableStream).pipe(process.stdout);
stream.on('end', () => {
  const line = `Resumen: ${passed} pasadas, ${failed} fallidas, ${skipped} omitidas (${files.length} ficheros).`;
  // Let the reporter flush first.
  setImmediate(() => {
    process.stdout.write(`\n${line}\n`);
    process.exitCode = failed > 0 ? 1 : 0;
  });
});
