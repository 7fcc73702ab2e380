// `npm run bench`: measures Taller eBPF against its baselines on this machine,
// prints a table and writes bench/results.json. Not part of `npm test`.
//   BENCH_RUNS=N      runs per figure (default 5; throughput 3)
//   --only a,b        only these sections: memory, startup, weight, lcp, click, throughput, detener, echo
// Must hold the kernel lock (npm run bench takes it): it loads BPF programs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { startServer, type RunningServer } from '../tests/helpers/server.ts';
import { launchBrowser } from '../tests/helpers/browser.ts';
import { loadRunTable } from '../server/runs/table.ts';
import { dropSudo } from '../server/runs/recipes.ts';
import { figure, percentile, table, type Figure } from './lib/stats.ts';
import { machineInfo } from './lib/proc.ts';
import { pageWeight, clickToOutput, largestContentfulPaint, type ClickTimes } from './page.ts';
import { bpftracePty, cBaseline, execLoop, type CBaseline } from './baselines.ts';
import { ensureWetty, startWetty, WETTY_VERSION, type Wetty } from './wetty.ts';
import { streamPlainPty, streamTaller, streamWetty, type StreamRun } from './throughput.ts';
import { ctrlCPlainPty, ctrlCWetty, detenerTaller, echoPlainPty, echoTaller, echoWetty, type EchoResult } from './latency.ts';
import { memoryTaller, memoryWetty } from './memory.ts';
import { startup } from './startup.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STREAM_RUNS = Number(process.env.BENCH_STREAM_RUNS ?? Math.min(RUNS, 3));
const ECHO_KEYS = Number(process.env.BENCH_ECHO_KEYS ?? 200);
const onlyArg = process.argv.indexOf('--only');
const ONLY = onlyArg >= 0 ? new Set(process.argv[onlyArg + 1].split(',')) : null;
const want = (s: string) => !ONLY || ONLY.has(s);

const figures: Figure[] = [];
const notes: string[] = [];
const raw: Record<string, unknown> = {};
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);

const caches: string[] = [];
function freshCache(): string {
  const d = mkdtempSync(join(tmpdir(), 'taller-bench-cache-'));
  caches.push(d);
  return d;
}

let server: RunningServer | null = null;
let wetty: Wetty | null = null;
let browser: Browser | null = null;
const extraServers: RunningServer[] = [];

async function main() {
  const machine = machineInfo();
  log(`${machine.cpu}, ${machine.cores} cores, kernel ${machine.kernel}, Node ${machine.node}; ${RUNS} runs per figure`);

  const wettyError =
    want('memory') || want('startup') || want('throughput') || want('detener') || want('echo') ? ensureWetty() : 'not needed';
  if (wettyError && wettyError !== 'not needed') {
    notes.push(`wetty ${WETTY_VERSION} could not be installed: ${wettyError}`);
    log(`wetty unavailable: ${wettyError}`);
  }
  const haveWetty = wettyError === null;

  server = await startServer({ TALLER_BUILD_CACHE: freshCache() });
  if (haveWetty) wetty = await startWetty();

  // ── memory (first: both servers are fresh) ──────────────────────────────
  if (want('memory')) {
    log('memory: RSS idle and with 8 shells');
    const t = await memoryTaller(server, 8);
    const w = wetty ? await memoryWetty(wetty, 8) : null;
    raw.memory = { taller: t, wetty: w };
    figures.push(
      figure('server memory', 'RSS idle (fresh server)', 'KiB', [t.idleKiB], {
        baseline: w ? { name: 'wetty', runs: [w.idleKiB] } : undefined,
      }),
      figure('server memory', `RSS with ${t.terminals} open shells`, 'KiB', [t.withTerminalsKiB], {
        baseline: w ? { name: 'wetty', runs: [w.withTerminalsKiB] } : undefined,
      }),
      figure('server memory', 'RSS per open terminal', 'KiB', [t.perTerminalKiB], {
        baseline: w ? { name: 'wetty', runs: [w.perTerminalKiB] } : undefined,
      }),
    );
  }

  // ── start time ──────────────────────────────────────────────────────────
  if (want('startup')) {
    log('startup: npm start → start URL, nothing to rebuild');
    const r = await startup(RUNS, haveWetty);
    raw.startup = r;
    const s = 'start time (spawn → start URL printed)';
    figures.push(
      figure(s, '`npm start` (node setup/launch.mjs start, as root)', 'ms', r.npmStartMs, {
        baseline: { name: "node -e ''", runs: r.nodeMs },
      }),
    );
    if (haveWetty) {
      figures.push(
        figure(s, '`npm start`, against wetty (spawn → first HTTP answer)', 'ms', r.npmStartMs, {
          baseline: { name: 'wetty', runs: r.wettyMs },
        }),
      );
    }
    figures.push(
      figure(s, '  the compiled server alone (setup done)', 'ms', r.compiledMs, { baseline: { name: "node -e ''", runs: r.nodeMs } }),
      figure(s, '  the server from its sources (tsx), as before', 'ms', r.sourcesMs, { baseline: { name: "node -e ''", runs: r.nodeMs } }),
    );
  }

  // ── page weight ─────────────────────────────────────────────────────────
  if (want('weight') || want('click')) browser = await launchBrowser();
  if (want('weight')) {
    log('page weight of /primer-programa/');
    const w = await pageWeight(browser!, server);
    raw.pageWeight = w;
    const section = 'page weight, /primer-programa/';
    const one = (name: string, v: number) => figures.push(figure(section, name, 'B', [v]));
    one('JS initial load, until `load` and LCP (gzip)', w.initial.jsGzip);
    one('CSS initial load, until `load` and LCP (gzip)', w.initial.cssGzip);
    one('JS before interaction, without the terminal prefetch (raw)', w.beforeInteraction.jsRaw);
    one('JS before interaction, without the terminal prefetch (gzip)', w.beforeInteraction.jsGzip);
    one('CSS before interaction, without the terminal prefetch (gzip)', w.beforeInteraction.cssGzip);
    one('HTML (raw)', w.initial.htmlRaw);
    one('HTML (gzip)', w.initial.htmlGzip);
    one('JS prefetched once idle: terminal code (gzip)', w.prefetched.jsGzip);
    one('CSS prefetched once idle: terminal code (gzip)', w.prefetched.cssGzip);
    one('JS after the first terminal opens (raw)', w.after.jsRaw);
    one('JS after the first terminal opens (gzip)', w.after.jsGzip);
    one('CSS after the first terminal opens (raw)', w.after.cssRaw);
    one('CSS after the first terminal opens (gzip)', w.after.cssGzip);
  }

  // ── Largest Contentful Paint ────────────────────────────────────────────
  if (want('lcp')) {
    log('largest contentful paint of /primer-programa/');
    browser ??= await launchBrowser();
    const lcp: number[] = [];
    for (let i = 0; i < RUNS; i++) lcp.push(await largestContentfulPaint(browser, server, '/primer-programa/'));
    raw.lcp = lcp;
    figures.push(figure('page load, /primer-programa/', 'Largest Contentful Paint (fresh context)', 'ms', lcp));
  }

  /** Waits for the server's warm-up report line (server/main.ts): its duration and how many it compiled. */
  async function warmedUp(s: RunningServer): Promise<{ ms: number; compiled: number }> {
    const re = /compilados de antemano: (\d+) nuevos.*\(en ([\d.]+) s\)/;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no warm-up report:\n${s.output()}`)), 120_000);
      const check = () => {
        if (!re.test(s.output())) return;
        clearTimeout(timer);
        s.proc.stdout!.off('data', check);
        resolve();
      };
      s.proc.stdout!.on('data', check);
      check();
    });
    const m = re.exec(s.output())!;
    return { compiled: Number(m[1]), ms: Number(m[2]) * 1000 };
  }

  // ── click → output ──────────────────────────────────────────────────────
  if (want('click')) {
    const table = loadRunTable(join(ROOT, 'content'));
    const trace = table.get('trace');
    const oneLiner = table.get('contar-syscalls');
    if (!trace || trace.kind !== 'c' || !oneLiner) throw new Error('blocks trace / contar-syscalls not found in content/');
    const cold: ClickTimes[] = [];
    const warmed: ClickTimes[] = [];
    const warmUp: Array<{ ms: number; compiled: number }> = [];
    const cached: ClickTimes[] = [];
    const samePage: ClickTimes[] = [];
    const atLoad: ClickTimes[] = [];
    const base: CBaseline[] = [];
    const bt: number[] = [];
    const btAgain: number[] = [];
    const btBase: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      log(`click→output run ${i + 1}/${RUNS}`);
      // Cold: a fresh server with an empty compile cache; cached: the same server again.
      const s = await startServer({ TALLER_BUILD_CACHE: freshCache() });
      extraServers.push(s);
      cold.push(...(await clickToOutput(browser!, s, '/primer-programa/', 'trace', /execve called/, execLoop)));
      const [c1, c2] = await clickToOutput(browser!, s, '/primer-programa/', 'trace', /execve called/, execLoop, true);
      cached.push(c1);
      samePage.push(c2);
      atLoad.push(...(await clickToOutput(browser!, s, '/primer-programa/', 'trace', /execve called/, execLoop, false, 'load')));
      await s.stop();
      // First start with the server's warm-up on (as `npm start` runs it): the click comes once it has finished.
      const w = await startServer({ TALLER_BUILD_CACHE: freshCache(), TALLER_WARM_CACHE: '1' });
      extraServers.push(w);
      warmUp.push(await warmedUp(w));
      warmed.push(...(await clickToOutput(browser!, w, '/primer-programa/', 'trace', /execve called/, execLoop)));
      await w.stop();
      base.push(await cBaseline(trace.code, trace.fileName ?? 'trace.bpf.c'));
      const [b1, b2] = await clickToOutput(browser!, server, '/bpftrace/', 'contar-syscalls', /Attaching \d+ probe/, undefined, true);
      bt.push(Number(b1.text) - b1.click);
      btAgain.push(Number(b2.text) - b2.click);
      btBase.push(await bpftracePty(dropSudo(oneLiner.code), ROOT));
    }
    raw.click = {
      cold,
      warmed,
      warmUp,
      cached,
      samePage,
      atLoad,
      baseline: base,
      bpftrace: bt,
      bpftraceSamePage: btAgain,
      bpftraceBaseline: btBase,
    };
    const d = (xs: ClickTimes[], a: keyof ClickTimes, b: keyof ClickTimes) => xs.map((x) => Number(x[b]) - Number(x[a]));
    const cb = (k: keyof CBaseline) => base.map((x) => x[k]);
    // How the start left the page: on a spare (a socket created before the click) or on a socket of its own.
    const spares = (xs: ClickTimes[]) =>
      `start sent on a spare socket in ${xs.filter((x) => Number(x.startSocketCreated) < x.click).length} of ${xs.length} runs`;
    const wsNote = (xs: ClickTimes[]) => ({ note: spares(xs) });
    const s1 = 'click→output, C program `trace` (cold: empty compile cache)';
    figures.push(
      figure(s1, 'click → attached', 'ms', d(cold, 'click', 'attached'), {
        baseline: { name: 'shell: clang && runner → ready', runs: cb('shellToReadyMs') },
      }),
      figure(s1, 'click → first `execve called`', 'ms', d(cold, 'click', 'text'), {
        baseline: { name: 'shell: clang && runner → first event', runs: cb('shellToEventMs') },
      }),
      figure(
        s1,
        '  click → start message sent (JS loaded, session checked, socket open)',
        'ms',
        d(cold, 'click', 'startSent'),
        wsNote(cold),
      ),
      figure(s1, '  start sent → started', 'ms', d(cold, 'startSent', 'started')),
      figure(s1, '  started → attached (compile + load + attach)', 'ms', d(cold, 'started', 'attached'), {
        baseline: { name: 'clang alone + runner alone to ready', runs: base.map((x) => x.compileMs + x.loadAttachMs) },
      }),
      figure(s1, '  attached → first event shown', 'ms', d(cold, 'attached', 'text'), {
        baseline: { name: 'runner: ready → first event', runs: cb('firstEventMs') },
      }),
      figure(s1, 'compile alone (clang, from a shell)', 'ms', cb('compileMs')),
      figure(s1, 'load+attach alone (runner → ready, from a shell)', 'ms', cb('loadAttachMs')),
    );
    const s1w = "click→output, C program `trace` (first start, empty cache, after the server's warm-up)";
    figures.push(
      figure(s1w, 'click → attached', 'ms', d(warmed, 'click', 'attached'), {
        baseline: { name: 'shell: clang && runner → ready', runs: cb('shellToReadyMs') },
      }),
      figure(
        s1w,
        `warm-up: the lessons' C blocks compiled at nice 19 (${warmUp[0]?.compiled} blocks)`,
        'ms',
        warmUp.map((x) => x.ms),
        {
          baseline: { name: 'as many compiles × clang alone', runs: base.map((x, i) => x.compileMs * (warmUp[i]?.compiled ?? NaN)) },
        },
      ),
    );
    const s2 = 'click→output, C program `trace` (cached object)';
    figures.push(
      figure(s2, 'click → attached', 'ms', d(cached, 'click', 'attached'), {
        baseline: { name: 'shell: runner → ready', runs: cb('loadAttachMs') },
      }),
      figure(s2, 'click → first `execve called`', 'ms', d(cached, 'click', 'text'), {
        baseline: { name: 'shell: runner → first event', runs: base.map((x) => x.loadAttachMs + x.firstEventMs) },
      }),
      figure(s2, '  click → start message sent', 'ms', d(cached, 'click', 'startSent'), wsNote(cached)),
      figure(s2, '  start sent → started', 'ms', d(cached, 'startSent', 'started')),
      figure(s2, '  started → attached (load + attach)', 'ms', d(cached, 'started', 'attached'), {
        baseline: { name: 'runner → ready', runs: cb('loadAttachMs') },
      }),
      figure(s2, '  attached → first event shown', 'ms', d(cached, 'attached', 'text'), {
        baseline: { name: 'runner: ready → first event', runs: cb('firstEventMs') },
      }),
    );
    const s3 = 'click→output, C program `trace`, Ejecutar again in the same page (JS loaded, object cached)';
    figures.push(
      figure(s3, 'click → attached', 'ms', d(samePage, 'click', 'attached'), {
        baseline: { name: 'shell: runner → ready', runs: cb('loadAttachMs') },
      }),
      figure(s3, 'click → first `execve called`', 'ms', d(samePage, 'click', 'text'), {
        baseline: { name: 'shell: runner → first event', runs: base.map((x) => x.loadAttachMs + x.firstEventMs) },
      }),
      figure(s3, '  click → start message sent', 'ms', d(samePage, 'click', 'startSent'), wsNote(samePage)),
      figure(s3, '  start sent → started', 'ms', d(samePage, 'startSent', 'started')),
      figure(s3, '  started → attached (load + attach)', 'ms', d(samePage, 'started', 'attached'), {
        baseline: { name: 'runner → ready', runs: cb('loadAttachMs') },
      }),
    );
    const s4 = 'click→output, C program `trace`, clicked right at `load` (no idle time before the click; object cached)';
    figures.push(
      figure(s4, 'click → attached', 'ms', d(atLoad, 'click', 'attached'), {
        baseline: { name: 'shell: runner → ready', runs: cb('loadAttachMs') },
      }),
      figure(s4, '  click → start message sent', 'ms', d(atLoad, 'click', 'startSent'), wsNote(atLoad)),
    );
    figures.push(
      figure('click→output, bpftrace one-liner `contar-syscalls`', 'click → "Attaching N probes" (fresh page)', 'ms', bt, {
        baseline: { name: 'same script in a plain node-pty', runs: btBase },
      }),
      figure('click→output, bpftrace one-liner `contar-syscalls`', 'click → "Attaching N probes" (again, same page)', 'ms', btAgain, {
        baseline: { name: 'same script in a plain node-pty', runs: btBase },
      }),
    );
  }

  // ── throughput ──────────────────────────────────────────────────────────
  if (want('throughput')) {
    const runs: Record<string, StreamRun[]> = { taller: [], tallerRaw: [], ptyRaw: [], ptyXterm: [], wetty: [] };
    for (let i = 0; i < STREAM_RUNS; i++) {
      log(`throughput run ${i + 1}/${STREAM_RUNS}`);
      runs.taller.push(await streamTaller(server, true));
      runs.tallerRaw.push(await streamTaller(server, false));
      runs.ptyRaw.push(await streamPlainPty(false));
      runs.ptyXterm.push(await streamPlainPty(true));
      if (wetty) runs.wetty.push(await streamWetty(wetty));
    }
    raw.throughput = runs;
    const m = (k: string) => runs[k].map((r) => r.mbps);
    const s = 'terminal throughput, 80 MB (`head -c 80000000 /dev/zero | tr "\\0" x`)';
    figures.push(
      figure(s, 'pty → WebSocket → headless xterm (acks from write callback)', 'MB/s', m('taller'), {
        baseline: { name: 'plain pty read, the ceiling', runs: m('ptyRaw') },
      }),
      figure(s, 'same, against plain pty → headless xterm', 'MB/s', m('taller'), {
        baseline: { name: 'plain pty → headless xterm', runs: m('ptyXterm') },
      }),
    );
    if (wetty)
      figures.push(
        figure(s, 'same, against wetty → headless xterm', 'MB/s', m('taller'), {
          baseline: { name: `wetty ${WETTY_VERSION}`, runs: m('wetty') },
        }),
      );
    figures.push(
      figure(s, 'pty → WebSocket → raw reader (acks on arrival)', 'MB/s', m('tallerRaw'), {
        baseline: { name: 'plain pty read', runs: m('ptyRaw') },
      }),
    );
    const w = (k: string, f: keyof StreamRun) => runs[k].map((r) => Number(r[f]));
    figures.push(
      figure(
        s,
        'server CPU during the stream (xterm consumer)',
        'ms',
        w('taller', 'cpuMs'),
        wetty ? { baseline: { name: 'wetty', runs: w('wetty', 'cpuMs') } } : {},
      ),
      figure(
        s,
        'server peak RSS during the stream',
        'KiB',
        w('taller', 'peakKiB'),
        wetty ? { baseline: { name: 'wetty', runs: w('wetty', 'peakKiB') } } : {},
      ),
      figure(
        s,
        'server peak RSS growth over its RSS before the stream',
        'KiB',
        runs.taller.map((r) => Number(r.peakKiB) - Number(r.startKiB)),
        wetty ? { baseline: { name: 'wetty', runs: runs.wetty.map((r) => Number(r.peakKiB) - Number(r.startKiB)) } } : {},
      ),
    );
  }

  // ── Detener ─────────────────────────────────────────────────────────────
  if (want('detener')) {
    const stop: number[] = [];
    const ctrlc: number[] = [];
    const plain: number[] = [];
    const wc: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      log(`Detener run ${i + 1}/${RUNS}`);
      stop.push(await detenerTaller(server, 'stop'));
      ctrlc.push(await detenerTaller(server, 'ctrl-c'));
      plain.push(await ctrlCPlainPty());
      if (wetty) wc.push(await ctrlCWetty(wetty));
    }
    raw.detener = { stop, ctrlc, plain, wetty: wc };
    const s = 'Detener during `yes` (message sent → prompt parsed by the headless xterm)';
    figures.push(
      figure(s, 'Detener (stop message)', 'ms', stop, { baseline: { name: 'Ctrl-C in a plain pty', runs: plain } }),
      figure(s, 'Ctrl-C typed in the terminal', 'ms', ctrlc, { baseline: { name: 'Ctrl-C in a plain pty', runs: plain } }),
    );
    if (wetty) figures.push(figure(s, 'Ctrl-C, against wetty', 'ms', ctrlc, { baseline: { name: 'Ctrl-C in wetty', runs: wc } }));
  }

  // ── echo ────────────────────────────────────────────────────────────────
  if (want('echo')) {
    log(`echo: ${ECHO_KEYS} keystrokes idle and during a flood in a second terminal, per path`);
    const t: EchoResult = await echoTaller(server, ECHO_KEYS);
    const p: EchoResult = await echoPlainPty(ECHO_KEYS);
    const w: EchoResult | null = wetty ? await echoWetty(wetty, ECHO_KEYS) : null;
    raw.echo = { taller: t, plainPty: p, wetty: w };
    const s = `keystroke echo into \`cat >/dev/null\` (${ECHO_KEYS} keys; flood = \`yes\` in a second terminal, read by another process)`;
    const pct = (xs: number[], q: number) => [percentile(xs, q)];
    for (const [label, key, q] of [
      ['p50 idle', 'idle', 50],
      ['p99 idle', 'idle', 99],
      ['p50 during the flood', 'flood', 50],
      ['p99 during the flood', 'flood', 99],
    ] as const) {
      figures.push(figure(s, label, 'ms', pct(t[key], q), { baseline: { name: 'plain pty', runs: pct(p[key], q) }, n: t[key].length }));
      if (w)
        figures.push(
          figure(s, `${label}, against wetty`, 'ms', pct(t[key], q), {
            baseline: { name: 'wetty', runs: pct(w[key], q) },
            n: t[key].length,
          }),
        );
    }
    notes.push(
      `echo flood volume while measuring: taller ${(t.floodBytes / 1e6).toFixed(0)} MB, plain pty ${(p.floodBytes / 1e6).toFixed(0)} MB` +
        (w ? `, wetty ${(w.floodBytes / 1e6).toFixed(0)} MB` : ''),
    );
  }

  const out = { machine, runs: RUNS, streamRuns: STREAM_RUNS, figures, notes, raw };
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(`\n${table(figures)}\n\n`);
  for (const n of notes) process.stdout.write(`note: ${n}\n`);
  process.stdout.write(`machine: ${machine.cpu}, ${machine.cores} cores, Linux ${machine.kernel}, Node ${machine.node}, ${machine.date}\n`);
  process.stdout.write('written: bench/results.json\n');
}

async function cleanup() {
  await browser?.close().catch(() => {});
  for (const s of extraServers) await s.stop().catch(() => {});
  await server?.stop().catch(() => {});
  await wetty?.stop().catch(() => {});
  for (const d of caches) rmSync(d, { recursive: true, force: true });
}

main()
  .then(cleanup)
  .catch(async (e) => {
    console.error(e);
    await cleanup();
    process.exitCode = 1;
  });
