// What each kind of runnable block runs. The page sends only a block id; the
// command comes from the lesson sources (the run table), never from the page.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunnableBlock } from '../../lib/lessons/runnable.ts';
import type { CommandSpec } from '../processes/pty-process.ts';
import { SYSTEM_PATH } from '../processes/short-run.ts';
import { terminal } from '../../lib/messages/es/terminal.mjs';
import { C_RUN_SCRIPT, prepareCBuild, prepareScratchBuild, writeScratch } from '../workspace/c-build.ts';
import { cCompileFlags } from '../processes/vmlinux-header.ts';
import { LOADER_RUN_SCRIPT, USER_CFLAGS, prepareLoaderBuild, prepareScratchLoader } from '../workspace/loader-build.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { PROGRAM_CFLAGS, PROGRAM_RUN_SCRIPT, prepareProgramBuild, prepareScratchProgram } from '../workspace/program-build.ts';
import { EVENTS } from '../limits.ts';

export interface RecipeContext {
  /** Working folder with the lesson's sources (trace.bpf.c …). */
  workDir: string;
  /** The generic libbpf runner built by `make -C bpf`. */
  runnerPath: string;
  /** Compile cache root (the server's private folder; tests use their own). */
  cacheDir: string;
  /** A fresh scratch folder for edited code (removed by the session). */
  newScratch: () => string;
  /** Folder put first in every command's PATH: its `sudo` makes lessons' `sudo …` work as written. */
  binDir: string;
}

/** How the session reads a recipe's output. */
export type OutputKind = 'raw' | 'bpftrace' | 'runner' | 'loader';

export type Recipe =
  | { ok: true; command: CommandSpec; display: string; output: OutputKind; preamble?: string; scratch?: string }
  | { ok: false; message: string };

/** Removes `sudo` at the start of each command of a shell snippet. */
export function dropSudo(script: string): string {
  return script.replace(/(^|[;&|({]\s*|\n\s*|&&\s*|\|\|\s*)sudo\s+(?:-E\s+)?/g, '$1');
}

/**
 * Every command runs directly: the server is root when blocks can run at all
 * (launch.mjs), and `sudo` typed in a block or the free terminal is the shim
 * in `binDir`. Only PATH differs from the minimal environment.
 */
const envFor = (ctx: RecipeContext) => ({ PATH: `${ctx.binDir}:${SYSTEM_PATH}` });

/**
 * What a block runs. `edited` is the learner's version of the code (already
 * validated): it is built and run in a scratch folder the session removes afterwards.
 * `runnerArgs`: the runner's `--set name=value` for the block's globals (server/runs/run-config.ts).
 */
export function recipeFor(block: RunnableBlock, ctx: RecipeContext, edited?: string, runnerArgs: string[] = []): Recipe {
  if (edited !== undefined) return editedRecipe(block, ctx, edited, runnerArgs);
  switch (block.kind) {
    case 'shell': {
      return {
        ok: true,
        command: { file: '/bin/bash', args: ['-c', block.code], cwd: ctx.workDir, env: envFor(ctx) },
        display: block.code,
        output: /\bbpftrace\b/.test(block.code) ? 'bpftrace' : 'raw',
      };
    }
    case 'bpftrace':
      return {
        ok: true,
        command: { file: 'bpftrace', args: ['-e', block.code], cwd: ctx.workDir, env: envFor(ctx) },
        display: `sudo bpftrace -e '…'`,
        output: 'bpftrace',
      };
    case 'c':
      return cRecipe(block.code, block.fileName, ctx, false, runnerArgs);
    case 'loader':
      return loaderRecipe(block, block.code, ctx);
    case 'program':
      return programRecipe(block, block.code, ctx);
  }
}

function editedRecipe(block: RunnableBlock, ctx: RecipeContext, code: string, runnerArgs: string[]): Recipe {
  if (block.kind === 'c') return cRecipe(code, block.fileName, ctx, true, runnerArgs);
  if (block.kind === 'loader') return loaderRecipe(block, code, ctx, true);
  if (block.kind === 'program') return programRecipe(block, code, ctx, true);
  const dir = writeScratch('programa.bt', code, ctx.newScratch);
  return {
    ok: true,
    command: { file: 'bpftrace', args: [join(dir, 'programa.bt')], cwd: dir, env: envFor(ctx) },
    display: 'sudo bpftrace programa.bt',
    output: 'bpftrace',
    scratch: dir,
  };
}

/** A C program: compile when its source changed (cache by content hash), then load, attach and stream with the runner. */
export function cRecipe(code: string, fileName: string, ctx: RecipeContext, scratch = false, runnerArgs: string[] = []): Recipe {
  if (!existsSync(ctx.runnerPath)) {
    return {
      ok: false,
      message: terminal['recipe.noRunner'],
    };
  }
  const flags = cCompileFlags(code, ctx.cacheDir);
  if (!flags.ok) return { ok: false, message: flags.message };
  const build = scratch ? prepareScratchBuild(code, fileName, ctx.newScratch) : prepareCBuild(code, fileName, ctx.cacheDir, flags.flags);
  // The workshop's own options (the events cap), then the learner's (`--set name=value`).
  const runnerOptions = ['--max-events', String(EVENTS.maxPerSecond), ...runnerArgs];
  // Compiled already: the runner itself, no shell in between.
  const command: CommandSpec = build.cached
    ? { file: ctx.runnerPath, args: ['--json', ...runnerOptions, build.object], cwd: build.dir, env: envFor(ctx) }
    : {
        file: '/bin/sh',
        args: [
          '-c',
          C_RUN_SCRIPT,
          'taller-c',
          build.dir,
          build.source,
          build.object,
          ctx.runnerPath,
          String(runnerOptions.length),
          ...runnerOptions,
          ...flags.flags,
        ],
        cwd: build.dir,
        env: envFor(ctx),
      };
  return {
    ok: true,
    command,
    // The page already shows this command line; the preamble only says when the compile is skipped.
    display: `${build.display} && sudo runner ${[...runnerArgs.map(shellWord), build.object].join(' ')}`,
    output: 'runner',
    scratch: scratch ? build.dir : undefined,
    preamble: build.cached ? `\x1b[2m${terminal['recipe.cached']}\x1b[0m\r\n` : undefined,
  };
}

/**
 * A loader: its BPF program compiled with the lessons' flags, `bpftool gen skeleton`,
 * the user-space C compiled against the skeleton and libbpf, then run as is (no runner:
 * the learner's program opens, loads, attaches and reads by itself).
 */
export function loaderRecipe(block: RunnableBlock, code: string, ctx: RecipeContext, scratch = false): Recipe {
  const bpf = block.bpf;
  if (!bpf) return { ok: false, message: terminal['loader.noBpf'] };
  const flags = cCompileFlags(bpf.code, ctx.cacheDir);
  if (!flags.ok) return { ok: false, message: flags.message };
  const build = scratch
    ? prepareScratchLoader(bpf, block.fileName, code, ctx.newScratch)
    : prepareLoaderBuild(bpf, block.fileName, code, ctx.cacheDir, flags.flags);
  const n = build.names;
  const stage = (key: 'loader.bpfFailed' | 'loader.skeletonFailed' | 'loader.ccFailed') =>
    fill(terminal[key], { bpf: n.bpfSource, object: n.object, skeleton: n.skeleton, source: n.source });
  return {
    ok: true,
    command: {
      file: '/bin/sh',
      args: [
        '-c',
        LOADER_RUN_SCRIPT,
        'taller-cargador',
        build.dir,
        n.bpfSource,
        n.object,
        n.skeleton,
        n.name,
        n.source,
        n.binary,
        USER_CFLAGS.join(' '),
        stage('loader.bpfFailed'),
        stage('loader.skeletonFailed'),
        stage('loader.ccFailed'),
        ...flags.flags,
      ],
      cwd: build.dir,
      env: envFor(ctx),
    },
    display: build.display,
    output: 'loader',
    scratch: scratch ? build.dir : undefined,
    preamble: build.cached ? `\x1b[2m${terminal['loader.cached']}\x1b[0m\r\n` : undefined,
  };
}

/**
 * A plain user-space C program: compiled with `cc` (no BPF object, no runner, no
 * libbpf), then run as is; its output is shown raw and is what a judge reads.
 */
export function programRecipe(block: RunnableBlock, code: string, ctx: RecipeContext, scratch = false): Recipe {
  const build = scratch
    ? prepareScratchProgram(code, block.fileName, ctx.newScratch)
    : prepareProgramBuild(code, block.fileName, ctx.cacheDir);
  return {
    ok: true,
    command: {
      file: '/bin/sh',
      args: [
        '-c',
        PROGRAM_RUN_SCRIPT,
        'taller-programa',
        build.dir,
        build.source,
        build.binary,
        PROGRAM_CFLAGS.join(' '),
        fill(terminal['program.ccFailed'], { source: build.source }),
      ],
      cwd: build.dir,
      env: envFor(ctx),
    },
    display: build.display,
    output: 'raw',
    scratch: scratch ? build.dir : undefined,
    preamble: build.cached ? `\x1b[2m${terminal['program.cached']}\x1b[0m\r\n` : undefined,
  };
}

/** One argument as the learner would type it (the command line shown, never run). */
function shellWord(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The free terminal: an interactive shell in the work folder. */
export function shellRecipe(ctx: RecipeContext): CommandSpec {
  return {
    file: '/bin/bash',
    args: ['--noprofile', '--norc', '-i'],
    cwd: ctx.workDir,
    env: { ...envFor(ctx), PS1: '\\[\\e[1;32m\\]taller\\[\\e[0m\\]:\\[\\e[1;34m\\]\\W\\[\\e[0m\\]\\$ ' },
  };
}
