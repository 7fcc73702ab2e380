// What the kernel lab found, as the site reads it (src/data/compatibility.json,
// written by lab/report.ts): which environments ran the workshop, with which
// kernel and tools, and each block's and exercise's outcome in each of them.

/** ok · unavailable (expected: the doctor said why and readiness agreed) · fail. */
export type Outcome = 'ok' | 'unavailable' | 'fail';

/** Tool versions of one environment. */
export interface Versions {
  /** PRETTY_NAME of /etc/os-release. */
  distro: string;
  kernel: string;
  clang: string;
  bpftrace: string;
  libbpf: string;
  bpftool: string;
  node: string;
}

export interface CompatEnvironment extends Versions {
  id: string;
  kind: string;
  /** all: the whole suite; targeted: C programs and kernel-feature blocks only. */
  subset: 'all' | 'targeted';
  bootSeconds: number | null;
  suiteSeconds: number;
  date: string;
  commit: string;
  counts: Record<Outcome, number>;
}

export interface Compatibility {
  environments: CompatEnvironment[];
  /** block id → environment id → outcome (absent: not run there, e.g. outside a targeted subset). */
  blocks: Record<string, { lesson: string; results: Record<string, Outcome>; reasons: Record<string, string> }>;
  exercises: Record<string, { lesson: string; results: Record<string, Outcome>; reasons: Record<string, string> }>;
  /** environment id → verifier corpus cases read as expected / total. */
  verifier: Record<string, { ok: number; total: number; failing: string[] }>;
}
