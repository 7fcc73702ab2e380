// The code's one format (Prettier, .prettierrc.json). `npm run format` rewrites
// the files; tests/unit/format.test.ts fails on any file that differs.
// What is formatted: the code, not the lessons, fixtures or generated files (.prettierignore).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const FORMAT_GLOBS = [
  'server/**/*.{ts,mjs}',
  'src/**/*.{ts,css}',
  'lib/**/*.{ts,mjs}',
  'setup/**/*.mjs',
  'tests/**/*.ts',
  'bench/**/*.ts',
  'astro.config.mjs',
];
export const PRETTIER = fileURLToPath(new URL('../node_modules/prettier/bin/prettier.cjs', import.meta.url));

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = spawnSync(process.execPath, [PRETTIER, '--write', '--log-level', 'warn', '--no-error-on-unmatched-pattern', ...FORMAT_GLOBS], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
