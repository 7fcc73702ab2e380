// `npm run test:kernels`: the kernel lab. Builds (or finds in its cache) each
// environment, runs the suite in it, and writes what it found to
// docs/compatibility.md and src/data/compatibility.json. Fails on any failed
// block, exercise or verifier case, on anything left in a kernel, and on any
// environment that could not be built or booted, with the cause.
//
//   npm run test:kernels                 every environment
//   npm run test:kernels -- B D          some of them
//   npm run test:kernels -- --refresh    re-read the package lists first
//   npm run test:kernels -- B --interrupt-check   also prove an interrupted run leaves nothing
//                                        (always done first when every environment runs)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENVIRONMENTS, USERLANDS, type Environment, type Userland } from './environments.ts';
import { LabError, SuiteApt } from './apt.ts';
import { cacheDir } from './cache.ts';
import { kernelImage, userlandImage, type UserlandImage } from './images.ts';
import { runGuest, running as guests } from './qemu.ts';
import { chroots, killChroot, runChroot } from './chroot.ts';
import { writeReports } from './report.ts';
import { interruptChecks } from './interrupt-check.ts';
import type { LabReport, SuiteReport } from './results.ts';

const ROOT = join(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const wanted = argv.filter((a) => /^[A-Z]$/.test(a));
const envs = ENVIRONMENTS.filter((e) => wanted.length === 0 || wanted.includes(e.id));
const refresh = argv.includes('--refresh');
/** Used by the interruption check: it interrupts the run, so there is nothing to report. */
/**
 * `--lesson=slug[,slug]`: only those lessons' blocks and exercises (and no verifier corpus), to try a
 * lesson while writing it; nothing is reported, since the results cover only part of the workshop.
 */
const lessonFilter = argv.find((a) => a.startsWith('--lesson='))?.slice('--lesson='.length);
const noReport = argv.includes('--no-report') || lessonFilter !== undefined;
/** Every environment (no filter): the interruption check runs first. */
const full = wanted.length === 0 && lessonFilter === undefined;
/** A whole guest run (boot + suite) may take this long under TCG. */
const GUEST_MS = 25 * 60_000;

const say = (s: string) => process.stdout.write(`[lab] ${s}\n`);

/** The host tools the lab needs, each with the Debian package that has it. */
const HOST_TOOLS: Array<[string, string]> = [
  ['qemu-system-x86_64', 'qemu-system-x86'],
  ['mmdebstrap', 'mmdebstrap'],
  ['depmod', 'kmod'],
  ['cpio', 'cpio'],
  ['xz', 'xz-utils'],
  ['zstd', 'zstd'],
  ['unshare', 'util-linux'],
];

function checkHost(): void {
  if (process.geteuid?.() !== 0) throw new LabError('the lab needs root (npm run test:kernels asks for sudo)');
  const missing = HOST_TOOLS.filter(([tool]) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
  if (missing.length) {
    throw new LabError(
      `missing on this machine: ${missing.map(([t]) => t).join(', ')}; install with: apt-get install ${missing.map(([, p]) => p).join(' ')}`,
    );
  }
}

// Everything this run makes lives in one private folder, removed at the end.
const runDir = mkdtempSync(join(cacheDir('runs'), 'run-'));
let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  for (const q of guests) q.kill('SIGKILL');
  for (const cg of [...chroots]) await killChroot(cg).catch((err) => say((err as Error).message));
  // The chroots' mounts live in their own namespaces; a bind mount under runDir would only exist if one
  // escaped: refuse to delete through it rather than delete the userland or the checkout.
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter((l) => l.split(' ')[4]?.startsWith(runDir));
  if (mounts.length) say(`left mounted (not removed): ${mounts.map((l) => l.split(' ')[4]).join(', ')}`);
  else rmSync(runDir, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => {
    say(`interrupted (${sig}): stopping guests and chroots, removing ${runDir}`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** A copy of the checkout for one userland, with the runner built by that userland's compilers. */
async function projectCopy(u: UserlandImage): Promise<string> {
  const dir = join(runDir, `taller-${u.name}`);
  if (existsSync(dir)) return dir;
  cpSync(ROOT, dir, {
    recursive: true,
    filter: (src) =>
      !/\/(\.git|bpf\/\.output|\.astro)$/.test(src.slice(ROOT.length)) && !src.slice(ROOT.length).startsWith('/tests/scratch'),
  });
  const status = await runChroot(u.root, dir, runDir, 'make -s -C bpf', (l) => say(`  ${u.name} make: ${l}`));
  if (status !== 0) throw new LabError(`make -C bpf failed in the ${u.name} userland (status ${status})`);
  return dir;
}

const images = new Map<string, { apt: SuiteApt; userland: UserlandImage }>();
async function userlandFor(name: Userland['name']) {
  let got = images.get(name);
  if (!got) {
    const apt = new SuiteApt(USERLANDS[name]);
    say(`${name}: package lists ${apt.refresh(refresh)}`);
    const t = Date.now();
    const userland = await userlandImage(apt);
    say(`${name}: userland ${userland.hit ? 'from the cache' : `built in ${((Date.now() - t) / 1000).toFixed(0)} s`} (${userland.root})`);
    got = { apt, userland };
    images.set(name, got);
  }
  return got;
}

const lessonArgs = lessonFilter === undefined ? [] : ['--lessons', lessonFilter.replace(/[^a-z0-9,-]/g, '')];
const suiteCommand = (env: Environment, out: string) =>
  `node --import tsx lab/suite.ts --env ${env.id} --out ${out}${env.subset ? ` --subset ${env.subset}` : ''}${lessonArgs.map((a) => ` ${a}`).join('')}`;

async function runEnvironment(env: Environment): Promise<LabReport['environments'][number]> {
  const started = Date.now();
  const base = { id: env.id, kind: env.kind, bootSeconds: null as number | null };
  const out = join(runDir, `${env.id}.json`);
  const relay = (l: string) => say(`  ${env.id} | ${l}`);
  if (env.kind === 'host') {
    const status = await new Promise<number>((resolve) => {
      const p = spawn(process.execPath, ['--import', 'tsx', 'lab/suite.ts', '--env', env.id, '--out', out, ...lessonArgs], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      p.on('exit', (c) => resolve(c ?? 1));
    });
    if (status !== 0) throw new LabError(`the suite exited with ${status} on the host`);
  } else if (env.kind === 'chroot') {
    const { userland } = await userlandFor(env.userland!);
    const copy = await projectCopy(userland);
    const status = await runChroot(userland.root, copy, runDir, suiteCommand(env, `/taller/.lab-${env.id}.json`), relay);
    if (status !== 0) throw new LabError(`the suite exited with ${status} in the ${env.userland} chroot`);
    cpSync(join(copy, `.lab-${env.id}.json`), out);
  } else {
    const { apt, userland } = await userlandFor(env.userland!);
    const t = Date.now();
    const kernel = await kernelImage(apt, env.kernel!, userland);
    say(`${env.id}: kernel ${kernel.release} ${kernel.hit ? 'from the cache' : `prepared in ${((Date.now() - t) / 1000).toFixed(0)} s`}`);
    const copy = await projectCopy(userland);
    say(`${env.id}: booting ${kernel.release} under qemu (TCG)`);
    const run = await runGuest(kernel, userland, copy, suiteCommand(env, `/taller/.lab-${env.id}.json`) + '\n', GUEST_MS, relay);
    base.bootSeconds = run.bootSeconds;
    if (run.bootSeconds === null) throw new LabError(`the ${kernel.release} guest never reached its init:\n${run.console.slice(-3000)}`);
    if (run.status !== 0)
      throw new LabError(`the suite exited with ${run.status ?? 'no status (guest crashed or timed out)'} in the ${kernel.release} guest`);
    cpSync(join(copy, `.lab-${env.id}.json`), out);
  }
  const report: SuiteReport = JSON.parse(readFileSync(out, 'utf8'));
  return { ...base, suiteSeconds: (Date.now() - started) / 1000, report };
}

/** The checkout's commit; root reading a learner's checkout must name it safe for git (one command only). */
function commitOf(dir: string): string {
  const r = spawnSync('git', ['-c', `safe.directory=${dir}`, '-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'sin-git';
}

let failed = 0;
const lab: LabReport = {
  date: new Date().toISOString(),
  commit: commitOf(ROOT),
  environments: [],
};
try {
  checkHost();
  if (full || argv.includes('--interrupt-check')) failed += await interruptChecks(say);
  for (const env of envs) {
    say(`environment ${env.id} (${env.kind}${env.userland ? `, ${env.userland}` : ''}${env.kernel ? `, kernel ${env.kernel}` : ''})`);
    try {
      const r = await runEnvironment(env);
      lab.environments.push(r);
      const s = r.report!;
      const all = [...s.blocks, ...s.exercises, ...s.verifier];
      const count = (o: string) => all.filter((x) => x.outcome === o).length;
      failed += count('fail') + s.leftovers.length;
      say(
        `${env.id}: ${count('ok')} ok, ${count('unavailable')} expected-unavailable, ${count('fail')} fail, ${s.leftovers.length} left in the kernel; boot ${r.bootSeconds?.toFixed(1) ?? '—'} s, suite ${r.suiteSeconds.toFixed(0)} s`,
      );
    } catch (err) {
      failed++;
      lab.environments.push({
        id: env.id,
        kind: env.kind,
        bootSeconds: null,
        suiteSeconds: 0,
        report: null,
        error: (err as Error).message,
      });
      say(`${env.id}: FAILED: ${(err as Error).message}`);
    }
  }
  if (!noReport) {
    writeReports(lab, ROOT);
    writeFileSync(join(cacheDir(), 'last-run.json'), JSON.stringify(lab, null, 2) + '\n');
  }
} catch (err) {
  failed++;
  say(`FAILED: ${(err as Error).message}`);
} finally {
  await cleanup();
}
say(failed ? `${failed} failures` : 'every environment passed');
process.exit(failed ? 1 : 0);
