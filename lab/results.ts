// What one environment's suite reports (written as JSON by suite.ts, read by
// the orchestrator and the report). Defined once here.

import type { Outcome, Versions } from '../lib/compatibility.ts';

export type { Outcome, Versions };

export interface BlockResult {
  id: string;
  lesson: string;
  kind: string;
  outcome: Outcome;
  /** Why: readiness's Spanish reason (unavailable), or what went wrong (fail). */
  reason?: string;
  seconds: number;
}

export interface ExerciseResult {
  id: string;
  lesson: string;
  /** The start must fail its judge, the solution pass it. */
  outcome: Outcome;
  reason?: string;
  seconds: number;
}

export interface VerifierResult {
  kind: string;
  outcome: Outcome;
  /** The cause the reader found on this kernel (expected.json's when ok). */
  cause: string | null;
  reason?: string;
}

export interface SuiteReport {
  env: string;
  versions: Versions;
  doctor: { ok: number; warn: number; fail: number; failing: string[] };
  blocks: BlockResult[];
  exercises: ExerciseResult[];
  verifier: VerifierResult[];
  /** Left in the kernel after the suite (programs, links, pins, processes): must be empty. */
  leftovers: string[];
  seconds: number;
  /** Which part of the suite ran. */
  subset: 'all' | 'targeted';
}

/** The whole lab run: one report per environment plus how long each took to start. */
export interface LabReport {
  date: string;
  commit: string;
  environments: Array<{
    id: string;
    kind: string;
    bootSeconds: number | null;
    suiteSeconds: number;
    report: SuiteReport | null;
    error?: string;
  }>;
}
