// What each kind of runnable block runs. The page sends only a block id; the
// command comes from the lesson sources (the run table), never from the page.
import type { RunnableBlock } from '../../src/lib/runnable.ts';
import type { CommandSpec } from '../sandbox/pty-process.ts';

export interface RecipeContext {
  /** Is the server root? Then `sudo` is dropped from lesson commands (it may not exist). */
  isRoot: boolean;
  /** Working folder with the lesson's sources (trace.bpf.c …). */
  workDir: string;
}

export type Recipe =
  | { ok: true; command: CommandSpec; display: string; filterBpftraceNoise: boolean }
  | { ok: false; message: string };

/** Removes `sudo` at the start of each command of a shell snippet. */
export function dropSudo(script: string): string {
  return script.replace(/(^|[;&|({]\s*|\n\s*|&&\s*|\|\|\s*)sudo\s+(?:-E\s+)?/g, '$1');
}

export function recipeFor(block: RunnableBlock, ctx: RecipeContext): Recipe {
  switch (block.kind) {
    case 'shell': {
      const script = ctx.isRoot ? dropSudo(block.code) : block.code;
      return {
        ok: true,
        command: { file: '/bin/bash', args: ['-c', script], cwd: ctx.workDir },
        display: script,
        filterBpftraceNoise: /\bbpftrace\b/.test(script),
      };
    }
    case 'bpftrace': {
      const args = ['-e', block.code];
      return {
        ok: true,
        command: ctx.isRoot
          ? { file: 'bpftrace', args, cwd: ctx.workDir }
          : { file: 'sudo', args: ['bpftrace', ...args], cwd: ctx.workDir },
        display: `${ctx.isRoot ? '' : 'sudo '}bpftrace -e '…'`,
        filterBpftraceNoise: true,
      };
    }
    case 'c':
      return { ok: false, message: 'Este programa en C todavía no se puede ejecutar desde la página; usa los bloques de compilar y cargar.' };
  }
}

/** The free terminal: an interactive shell in the work folder. */
export function shellRecipe(ctx: RecipeContext): CommandSpec {
  return {
    file: '/bin/bash',
    args: ['--noprofile', '--norc', '-i'],
    cwd: ctx.workDir,
    env: { PS1: '\\[\\e[1;32m\\]taller\\[\\e[0m\\]:\\[\\e[1;34m\\]\\w\\[\\e[0m\\]\\$ ' },
  };
}
