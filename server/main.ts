// Entry point: only wires the modules together.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig, LOOPBACK } from './config.ts';
import { SHUTDOWN } from './limits.ts';
import { fill } from '../lib/messages/fill.mjs';
import { setup as t } from '../lib/messages/es/setup.mjs';
import { createGate, type Gate } from './auth.ts';
import { createSiteHandler, sendJson, type ApiRoute } from './http/site.ts';
import { diagnosticsRoute } from './http/diagnostics.ts';
import {
  READINESS_PATH,
  REQUIREMENTS_PATH,
  SESSION_PATH,
  type ReadinessBody,
  type RequirementsBody,
  type SessionBody,
} from '../lib/protocol.ts';
import { loadLessons } from './runs/built-table.ts';
import { loadExerciseContents } from './exercises/contents.ts';
import { exerciseBlock } from './exercises/block.ts';
import { assessThisMachine } from './requirements/index.ts';
import { allNeededOk } from './requirements/checks.ts';
import { summary } from './requirements/report.ts';
import { blockReadiness } from './requirements/readiness.ts';
import { CgroupPool } from './processes/cgroup.ts';
import { cleanLeftovers } from './processes/leftovers.ts';
import { cleanStaleNamespaces, destroyAllSandboxes } from './processes/sandbox.ts';
import { isAlive } from './proc.ts';
import { createRunDirs } from './workspace/run-dirs.ts';
import { PrivateDirError, ensurePrivateDir } from './workspace/private-dir.mjs';
import { privilegeRefusal } from './requirements/privilege-words.ts';
import { kernelKey } from './processes/vmlinux-header.ts';
import { cleanTracefsInstances, lessonPins, removePins } from './processes/bpf-cleanup.ts';
import { createTerminalGateway } from './terminals/gateway.ts';
import { startWarmCache, warmJobs, type WarmCache } from './processes/warm-cache.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const config = loadConfig(process.argv.slice(2), process.env, ROOT.replace(/\/$/, ''));
const isRoot = process.getuid?.() === 0;

const lessons = await loadLessons(ROOT, config.contentDir);
const runs = new Map(lessons.table);
// An exercise's editor is a runnable block too (the exercises always come from the checkout's content).
for (const block of (await loadExerciseContents(ROOT, `${ROOT}content`)).map(exerciseBlock)) runs.set(block.id, block);
const { lessonRequires } = lessons;
const runnerPath = `${ROOT}bpf/.output/runner`;

// Clean what an earlier server (crashed, killed) left behind, and say so.
let dirs;
// Tests give their own compile cache; it must be a private folder like ours (never a shared path).
let cacheDir: string | undefined;
try {
  if (process.env.TALLER_BUILD_CACHE) cacheDir = ensurePrivateDir(process.env.TALLER_BUILD_CACHE);
  dirs = createRunDirs({ bpfDir: `${ROOT}bpf`, root: isRoot, sudoRefusal: privilegeRefusal() });
} catch (err) {
  if (!(err instanceof PrivateDirError)) throw err;
  console.error(`[taller] ${fill(t['launch.error'], { message: err.message })}`);
  process.exit(1);
}
const runDirs = dirs;
process.on('exit', () => runDirs.remove());
const cgroups = new CgroupPool();
// The lessons' pins are shared names: those another running workshop server claims are its learner's.
const allPins = lessonPins(runs);
const pins = () => {
  const others = runDirs.pinsOfOthers();
  return allPins.filter((p) => !others.has(p));
};
// The requirements are probed (tools' versions, the runner's fentry probe: their own processes) while
// the leftovers of dead servers are cleaned.
const assessing = assessThisMachine(runnerPath);
const stale = (await cleanLeftovers(cgroups, pins())) + cleanStaleNamespaces(isAlive);
if (stale > 0) console.log(`[taller] ${fill(t['server.cleaned'], { count: stale })}`);

// Requirements: checked at start (one-line summary), again whenever the page asks.
let { checks, bpftrace } = await assessing;
console.log(
  `[taller] ${fill(t[allNeededOk(checks) ? 'server.requirements' : 'server.requirementsDetails'], { summary: summary(checks) })}`,
);
const readiness = () =>
  Object.fromEntries([...runs.values()].map((b) => [b.id, blockReadiness(b, lessonRequires.get(b.lesson), checks, bpftrace)]));

if (!LOOPBACK.has(config.host)) {
  console.warn(`\n[taller] ${fill(t['server.notLoopback'], { host: config.host, who: isRoot ? 'root' : t['server.asYou'] })}\n`);
}

let gate: Gate | null = null;
const getGate = (): Gate => {
  if (!gate) throw new Error('gate not ready');
  return gate;
};

const terminals = createTerminalGateway(getGate, {
  config,
  runs,
  cgroups,
  recipeContext: {
    workDir: runDirs.work,
    runnerPath,
    cacheDir: cacheDir ?? runDirs.cache,
    newScratch: runDirs.scratch,
    binDir: runDirs.bin,
  },
  afterRun: () => {
    cleanTracefsInstances();
    runDirs.claimPins(allPins.filter((p) => existsSync(p)));
  },
});
const routes: ApiRoute[] = [
  { method: 'GET', path: SESSION_PATH, handler: (_req, res) => sendJson(res, 200, { ok: true, root: isRoot } satisfies SessionBody) },
  diagnosticsRoute(cacheDir ?? runDirs.cache),
  {
    method: 'GET',
    path: READINESS_PATH,
    handler: (_req, res) => sendJson(res, 200, { blocks: readiness(), bpftrace } satisfies ReadinessBody),
  },
  {
    method: 'GET',
    path: REQUIREMENTS_PATH,
    handler: async (_req, res) => {
      ({ checks, bpftrace } = await assessThisMachine(runnerPath));
      sendJson(res, 200, { checks, summary: summary(checks), ok: allNeededOk(checks) } satisfies RequirementsBody);
    },
  },
];
const server = createServer(createSiteHandler(getGate, config.distDir, routes));
server.on('upgrade', terminals.onUpgrade);
server.headersTimeout = 10_000;
server.requestTimeout = 30_000;

server.listen(config.port, config.host, () => {
  const { port } = server.address() as AddressInfo;
  const extra = LOOPBACK.has(config.host) ? [] : [config.host.includes(':') ? `[${config.host}]` : config.host];
  gate = createGate(port, undefined, extra);
  const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(
    `[taller] ${fill(t[cgroups.available ? 'server.blocks' : 'server.blocksNoCgroups'], { count: runs.size, max: config.maxTerminals })}`,
  );
  console.log(`[taller] ${t['server.ready']}`);
  console.log(`http://${shownHost}:${port}/?token=${gate.token}`);
  // The running kernel's key (a hash of its 5 MB BTF, ~10 ms, remembered for this boot): once the URL is
  // out, so that neither the start nor the learner's first Ejecutar waits for it.
  setImmediate(() => {
    kernelKey(undefined, cacheDir ?? runDirs.cache);
    if (config.warmCache) warmUp();
  });
});

let warm: WarmCache | null = null;
/** The lessons' C blocks compiled ahead of the learner's clicks (processes/warm-cache.ts); says when done. */
function warmUp(): void {
  warm = startWarmCache(warmJobs(runs.values()), cacheDir ?? runDirs.cache);
  void warm?.done.then((r) => {
    if (r && r.compiled > 0 && !closing)
      console.log(`[taller] ${fill(t['server.warmed'], { compiled: r.compiled, cached: r.cached, seconds: (r.ms / 1000).toFixed(1) })}`);
  });
}

server.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    console.error(`[taller] ${fill(t['server.portInUse'], { port: config.port })}`);
  } else {
    console.error(`[taller] ${fill(t['server.error'], { message: err.message })}`);
  }
  process.exit(1);
});

let closing = false;
function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`[taller] ${fill(t['server.closing'], { signal })}`);
  terminals.closeAll();
  warm?.stop();
  destroyAllSandboxes();
  // Give killed runners a moment to release their tracefs instances, then clean.
  setTimeout(() => {
    cleanTracefsInstances();
    removePins(pins());
  }, SHUTDOWN.cleanAfterMs).unref();
  server.close(() => setTimeout(() => process.exit(0), SHUTDOWN.exitAfterCloseMs));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), SHUTDOWN.forceExitMs).unref();
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
// Closing the learner's terminal window: clean up as for Ctrl-C.
process.on('SIGHUP', () => shutdown('SIGHUP'));
