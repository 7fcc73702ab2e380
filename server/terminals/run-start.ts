// Starting a run: a block id (and the learner's edit) → its recipe, the
// output transforms its kind needs; Comprobar → the exercise's check; then the
// process in its pty. Each step answers with what to run or a Spanish reason.
import type { ServerMessage } from '../../lib/protocol.ts';
import type { RunTable } from '../runs/table.ts';
import { recipeFor, type RecipeContext } from '../runs/recipes.ts';
import { validateLearnerSource } from '../runs/learner-source.ts';
import { loaderNames } from '../workspace/loader-build.ts';
import { programsOf, watchLoaderAttach } from './loader-attach.ts';
import { bpffsPaths, lessonPins, removeNewPins } from '../processes/bpf-cleanup.ts';
import { fill } from '../../lib/messages/fill.mjs';
import { terminal } from '../../lib/messages/es/terminal.mjs';
import { runnerConfigArgs } from '../runs/run-config.ts';
import { declaresCgroupGlobal, CGROUP_GLOBAL } from '../runs/sandbox-needs.ts';
import { SANDBOX, type Sandbox } from '../processes/sandbox.ts';
import { OutputNotes } from '../runs/error-summary.ts';
import type { CgroupPool } from '../processes/cgroup.ts';
import { spawnInPty, type CommandSpec, type SandboxProcess } from '../processes/pty-process.ts';
import { NoiseFilter } from '../runs/noise-filter.ts';
import { dumpXlated } from '../processes/bytecode.ts';
import { RunnerStream } from '../bpf/runner-stream.ts';
import { EXERCISES, exerciseBlockId } from '../exercises/catalog.ts';
import { CheckRun } from '../exercises/check-run.ts';
import { RunOutput, type OutputTransform } from './run-output.ts';
import { msg } from './messages.ts';

type Failed = { ok: false; message: string };

export interface PreparedRun {
  ok: true;
  command: CommandSpec;
  /** The command as the page shows it. */
  display: string;
  /** Text shown before the process's output. */
  preamble?: string;
  /** Scratch folder of an edited run, removed when the run ends. */
  scratch: string | null;
  output: RunOutput;
  /** Loader runs: watches the started process until it attaches; returns the watch's stop. */
  watch?: (pid: number) => () => void;
  /** Loader runs: after the process is gone, removes the pins it made; a Spanish notice when there were some. */
  afterExit?: () => string | null;
}

/** What the run's output pipeline talks to. */
export interface RunHooks {
  send(m: ServerMessage): void;
  /** The terminal's width now. */
  cols(): number;
  /** Bytes for the page, after the transforms. */
  emit(data: Buffer): void;
  /** The exercise being checked, if this run is a Comprobar. */
  check: CheckRun | null;
}

/**
 * The runner's targets in the sandbox: the server side's veth end, the run's cgroup, and the cgroup's
 * id in `cgroup_objetivo` when the code declares it (enforcement acts only on the run's processes).
 */
function sandboxRunnerArgs(sandbox: Sandbox | null, code: string): string[] {
  if (!sandbox) return [];
  const args = ['--ifname', SANDBOX.srvInterface];
  if (sandbox.cgroup) args.push('--cgroup', sandbox.cgroup.path);
  if (sandbox.cgroupId && declaresCgroupGlobal(code)) args.push('--set', `${CGROUP_GLOBAL}=${sandbox.cgroupId}`);
  return args;
}

/**
 * The block's recipe (the learner's edit and the globals' values validated first) and its output pipeline.
 * With a sandbox (processes/sandbox.ts) the run happens inside its server-side namespace.
 */
export function prepareRun(
  id: string,
  source: string | undefined,
  config: Readonly<Record<string, string>> | undefined,
  runs: RunTable,
  ctx: RecipeContext,
  hooks: RunHooks,
  sandbox: Sandbox | null = null,
): PreparedRun | Failed {
  const block = runs.get(id);
  if (!block) return { ok: false, message: msg.unknownBlock(id) };
  let edited: string | undefined;
  if (source !== undefined && source !== block.code) {
    const skeleton = block.bpf ? loaderNames(block.bpf.fileName, block.fileName).skeleton : undefined;
    const v = validateLearnerSource(block.kind, source, skeleton);
    if (!v.ok) return { ok: false, message: v.message };
    edited = v.source;
  }
  const settings = runnerConfigArgs(block, config);
  if (!settings.ok) return settings;
  const recipe = recipeFor(block, ctx, edited, [...settings.args, ...sandboxRunnerArgs(sandbox, edited ?? block.code)]);
  if (!recipe.ok) return recipe;
  const command = sandbox ? sandbox.inServer(recipe.command) : recipe.command;
  const { check, send, cols } = hooks;
  let transform: OutputTransform | null = null;
  if (recipe.output === 'bpftrace') transform = new NoiseFilter();
  if (recipe.output === 'runner') {
    // "Ver bytecode" (bpftool) waits until the runner has attached everything: started on `loaded`,
    // its process would compete with the attach for the CPU and delay `attached`.
    const bytecode: Array<{ program: string; id: number }> = [];
    transform = new RunnerStream(
      send,
      (ev) => {
        check?.onEvent(ev);
        if (ev.type === 'loaded') bytecode.push({ program: ev.program, id: ev.id });
        if (ev.type === 'ready' || ev.type === 'error' || ev.type === 'exit') {
          for (const b of bytecode.splice(0)) void sendBytecode(send, b.program, b.id);
        }
      },
      cols,
    );
  }
  // Paths in the build or scratch folder are shown as the learner's file names.
  const folders = [recipe.command.cwd, recipe.scratch].filter((f): f is string => !!f);
  const notes = new OutputNotes({ folders, cols, bpftrace: recipe.output === 'bpftrace' });
  // A loader says nothing we parse: it is attached when it holds a BPF link (loader-attach.ts).
  const programs = recipe.output === 'loader' ? programsOf(block.bpf?.code ?? '') : null;
  const watch = programs
    ? (pid: number) =>
        watchLoaderAttach(pid, programs, (p) => {
          send({ type: 'attached', program: p.program, section: p.section });
          check?.onEvent({ type: 'attached', program: p.program, section: p.section });
        })
    : undefined;
  // A pin outlives the process: what the loader pins is removed when it ends (see bpf-cleanup.ts).
  const pinsBefore = programs ? bpffsPaths() : null;
  const afterExit = pinsBefore
    ? () => {
        const removed = removeNewPins(pinsBefore, lessonPins(runs));
        return removed.length ? fill(terminal['loader.pinsRemoved'], { pins: removed.join(', ') }) : null;
      }
    : undefined;
  return {
    ok: true,
    command,
    display: recipe.display,
    preamble: recipe.preamble,
    scratch: recipe.scratch ?? null,
    output: new RunOutput(transform, notes, hooks.emit),
    watch,
    afterExit,
  };
}

async function sendBytecode(send: (m: ServerMessage) => void, program: string, id: number): Promise<void> {
  const text = await dumpXlated(id);
  if (text) send({ type: 'bytecode', program, id, text });
}

/** Comprobar: the exercise's check and the block it runs. */
export function prepareCheck(
  exercise: string,
  stop: () => void,
  notice: (message: string) => void,
): { ok: true; check: CheckRun; blockId: string } | Failed {
  const ex = EXERCISES.get(exercise);
  if (!ex) return { ok: false, message: msg.unknownExercise(exercise) };
  return { ok: true, check: new CheckRun(ex, stop, notice), blockId: exerciseBlockId(ex.id) };
}

/** The process, in its own pty and cgroup. */
export function spawnRun(
  cmd: CommandSpec,
  size: { cols: number; rows: number },
  cgroups: CgroupPool,
): { ok: true; proc: SandboxProcess } | Failed {
  try {
    return { ok: true, proc: spawnInPty(cmd, size, cgroups) };
  } catch (err) {
    return { ok: false, message: msg.spawnFailed(cmd.file, err) };
  }
}
