#!/usr/bin/env node
// The one entry point of `npm start`, `npm test`, `npm run test:soak` and
// `npm run bench` and `npm run test:kernels`:
//
//   node setup/launch.mjs start|test|soak|bench|kernels [args…]
//
// 1. Privileges. Loading BPF programs needs root. A learner who is not root but
//    can use sudo is asked for their password once, here, in this terminal
//    (never in the page), and this same script runs again under sudo. Without
//    sudo rights, the site still starts (lessons are readable) and every block
//    says what is missing and how to fix it; the tests refuse with the same words.
// 2. Setup (steps.mjs). Build steps run as the checkout's owner, root steps as root.
// 3. The target: the compiled server (plain JavaScript, setup/build-server.mjs) in this process, or the
//    test/bench runner under the machine-wide kernel lock (in root's private folder, see
//    workspace/private-dir.mjs).
//
// tsx (tests, benchmarks) runs with its disk cache off: the cache lives at a fixed name in the shared
// temporary folder (/tmp/tsx-<uid>), where another local user could plant code.
// Plain JavaScript with Node built-ins only: it runs before `npm ci`.
import { spawn } from 'node:child_process';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NEED_ADMIN, privilegeFix, probeSudo } from '../lib/privileges.mjs';
import { ROOT, SetupError, checkoutOwner, passwdEntry, reclaimCheckout, say, setupAll } from './steps.mjs';
import { ROOT_BASE, privateBase } from '../server/workspace/private-dir.mjs';
import { fill } from '../lib/messages/fill.mjs';
import { setup as t } from '../lib/messages/es/setup.mjs';

/** @type {Record<string, { script?: string[], forTests: boolean }>} */
const TARGETS = {
  start: { forTests: false },
  test: { script: ['tests/run.ts'], forTests: true },
  soak: { script: ['tests/run.ts', '--soak', 'soak/'], forTests: true },
  bench: { script: ['bench/run.ts'], forTests: true },
  kernels: { script: ['lab/run.ts'], forTests: true },
};

/**
 * Environment a sudo re-run keeps (sudo resets the rest): exact names only. Never a path (content, site,
 * cache folders): those would let the learner's environment point the root server somewhere else.
 * TALLER_KERNEL_LOCK lets a test run nested in a locked run skip the lock it already holds.
 */
const KEEP_ENV = new Set([
  'PORT',
  'TALLER_MAX_TERMINALS',
  'TALLER_RUN_TIMEOUT_MS',
  'TALLER_IDLE_TIMEOUT_MS',
  'TALLER_MAX_MESSAGE_BYTES',
  'TALLER_WARM_CACHE',
  'TALLER_KERNEL_LOCK',
  'NO_COLOR',
  'CI',
  'LANG',
  'LC_ALL',
  'TERM',
  'COLORTERM',
]);

const [targetName = 'start', ...rest] = process.argv.slice(2);
const target = TARGETS[targetName];
if (!target) {
  console.error(`[taller] ${fill(t['launch.unknownTarget'], { target: targetName })}`);
  process.exit(2);
}

/**
 * Runs `cmd` with our stdio and exits with its status (after `then`); Ctrl-C reaches it directly from the terminal.
 * @param {string} cmd @param {string[]} args @param {() => void} [then]
 */
function handOver(cmd, args, then = () => {}) {
  const child = spawn(cmd, args, { stdio: 'inherit', cwd: ROOT });
  for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    then();
    process.exit(code ?? (signal ? 128 + 2 : 1));
  });
}

const status = probeSudo();
const user = userInfo().username;

if (status === 'sudo-ready' || status === 'sudo-password') {
  if (status === 'sudo-password') {
    say(t['launch.sudoAsks']);
  }
  say(t['launch.buildStaysYours']);
  const keep = Object.entries(process.env)
    .filter(([k, v]) => KEEP_ENV.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${v}`);
  const launch = fileURLToPath(import.meta.url);
  const ask = status === 'sudo-ready' ? ['-n'] : ['-p', t['launch.sudoPrompt']];
  handOver('sudo', [...ask, '--', '/usr/bin/env', ...keep, process.execPath, launch, targetName, ...rest]);
} else {
  await main();
}

async function main() {
  const root = status === 'root';
  if (!root) {
    const fix = privilegeFix(status, user);
    if (target.forTests) {
      console.error(`[taller] ${fill(t['launch.testsNeedAdmin'], { needAdmin: NEED_ADMIN, fix: capital(fix) })}`);
      process.exit(1);
    }
    console.warn(`\n[taller] ⚠  ${capital(NEED_ADMIN)}: ${fix}`);
    console.warn(`[taller] ⚠  ${t['launch.readOnly']}\n`);
  }
  // The build steps run as the checkout's owner: nothing root-owned lands in the checkout or a home.
  const learner = root ? checkoutOwner() : (passwdEntry(process.getuid?.() ?? 0) ?? checkoutOwner());
  // Under sudo, only the learner's own checkout (or root's): root would run another account's code.
  const sudoUid = Number(process.env.SUDO_UID ?? NaN);
  if (root && Number.isInteger(sudoUid) && learner.uid !== 0 && learner.uid !== sudoUid) {
    console.error(`[taller] ${fill(t['launch.foreignCheckout'], { path: ROOT, owner: learner.name })}`);
    process.exit(1);
  }
  let built;
  try {
    built = setupAll({ forTests: target.forTests, root, sudo: status !== 'no-sudo', learner });
  } catch (err) {
    if (err instanceof SetupError) {
      console.error(`[taller] ${fill(t['launch.error'], { message: err.message })}`);
      process.exit(1);
    }
    throw err;
  }
  process.env.TSX_DISABLE_CACHE = '1';
  process.env.TALLER_SUDO_STATUS = status;
  if (!target.script) {
    // The compiled server (steps.mjs built it from the current sources), in this same process.
    await import(pathToFileURL(built.server).href);
    return;
  }
  // Tests and benchmarks share kernel state (tracefs, pins): one run at a time per machine. A run
  // started from inside one (a test that runs `npm test` as another account) already holds the lock.
  const lock = join(privateBase() ?? ROOT_BASE, 'kernel.lock');
  const node = [process.execPath, '--import', 'tsx', ...target.script, ...rest];
  const locked = process.env.TALLER_KERNEL_LOCK === 'held';
  process.env.TALLER_KERNEL_LOCK = 'held';
  const [cmd, ...args] = locked ? node : ['flock', lock, ...node];
  handOver(cmd, args, () => {
    const n = reclaimCheckout(learner);
    if (n > 0) say(fill(t['launch.reclaimed'], { count: n, user: learner.name }));
  });
}

function capital(/** @type {string} */ s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
