// The lab's suite, run inside one environment (the host, a chroot, a guest):
// every runnable block of every lesson from the run table through the real
// server (same recipes, same output reading, a Detener at the end), every
// exercise's start and solution through the real judge, the verifier corpus,
// and the doctor. Writes a SuiteReport as JSON.
//
//   node --import tsx lab/suite.ts --env A --out results.json [--subset targeted]
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRunTable } from '../server/runs/table.ts';
import { missingNeed } from '../server/runs/needs.ts';
import { needsOf } from '../server/requirements/readiness.ts';
import { loadExercises } from '../server/exercises/folders.ts';
import { explainVerifierLog } from '../server/bpf/verifier.ts';
import { ATTACHED_LINE } from '../server/runs/bpftrace-output.ts';
import { READINESS_PATH, type ReadinessBody, type Readiness } from '../lib/protocol.ts';
import type { RunnableBlock } from '../lib/lessons/runnable.ts';
import { startServer, authHeader, type RunningServer } from '../tests/helpers/server.ts';
import { TerminalClient } from '../tests/helpers/terminal-client.ts';
import { bpfLinks, bpffsEntries, pidsMatching, tracingProgIds } from '../tests/helpers/system.ts';
import { hostCgroups, hostNetwork } from '../tests/helpers/host-network.ts';
import { ourNamespaces } from '../server/processes/sandbox.ts';
import { needsSandbox } from '../server/runs/sandbox-needs.ts';
import { FIXTURES, kinds, loadAndGetLog } from '../tests/fixtures/verifier/record.ts';
import type { BlockResult, ExerciseResult, Outcome, SuiteReport, VerifierResult, Versions } from './results.ts';

const ROOT = join(import.meta.dirname, '..');
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const ENV = arg('env') ?? '?';
const OUT = arg('out') ?? 'lab-results.json';
const SUBSET = arg('subset') === 'targeted' ? 'targeted' : 'all';
/** `--lessons a,b`: only these lessons' blocks and exercises, and no verifier corpus (lab/run.ts --lesson=). */
const LESSONS = arg('lessons')?.split(',').filter(Boolean);
const inLessons = (lesson: string) => !LESSONS || LESSONS.includes(lesson);

/** Under TCG a bpftrace start takes 3–4 s and a compile several: generous, event-driven waits. */
const ATTACH_MS = 120_000;
const EXPECT_MS = 8_000;
const TRIGGER_ROUNDS = 4;
const EXIT_MS = 120_000;
const VERDICT_MS = 180_000;

const log = (s: string) => process.stdout.write(`[lab ${ENV}] ${s}\n`);

function firstLine(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return `${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').find((l) => l.trim()) ?? 'ausente';
}

function versions(): Versions {
  const osr = readFileSync('/etc/os-release', 'utf8');
  const libbpf = spawnSync('dpkg-query', ['-W', '-f=${Version}', 'libbpf-dev'], { encoding: 'utf8' }).stdout || 'ausente';
  return {
    distro: /^PRETTY_NAME="?([^"\n]*)"?/m.exec(osr)?.[1] ?? 'Linux',
    kernel: execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim(),
    clang: /version (\S+)/.exec(firstLine('clang', ['--version']))?.[1] ?? 'ausente',
    bpftrace: firstLine('bpftrace', ['--version']).replace(/^bpftrace v?/, ''),
    libbpf: libbpf.replace(/^1:/, '').replace(/-.*$/, ''),
    bpftool: firstLine('bpftool', ['version']).replace(/^bpftool v?/, ''),
    node: process.version.slice(1),
  };
}

/** Everything a run could leave in the kernel. */
function kernelState(): string[] {
  return [
    ...tracingProgIds().map((id) => `prog ${id}`),
    ...bpfLinks().map((l) => `link ${l.id}`),
    ...bpffsEntries().map((p) => `pin ${p}`),
    ...pidsMatching(/runner --json|^bpftrace |net-peer\.mjs/).map((p) => `process ${p}`),
    ...ourNamespaces().map((n) => `netns ${n}`),
  ];
}

/** What a sandboxed block must leave as it was: the machine's interfaces, routes, firewall and cgroups. */
const hostState = () => JSON.stringify({ net: hostNetwork(), cgroups: hostCgroups() });

/** Activity that makes the lessons' probes fire beyond the workload buttons: cat, unlink, read. */
function activity(): void {
  spawnSync('/bin/sh', ['-c', 'cat /etc/hostname >/dev/null; f=$(mktemp); rm -f "$f"; head -c 64 /etc/hostname >/dev/null; /bin/true'], {
    stdio: 'ignore',
  });
}

/**
 * A bpftrace program that only fills maps (no printf, print, time or interval probe) shows them when it
 * stops: there is nothing to wait for while it runs.
 */
function printsAtExit(block: RunnableBlock): boolean {
  const bt = block.kind === 'bpftrace' || /\bbpftrace\s/.test(block.code);
  return bt && /@\w*(\[[^\]]*\])?\s*=/.test(block.code) && !/\b(printf|print|time|interval|cat)\s*\(|interval:/.test(block.code);
}

/** One round of events: the block's workload buttons (waited for: the server says when each is done) and `activity`. */
async function trigger(c: TerminalClient, ready: Readiness): Promise<void> {
  const notices = () => c.messages.filter((m) => m.type === 'notice').length;
  const before = notices();
  for (const kind of ready.workloads) c.send({ type: 'workload', kind });
  activity();
  await c.waitFor((x) => notices() >= before + ready.workloads.length || exited(x), 'workload notices', EXPECT_MS).catch(() => {});
}

const plain = (s: string) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');

/** All the run said: its terminal text, maps, verifier panel and exit sentence. */
function transcript(c: TerminalClient): string {
  const parts = [plain(c.output)];
  for (const m of c.messages) {
    if (m.type === 'maps') parts.push(JSON.stringify(m.maps));
    if (m.type === 'verifier') parts.push(m.summary, m.explanation, m.decisive);
    if (m.type === 'exit' || m.type === 'error' || m.type === 'notice') parts.push(m.message);
  }
  return parts.join('\n');
}

const isAttached = (c: TerminalClient) => c.messages.some((m) => m.type === 'attached') || ATTACHED_LINE.test(plain(c.output));
const exited = (c: TerminalClient) => c.messages.some((m) => m.type === 'exit' || m.type === 'error');

interface RunOutcome {
  passed: boolean;
  why: string;
}

/** Runs one block as the page does: Ejecutar, the workloads once attached, Detener. */
async function runBlock(server: RunningServer, block: RunnableBlock, ready: Readiness): Promise<RunOutcome> {
  const c = new TerminalClient(server);
  try {
    await c.opened;
    c.send({ type: 'run', id: block.id, cols: 120, rows: 40 });
    await c.waitFor((x) => isAttached(x) || exited(x), 'attached or exit', ATTACH_MS);
    const expect = block.expect ? new RegExp(block.expect, 'm') : null;
    if (!exited(c)) {
      // Long-running: make its events happen, in rounds (bpftrace's probes go live a moment after its
      // line). A block that prints only at Detener gets two rounds, each waited for by its workload notices.
      const atExit = printsAtExit(block);
      // Without `expect` (a block that may show nothing, as the lesson says), one round, then Detener.
      const rounds = atExit ? 2 : expect ? TRIGGER_ROUNDS : 1;
      for (let round = 0; round < rounds; round++) {
        await trigger(c, ready);
        if (atExit || !expect) continue;
        try {
          await c.waitFor((x) => expect.test(transcript(x)), 'output', EXPECT_MS);
          break;
        } catch {
          /* next round */
        }
      }
      c.send({ type: 'stop' });
      await c.waitFor(exited, 'exit after Detener', EXIT_MS);
      const text = transcript(c);
      if (expect && !expect.test(text)) return { passed: false, why: `no ${expect} in: ${text.slice(-600)}` };
      const exit = c.exitMessage();
      if (!exit) return { passed: false, why: `no exit message: ${text.slice(-600)}` };
      return { passed: true, why: '' };
    }
    const text = transcript(c);
    const exit = c.exitMessage();
    if (expect) return expect.test(text) ? { passed: true, why: '' } : { passed: false, why: `no ${expect} in: ${text.slice(-600)}` };
    if (exit?.code === 0) return { passed: true, why: '' };
    return { passed: false, why: `exit ${exit?.code ?? exit?.signal ?? '?'}: ${text.slice(-600)}` };
  } finally {
    c.ws.close();
    await c.closed;
  }
}

/** A provider of something the block reads by name (a map, a program) runs beside it, as the lesson asks. */
async function withCompanion<T>(server: RunningServer, provider: RunnableBlock | null, fn: () => Promise<T>): Promise<T> {
  if (!provider) return fn();
  const c = new TerminalClient(server);
  try {
    await c.opened;
    c.send({ type: 'run', id: provider.id, cols: 120, rows: 40 });
    await c.waitFor((x) => isAttached(x) || exited(x), `${provider.id} attached`, ATTACH_MS);
    // Something for the block to read: events in the provider's maps.
    await trigger(c, { ready: true, reasons: [], missing: [], workloads: ['exec'] });
    await c
      .waitFor(
        (x) => x.messages.some((m) => m.type === 'maps' && m.maps.some((d) => d.entries.length > 0)) || exited(x),
        'entries in the maps',
        EXPECT_MS,
      )
      .catch(() => {});
    return await fn();
  } finally {
    c.send({ type: 'stop' });
    await c.waitFor(exited, 'companion exit', EXIT_MS).catch(() => {});
    c.ws.close();
  }
}

function classify(ready: Readiness, run: RunOutcome): { outcome: Outcome; reason?: string } {
  if (ready.ready) return run.passed ? { outcome: 'ok' } : { outcome: 'fail', reason: run.why };
  if (run.passed) return { outcome: 'fail', reason: `the doctor calls it unavailable (${ready.reasons.join(' ')}) but it works` };
  return { outcome: 'unavailable', reason: ready.reasons[0] };
}

/** Blocks that prove the kernel-dependent parts: C programs and anything needing kprobes, fentry, LSM or BTF. */
function targeted(block: RunnableBlock): boolean {
  const needs = needsOf(block);
  return block.kind === 'c' || ['kprobes', 'fentry', 'lsm', 'btf'].some((n) => needs.has(n as never));
}

async function readiness(server: RunningServer): Promise<ReadinessBody> {
  const res = await fetch(`${server.origin}${READINESS_PATH}`, { headers: { ...authHeader(server.token), origin: server.origin } });
  if (!res.ok) throw new Error(`readiness: HTTP ${res.status}`);
  return (await res.json()) as ReadinessBody;
}

async function blocks(server: RunningServer, ready: ReadinessBody): Promise<BlockResult[]> {
  const table = loadRunTable(join(ROOT, 'content'));
  const out: BlockResult[] = [];
  for (const block of table.values()) {
    if ((SUBSET === 'targeted' && !targeted(block)) || !inLessons(block.lesson)) continue;
    const r = ready.blocks[block.id];
    const started = Date.now();
    let result: { outcome: Outcome; reason?: string };
    try {
      const need = missingNeed(block, table, { running: new Set() });
      const provider = need && need.need.kind !== 'pin' ? need.provider : null;
      const hostBefore = needsSandbox(block) ? hostState() : null;
      let run = await withCompanion(server, provider, () => runBlock(server, block, r));
      if (hostBefore !== null && hostState() !== hostBefore) run = { passed: false, why: 'the host network or cgroups changed' };
      result = classify(r, run);
    } catch (err) {
      result = classify(r, { passed: false, why: (err as Error).message.slice(0, 1500) });
    }
    const seconds = (Date.now() - started) / 1000;
    log(`${result.outcome.padEnd(11)} ${block.id} (${seconds.toFixed(1)} s)${result.outcome === 'fail' ? `: ${result.reason}` : ''}`);
    out.push({ id: block.id, lesson: block.lesson, kind: block.kind, ...result, seconds });
  }
  return out;
}

async function check(server: RunningServer, exercise: string, source: string) {
  const c = new TerminalClient(server);
  try {
    await c.opened;
    c.send({ type: 'check', exercise, source, cols: 120, rows: 40 });
    await c.waitFor((x) => x.messages.some((m) => m.type === 'verdict' || m.type === 'error'), 'verdict', VERDICT_MS);
    const v = c.messages.find((m) => m.type === 'verdict');
    await c.waitFor(exited, 'exit after the verdict', EXIT_MS).catch(() => {});
    return v && v.type === 'verdict' ? { ok: v.ok, message: v.message } : { ok: false, message: transcript(c).slice(-600) };
  } finally {
    c.ws.close();
    await c.closed;
  }
}

async function exercises(server: RunningServer, ready: ReadinessBody): Promise<ExerciseResult[]> {
  const out: ExerciseResult[] = [];
  for (const e of loadExercises(join(ROOT, 'content')).filter((x) => inLessons(x.lesson))) {
    const started = Date.now();
    const r = ready.blocks[`ej-${e.id}`];
    let result: { outcome: Outcome; reason?: string };
    try {
      const start = await check(server, e.id, e.start);
      const solution = await check(server, e.id, e.solution);
      const passed = !start.ok && solution.ok;
      const why = start.ok ? `the starting code passes its judge: ${start.message}` : `the solution fails its judge: ${solution.message}`;
      result = r ? classify(r, { passed, why }) : passed ? { outcome: 'ok' } : { outcome: 'fail', reason: why };
    } catch (err) {
      result = {
        outcome: r && !r.ready ? 'unavailable' : 'fail',
        reason: r && !r.ready ? r.reasons[0] : (err as Error).message.slice(0, 1500),
      };
    }
    const seconds = (Date.now() - started) / 1000;
    log(`${result.outcome.padEnd(11)} ejercicio ${e.id} (${seconds.toFixed(1)} s)${result.outcome === 'fail' ? `: ${result.reason}` : ''}`);
    out.push({ id: e.id, lesson: e.lesson, ...result, seconds });
  }
  return out;
}

async function verifierCorpus(): Promise<VerifierResult[]> {
  const expected: Record<string, { cause: string }> = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
  const out: VerifierResult[] = [];
  for (const kind of kinds()) {
    try {
      const { log: vlog } = await loadAndGetLog(kind);
      const cause = explainVerifierLog(vlog).cause;
      const ok = cause === expected[kind].cause;
      out.push({ kind, outcome: ok ? 'ok' : 'fail', cause, reason: ok ? undefined : `read as ${cause}, expected ${expected[kind].cause}` });
    } catch (err) {
      out.push({ kind, outcome: 'fail', cause: null, reason: (err as Error).message.slice(0, 600) });
    }
    const r = out.at(-1)!;
    if (r.outcome !== 'ok') log(`fail        verificador ${kind}: ${r.reason}`);
  }
  log(`verificador: ${out.filter((r) => r.outcome === 'ok').length}/${out.length} como se esperaba`);
  return out;
}

function doctor(): SuiteReport['doctor'] {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'server/doctor.ts', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TSX_DISABLE_CACHE: '1' },
  });
  const checks: Array<{ id: string; status: string }> = JSON.parse(r.stdout);
  const count = (s: string) => checks.filter((c) => c.status === s).length;
  return {
    ok: count('ok'),
    warn: count('warn'),
    fail: count('fail'),
    failing: checks.filter((c) => c.status !== 'ok').map((c) => `${c.id}:${c.status}`),
  };
}

const started = Date.now();
const before = new Set(kernelState());
const report: SuiteReport = {
  env: ENV,
  versions: versions(),
  doctor: doctor(),
  blocks: [],
  exercises: [],
  verifier: [],
  leftovers: [],
  seconds: 0,
  subset: SUBSET,
};
log(
  `${report.versions.distro}, kernel ${report.versions.kernel}, clang ${report.versions.clang}, bpftrace ${report.versions.bpftrace}, libbpf ${report.versions.libbpf}`,
);
log(`doctor: ${report.doctor.ok} ok, ${report.doctor.warn} avisos, ${report.doctor.fail} fallos (${report.doctor.failing.join(', ')})`);
const server = await startServer({ TSX_DISABLE_CACHE: '1' });
try {
  const ready = await readiness(server);
  report.blocks = await blocks(server, ready);
  report.exercises = await exercises(server, ready);
} finally {
  await server.stop();
}
report.verifier = LESSONS ? [] : await verifierCorpus();
report.leftovers = kernelState().filter((s) => !before.has(s));
report.seconds = (Date.now() - started) / 1000;
writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');
const bad =
  [...report.blocks, ...report.exercises, ...report.verifier].filter((r) => r.outcome === 'fail').length + report.leftovers.length;
log(
  `hecho en ${report.seconds.toFixed(0)} s: ${bad} fallos${report.leftovers.length ? `; quedó en el kernel: ${report.leftovers.join(', ')}` : ''}`,
);
process.exit(0);
